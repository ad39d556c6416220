import type { Queryable } from '../db/database';
import { fulfillmentOrdersOf } from '../fulfillment/fulfillment-store';

/**
 * The serial numbers each line of an order shipped with, and their packages: what a return's
 * lines carry so the returns desk can match a returned unit to the serial that left (offline too).
 */
export async function shippedSerialsByLine(q: Queryable, orderId: string): Promise<Map<string, { serial: string; packageId: string }[]>> {
  const byLine = new Map<string, { serial: string; packageId: string }[]>();
  const packages = (await fulfillmentOrdersOf(q, orderId)).flatMap((d) => d.packages.filter((p) => p.shippedAt));
  const units = packages.flatMap((pkg) =>
    pkg.contents.flatMap((c) => (c.units ?? []).map((u) => ({ lineId: c.lineId, serial: u.serial, packageId: pkg.id }))),
  );
  for (const u of units)
    if (u.serial) byLine.set(u.lineId, [...(byLine.get(u.lineId) ?? []), { serial: u.serial, packageId: u.packageId }]);
  return byLine;
}

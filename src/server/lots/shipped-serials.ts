import type { Queryable } from '../db/database';
import { fulfillmentOrdersOf } from '../fulfillment/fulfillment-store';

/**
 * The serial numbers each line of an order shipped with, and their packages: what a return's
 * lines carry so the returns desk can match a returned unit to the serial that left (offline too).
 */
export async function shippedSerialsByLine(q: Queryable, orderId: string): Promise<Map<string, { serial: string; packageId: string }[]>> {
  const byLine = new Map<string, { serial: string; packageId: string }[]>();
  for (const doc of await fulfillmentOrdersOf(q, orderId))
    for (const pkg of doc.packages) {
      if (!pkg.shippedAt) continue;
      for (const c of pkg.contents)
        for (const u of c.units ?? [])
          if (u.serial) byLine.set(c.lineId, [...(byLine.get(c.lineId) ?? []), { serial: u.serial, packageId: pkg.id }]);
    }
  return byLine;
}

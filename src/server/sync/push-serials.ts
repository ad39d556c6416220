import type { FulfillmentStationEvent } from '../../shared/events/station-events';
import type { FulfillmentDocument } from '../../shared/sync/fulfillment-document';
import { serialKey, type PackedSerial, type PackedUnitRow } from '../lots/packed-unit-store';

/** A pushed package holding a serial that is packed in another package: refused alone, with this code. */
export const SERIAL_ALREADY_PACKED = 'serial_already_packed';

/** The (SKU, serial) pairs a pushed package holds; none for other events or an order not on the server. */
export function serialsPackedBy(event: FulfillmentStationEvent, doc: FulfillmentDocument | undefined): { sku: string; serial: string }[] {
  if (event.type !== 'package-created' || !doc) return [];
  return event.payload.contents.flatMap((c) => {
    const sku = doc.lines.find((l) => l.lineId === c.lineId)?.sku;
    return sku ? (c.units ?? []).flatMap((u) => (u.serial ? [{ sku, serial: u.serial }] : [])) : [];
  });
}

/** Why a pushed package may not be recorded: a serial it holds is in another package (null when none is). */
export function serialPackedElsewhere(
  event: FulfillmentStationEvent,
  doc: FulfillmentDocument,
  packed: ReadonlyMap<string, PackedSerial>,
): string | null {
  if (event.type !== 'package-created') return null;
  for (const { sku, serial } of serialsPackedBy(event, doc)) {
    const where = packed.get(serialKey(sku, serial));
    if (where && where.packageId !== event.payload.packageId)
      return `serial ${serial} of ${sku} is already packed (${where.orderNumber ?? where.orderId}, package ${where.packageId})`;
  }
  return null;
}

/** The lots and serials an applied package records (lots/packed-unit-store.ts). */
export function packedUnitsOf(event: FulfillmentStationEvent, doc: FulfillmentDocument): PackedUnitRow[] {
  if (event.type !== 'package-created') return [];
  return event.payload.contents.flatMap((c) => {
    const sku = doc.lines.find((l) => l.lineId === c.lineId)?.sku;
    if (!sku) return [];
    return (c.units ?? []).map((unit) => ({
      id: crypto.randomUUID(),
      packageId: event.payload.packageId,
      fulfillmentOrderId: doc.id,
      orderId: doc.orderId,
      warehouseId: doc.warehouseId,
      lineId: c.lineId,
      sku,
      unit,
      packedAt: event.occurredAt,
    }));
  });
}

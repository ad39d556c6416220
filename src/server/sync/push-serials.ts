import type { FulfillmentStationEvent, PackageCreated } from '../../shared/events/station-events';
import type { z } from 'zod';
import type { FulfillmentDocument } from '../../shared/sync/fulfillment-document';
import { serialKey, type PackedSerial, type PackedUnitRow } from '../lots/packed-unit-store';

type PackageCreatedPayload = z.output<typeof PackageCreated>['payload'];

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
  return event.type === 'package-created' ? packedUnitsOfPackage({ ...event.payload, occurredAt: event.occurredAt }, doc) : [];
}

/** The lots and serials of a package a station packed, as rows to record (a pushed package, or one a supervisor accepted). */
export function packedUnitsOfPackage(
  created: Pick<PackageCreatedPayload, 'packageId' | 'contents'> & { occurredAt: string },
  doc: FulfillmentDocument,
): PackedUnitRow[] {
  return created.contents.flatMap((c) => {
    const sku = doc.lines.find((l) => l.lineId === c.lineId)?.sku;
    if (!sku) return [];
    return (c.units ?? []).map((unit) => ({
      id: crypto.randomUUID(),
      packageId: created.packageId,
      fulfillmentOrderId: doc.id,
      orderId: doc.orderId,
      warehouseId: doc.warehouseId,
      lineId: c.lineId,
      sku,
      unit,
      packedAt: created.occurredAt,
    }));
  });
}

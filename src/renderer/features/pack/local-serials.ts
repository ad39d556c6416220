import type { FulfillmentDocument } from '../../../shared/sync/fulfillment-document';
import type { StationDatabase } from '../../db/station-database';
import { loadView } from './fulfillment-view';

/**
 * Where each serial of a SKU is already scanned or packed in this station's copy: every order of
 * its warehouse holding the SKU, with this station's own events not yet on the server folded in.
 * The station-side half of "a serial is packed once"; the server refuses what slips past
 * (serial_already_packed), e.g. a unit packed at another station while this one was offline.
 */
export async function serialsHeldLocally(db: StationDatabase, stationId: string, sku: string): Promise<Map<string, string>> {
  const docs = (await db.fulfillment_orders.find().exec()).map((d) => d.toJSON() as FulfillmentDocument);
  const holding = docs.filter((d) => d.lines.some((l) => l.sku === sku));
  const where = new Map<string, string>();
  for (const stored of holding) {
    const doc = (await loadView(db, stationId, stored.id))?.doc ?? stored;
    const lineIds = new Set(doc.lines.filter((l) => l.sku === sku).map((l) => l.lineId));
    // A voided package's serials are back among its lines' captured ones.
    const packed = doc.packages.flatMap((p, i) =>
      p.status === 'voided'
        ? []
        : p.contents
            .filter((c) => lineIds.has(c.lineId))
            .flatMap((c) => (c.units ?? []).map((u) => ({ u, at: `${doc.orderNumber}, package ${i + 1}` }))),
    );
    const scanned = doc.lines
      .filter((l) => lineIds.has(l.lineId))
      .flatMap((l) => (l.captured ?? []).map((u) => ({ u, at: `${doc.orderNumber}, scanned` })));
    for (const { u, at } of [...packed, ...scanned]) if (u.serial) where.set(u.serial, at);
  }
  return where;
}

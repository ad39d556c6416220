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
    doc.packages.forEach((p, i) => {
      for (const c of p.contents)
        if (lineIds.has(c.lineId)) for (const u of c.units ?? []) if (u.serial) where.set(u.serial, `${doc.orderNumber}, package ${i + 1}`);
    });
    for (const l of doc.lines)
      if (lineIds.has(l.lineId)) for (const u of l.captured ?? []) if (u.serial) where.set(u.serial, `${doc.orderNumber}, scanned`);
  }
  return where;
}

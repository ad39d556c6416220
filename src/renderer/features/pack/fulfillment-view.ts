import { foldStationView, type StationView } from '../../../shared/sync/fold-view';
import type { FulfillmentDocument } from '../../../shared/sync/fulfillment-document';
import type { StationDatabase } from '../../db/station-database';
import { toEvent } from '../../db/sync-outbox';
import type { OutboxDocument } from '../../db/schemas';

/** Server document + this station's events it has not reflected yet, folded with the shared reducer. */
export function viewOf(doc: FulfillmentDocument, outbox: readonly OutboxDocument[], stationId: string): StationView {
  const events = outbox.filter(countsInView).map(toEvent);
  const pendingIds = new Set(outbox.filter((e) => e.state === 'pending').map((e) => e.id));
  return foldStationView(doc, events, stationId, (e) => pendingIds.has(e.id));
}

/**
 * Pending and applied events shape the view. So does work the server applied but flagged for a
 * supervisor because of who did it (actor_not_authorized): the parcel still left.
 */
export function countsInView(e: OutboxDocument): boolean {
  return e.state === 'pending' || e.state === 'applied' || (e.state === 'conflicted' && e.outcomeCode === 'actor_not_authorized');
}

export async function loadView(db: StationDatabase, stationId: string, fulfillmentOrderId: string): Promise<StationView | null> {
  const doc = await db.fulfillment_orders.findOne(fulfillmentOrderId).exec();
  if (!doc) return null;
  const events = await db.outbox.find({ selector: { subjectId: fulfillmentOrderId }, sort: [{ seq: 'asc' }] }).exec();
  return viewOf(doc.toMutableJSON() as FulfillmentDocument, events.map((e) => e.toMutableJSON() as OutboxDocument), stationId);
}

export function unpackedVerified(doc: FulfillmentDocument) {
  return doc.lines.filter((l) => l.verified > l.packed).map((l) => ({ lineId: l.lineId, quantity: l.verified - l.packed }));
}

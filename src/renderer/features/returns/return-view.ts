import { isReturnEvent, type ReturnStationEvent } from '../../../shared/events/station-events';
import { foldReturnView, type ReturnStationView } from '../../../shared/sync/return-fold';
import type { ReturnStationDocument } from '../../../shared/sync/return-document';
import type { StationDatabase } from '../../db/station-database';
import type { OutboxDocument } from '../../db/schemas';
import { toEvent } from '../../db/sync-outbox';
import { acknowledgedIn, countsInView, notHeldBy } from '../pack/fulfillment-view';

/** Server return + this station's returns-desk events it has not reflected yet, folded with the shared reducer. */
export function returnViewOf(doc: ReturnStationDocument, outbox: readonly OutboxDocument[], stationId: string): ReturnStationView {
  const events = outbox
    .filter(countsInView)
    .map(toEvent)
    .filter((e): e is ReturnStationEvent => isReturnEvent(e));
  return foldReturnView(doc, events, stationId, notHeldBy(doc.version, outbox), acknowledgedIn(outbox));
}

export async function loadReturnView(db: StationDatabase, stationId: string, returnId: string): Promise<ReturnStationView | null> {
  const doc = await db.returns.findOne(returnId).exec();
  if (!doc) return null;
  const events = await db.outbox.find({ selector: { subjectId: returnId }, sort: [{ seq: 'asc' }] }).exec();
  return returnViewOf(
    doc.toMutableJSON() as ReturnStationDocument,
    events.map((e) => e.toMutableJSON() as OutboxDocument),
    stationId,
  );
}

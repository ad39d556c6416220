import { distinctUntilChanged, map, switchMap, type Observable } from 'rxjs';
import type { FulfillmentDocument } from '../../../shared/sync/fulfillment-document';
import type { StationDatabase } from '../../db/station-database';
import { loadOrder, viewOf } from './fulfillment-view';

/** An order this station shipped in full that its stored server copy does not show yet, as that copy has it. */
export interface ShippedHere {
  id: string;
  stored: Pick<FulfillmentDocument, 'status' | 'claimedBy'>;
}

/**
 * Orders this station shipped in full whose shipment has not reached the server yet (offline):
 * they are no longer "to pack" nor "held here", though the stored server copies still say so
 * until the shipment is pushed and pulled back. Read from the outbox's pending shipments, which
 * are few, and folded as the pack screen folds them; a scan's write (not a shipment) changes
 * nothing here.
 */
export function shippedHere(db: StationDatabase, stationId: string): Observable<ShippedHere[]> {
  return db.outbox.find({ selector: { state: 'pending', type: 'package-shipped' } }).$.pipe(
    // A second box of the same order is a new shipment: the events say when to fold again, not their orders.
    distinctUntilChanged((a, b) => a.map((e) => e.id).join() === b.map((e) => e.id).join()),
    map((events) => [...new Set(events.map((e) => e.subjectId))]),
    switchMap(async (ids) => {
      const shipped: ShippedHere[] = [];
      for (const id of ids) {
        const stored = await loadOrder(db, id);
        if (stored && viewOf(stored.doc, stored.events, stationId).doc.status === 'closed')
          shipped.push({ id, stored: { status: stored.doc.status, claimedBy: stored.doc.claimedBy } });
      }
      return shipped;
    }),
  );
}

/** `count` orders stored with `statuses`, less those among them this station already shipped. */
export function lessShippedHere(count: number, shipped: readonly ShippedHere[], statuses: readonly string[], heldBy?: string): number {
  return (
    count - shipped.filter((s) => statuses.includes(s.stored.status) && (heldBy === undefined || s.stored.claimedBy === heldBy)).length
  );
}

import { map, of, switchMap, type Observable } from 'rxjs';
import { OPEN_RETURN_STATUSES, type ReturnStationDocument } from '../../../shared/sync/return-document';
import type { StationDatabase } from '../../db/station-database';
import type { OutboxDocument } from '../../db/schemas';
import { returnViewOf } from './return-view';

/**
 * The desk's list of open returns, each as this station sees it: the stored server copy folded
 * with the station's own events it has not reflected yet, as the open return is. Offline the
 * stored copies lag behind what the desk did, so they alone would list a completed RMA as received.
 */
export function listedReturns(db: StationDatabase, stationId: string, limit: number): Observable<ReturnStationDocument[]> {
  return db.returns
    .find({ selector: { status: { $in: [...OPEN_RETURN_STATUSES] } }, sort: [{ status: 'asc' }, { createdAt: 'asc' }], limit })
    .$.pipe(
      switchMap((stored) => {
        const docs = stored.map((d) => d.toMutableJSON() as ReturnStationDocument);
        if (!docs.length) return of([]);
        return db.outbox.find({ selector: { subjectId: { $in: docs.map((d) => d.id) } }, sort: [{ seq: 'asc' }] }).$.pipe(
          map((found) => {
            const events = found.map((e) => e.toMutableJSON() as OutboxDocument);
            return docs.map(
              (doc) =>
                returnViewOf(
                  doc,
                  events.filter((e) => e.subjectId === doc.id),
                  stationId,
                ).doc,
            );
          }),
        );
      }),
    );
}

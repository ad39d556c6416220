import { combineLatest, map, type Observable } from 'rxjs';
import type { MangoQuerySelector, RxCollection, RxDocument } from 'rxdb/plugins/core';

/**
 * Queries over a few statuses, one status at a time. RxDB plans no index range for `$in`, so a
 * `status: {$in: [...]}` count or list read every document of the collection on each change
 * (10,000 orders: tens of milliseconds, on every scan's write); `status: X` reads only the
 * [status, createdAt] range of X, and a count of it is IndexedDB's own count.
 */
export function countByStatus<D extends { status: string }>(
  collection: RxCollection<D>,
  statuses: readonly D['status'][],
  selector: MangoQuerySelector<D> = {},
): Observable<number> {
  return combineLatest(statuses.map((status) => collection.count({ selector: { ...selector, status } as MangoQuerySelector<D> }).$)).pipe(
    map((counts) => counts.reduce((a, b) => a + b, 0)),
  );
}

/** The first `limit` documents of the statuses in the order given, each status oldest first. */
export function listByStatus<D extends { status: string; createdAt: string }>(
  collection: RxCollection<D>,
  statuses: readonly D['status'][],
  limit: number,
  selector: MangoQuerySelector<D> = {},
): Observable<RxDocument<D>[]> {
  return combineLatest(
    statuses.map(
      (status) =>
        collection.find({
          selector: { ...selector, status } as MangoQuerySelector<D>,
          sort: [{ status: 'asc' }, { createdAt: 'asc' }] as never,
          limit,
        }).$,
    ),
  ).pipe(map((lists) => lists.flat().slice(0, limit)));
}

import type { Queryable } from '../db/database';
import { toInt } from '../db/database';
import type { Row } from '../db/schema';
import type { BinLocationDocument } from '../../shared/sync/bin-location-document';
import type { PullResponse, PulledDocument } from '../../shared/sync/sync-protocol';
import { binDocuments, readPickMode } from './bin-store';

/**
 * Checkpoint pull of a warehouse's bins (collection `bins`), on the shared revision counter. A
 * pack-only warehouse's stations hold no bins: its bins arrive as tombstones (none on a first
 * pull: a fresh station has nothing to delete), so "the station has bins" means "it picks". A
 * removed bin arrives as a tombstone too.
 */
export async function pullBins(
  db: Queryable,
  warehouseId: string,
  request: { checkpoint: { rev: number } | null; limit: number },
): Promise<PullResponse<BinLocationDocument>> {
  const since = request.checkpoint?.rev ?? 0;
  const rows = await db.query<Row<'bin_locations'>>(
    'select * from bin_locations where warehouse_id = $1 and rev > $2 order by rev limit $3',
    [warehouseId, since, request.limit],
  );
  const picks = (await readPickMode(db, warehouseId)) === 'pick-and-pack';
  // A removed bin is a tombstone (none on a first pull), as is every bin of a pack-only warehouse.
  const inUse = picks ? rows.filter((r) => r.removed_at === null) : [];
  const live = new Map((await binDocuments(db, inUse)).map((d) => [d.id, d]));
  const documents = rows.flatMap((r): PulledDocument<BinLocationDocument>[] => {
    const doc = live.get(r.id);
    if (doc) return [{ ...doc, _deleted: false as const }];
    return since > 0 ? [{ id: r.id, _deleted: true as const }] : [];
  });
  const last = rows.length ? toInt(rows[rows.length - 1]!.rev) : since;
  let remaining = 0;
  if (rows.length === request.limit) {
    const [count] = await db.query<{ n: unknown }>('select count(*) as n from bin_locations where warehouse_id = $1 and rev > $2', [
      warehouseId,
      last,
    ]);
    remaining = toInt(count!.n);
  }
  return { documents, checkpoint: { rev: last }, remaining };
}

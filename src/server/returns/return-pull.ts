import type { Queryable } from '../db/database';
import { toInt } from '../db/database';
import { isOpenReturn, type ReturnStationDocument } from '../../shared/sync/return-document';
import type { PullResponse, PulledDocument } from '../../shared/sync/sync-protocol';
import type { ReturnStatus } from '../../shared/domain/return-status';
import { loadReturn } from './return-store';

/**
 * Checkpoint pull of a warehouse's open returns (the 'returns' replication collection), on the
 * same revision counter as fulfillment orders. A return's warehouse is fixed once it is
 * authorized; it leaves the returns desk when it is closed (completed, rejected, cancelled) or
 * not yet authorized, and then arrives as a tombstone. A first pull skips those tombstones: a
 * fresh station has nothing to delete.
 */
export async function pullReturns(
  db: Queryable,
  warehouseId: string,
  request: { checkpoint: { rev: number } | null; limit: number },
): Promise<PullResponse<ReturnStationDocument>> {
  const since = request.checkpoint?.rev ?? 0;
  const rows = await db.query<{ id: string; rev: unknown; status: ReturnStatus; applied_seq: Record<string, unknown> }>(
    'select id, rev, status, applied_seq from returns where warehouse_id = $1 and rev > $2 order by rev limit $3',
    [warehouseId, since, request.limit],
  );
  const documents: PulledDocument<ReturnStationDocument>[] = [];
  for (const r of rows) {
    if (!isOpenReturn(r.status)) {
      if (since > 0) documents.push({ id: r.id, _deleted: true });
      continue;
    }
    const appliedSeq = Object.fromEntries(Object.entries(r.applied_seq ?? {}).map(([k, v]) => [k, toInt(v)]));
    documents.push({ ...(await loadReturn(db, r.id)), appliedSeq, _deleted: false });
  }
  const last = rows.length ? toInt(rows[rows.length - 1]!.rev) : since;
  let remaining = 0;
  if (rows.length === request.limit) {
    const [count] = await db.query<{ n: unknown }>('select count(*) as n from returns where warehouse_id = $1 and rev > $2', [
      warehouseId,
      last,
    ]);
    remaining = toInt(count!.n);
  }
  return { documents, checkpoint: { rev: last }, remaining };
}

import type { Queryable } from '../db/database';
import { toInt } from '../db/database';
import type { ReturnDocument } from '../../shared/api/returns';
import { loadReturn } from './return-store';

export interface ReturnPullResponse {
  documents: (ReturnDocument & { _deleted: false })[];
  checkpoint: { rev: number };
  remaining: number;
}

/**
 * Checkpoint pull of a warehouse's returns, on the same revision counter as fulfillment orders,
 * ready for a 'returns' replication collection. A return's warehouse is fixed once it is
 * authorized, so returns never leave a warehouse's scope and need no tombstones.
 */
export async function pullReturns(db: Queryable, warehouseId: string, request: { checkpoint: { rev: number } | null; limit: number }): Promise<ReturnPullResponse> {
  const since = request.checkpoint?.rev ?? 0;
  const rows = await db.query<{ id: string; rev: unknown }>('select id, rev from returns where warehouse_id = $1 and rev > $2 order by rev limit $3', [warehouseId, since, request.limit]);
  const documents = await Promise.all(rows.map(async (r) => ({ ...(await loadReturn(db, r.id)), _deleted: false as const })));
  const last = rows.length ? toInt(rows[rows.length - 1]!.rev) : since;
  let remaining = 0;
  if (rows.length === request.limit) {
    const [count] = await db.query<{ n: unknown }>('select count(*) as n from returns where warehouse_id = $1 and rev > $2', [warehouseId, last]);
    remaining = toInt(count!.n);
  }
  return { documents, checkpoint: { rev: last }, remaining };
}

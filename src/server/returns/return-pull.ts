import type { Queryable } from '../db/database';
import { toInt } from '../db/database';
import { isOpenReturn, type ReturnClosure, type ReturnStationDocument } from '../../shared/sync/return-document';
import type { PullResponse, PulledDocument, ReturnTombstone } from '../../shared/sync/sync-protocol';
import type { ReturnStatus } from '../../shared/domain/return-status';
import { loadReturn } from './return-store';

/**
 * Checkpoint pull of a warehouse's open returns (the 'returns' replication collection), on the
 * same revision counter as fulfillment orders. A return's warehouse is fixed once it is
 * authorized; it leaves the returns desk when it is closed (completed, rejected, cancelled) or
 * not yet authorized, and then arrives as a tombstone that says how it closed and why (a desk
 * that had it open tells the clerk). A first pull skips those tombstones: a fresh station has
 * nothing to delete.
 */
export async function pullReturns(
  db: Queryable,
  warehouseId: string,
  request: { checkpoint: { rev: number } | null; limit: number },
): Promise<PullResponse<ReturnStationDocument, ReturnTombstone>> {
  const since = request.checkpoint?.rev ?? 0;
  const rows = await db.query<ClosableRow & { rev: unknown; applied_seq: Record<string, unknown> }>(
    'select id, number, order_id, rev, status, rejection_reason, applied_seq from returns where warehouse_id = $1 and rev > $2 order by rev limit $3',
    [warehouseId, since, request.limit],
  );
  const documents: PulledDocument<ReturnStationDocument, ReturnTombstone>[] = [];
  for (const r of rows) {
    if (!isOpenReturn(r.status)) {
      if (since > 0) documents.push({ id: r.id, _deleted: true, closed: await closureOf(db, r) });
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

interface ClosableRow {
  id: string;
  number: string;
  order_id: string;
  status: ReturnStatus;
  rejection_reason: string | null;
}

/** How a return that left the desk closed, and the reason the office gave (a cancellation's is on its timeline). */
async function closureOf(db: Queryable, r: ClosableRow): Promise<ReturnClosure> {
  if (r.status !== 'cancelled') return { number: r.number, status: r.status, reason: r.rejection_reason };
  const [cancelled] = await db.query<{ reason: string | null }>(
    `select payload->>'reason' as reason from timeline_events
      where order_id = $1 and type = 'return-cancelled' and entity_ids->>'returnId' = $2 order by position desc limit 1`,
    [r.order_id, r.id],
  );
  return { number: r.number, status: r.status, reason: cancelled?.reason ?? null };
}

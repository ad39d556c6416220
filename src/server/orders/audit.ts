import type { Queryable } from '../db/database';
import { Problem } from '../http/problem';
import { timelineView, type TimelineEventView } from '../timeline/timeline';

export interface AuditFilter {
  orderId?: string;
  actorId?: string;
  actorKind?: string;
  types?: string[];
  outcome?: string;
  from?: string;
  to?: string;
  cursor?: string;
  limit: number;
  /** A warehouse-bound caller sees the events of orders routed to its warehouse. */
  scopeWarehouseId?: string | null;
}

/** The audit trail across orders: the timeline, newest first, by actor, type, outcome and time. */
export async function queryAudit(q: Queryable, f: AuditFilter): Promise<{ data: TimelineEventView[]; nextCursor: string | null }> {
  const clauses: string[] = [];
  const params: unknown[] = [];
  const p = (v: unknown) => (params.push(v), `$${params.length}`);
  if (f.orderId) clauses.push(`e.order_id = ${p(f.orderId)}`);
  if (f.actorId) clauses.push(`e.actor->>'id' = ${p(f.actorId)}`);
  if (f.actorKind) clauses.push(`e.actor->>'kind' = ${p(f.actorKind)}`);
  if (f.types?.length) clauses.push(`e.type = any(${p(f.types)}::text[])`);
  if (f.outcome) clauses.push(`e.outcome = ${p(f.outcome)}`);
  if (f.from) clauses.push(`e.recorded_at >= ${p(f.from)}::timestamptz`);
  if (f.to) clauses.push(`e.recorded_at < ${p(f.to)}::timestamptz`);
  if (f.scopeWarehouseId) clauses.push(`exists (select 1 from fulfillment_orders fx where fx.order_id = e.order_id and fx.warehouse_id = ${p(f.scopeWarehouseId)})`);
  if (f.cursor) {
    if (!/^\d{1,18}$/.test(f.cursor)) throw new Problem(400, 'invalid_cursor', 'Bad cursor', 'the cursor is not one this list returned');
    clauses.push(`e.position < ${p(f.cursor)}`);
  }
  const rows = await q.query<Record<string, unknown>>(
    `select e.* from timeline_events e ${clauses.length ? `where ${clauses.join(' and ')}` : ''} order by e.position desc limit ${p(f.limit + 1)}`,
    params,
  );
  const data = rows.slice(0, f.limit).map(timelineView);
  return { data, nextCursor: rows.length > f.limit ? String(data.at(-1)!.position) : null };
}

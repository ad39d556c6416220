import { sql } from 'kysely';
import type { Queryable } from '../db/database';
import { anyText, qb, runQuery } from '../db/query-builder';
import { routedTo } from '../fulfillment/routed-to';
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
  if (f.cursor && !/^\d{1,18}$/.test(f.cursor))
    throw new Problem(400, 'invalid_cursor', 'Bad cursor', 'the cursor is not one this list returned');
  const rows = await runQuery(
    q,
    qb
      .selectFrom('timeline_events as e')
      .selectAll('e')
      .$if(!!f.orderId, (s) => s.where('e.order_id', '=', f.orderId!))
      .$if(!!f.actorId, (s) => s.where(sql<string>`e.actor->>'id'`, '=', f.actorId!))
      .$if(!!f.actorKind, (s) => s.where(sql<string>`e.actor->>'kind'`, '=', f.actorKind!))
      .$if(!!f.types?.length, (s) => s.where('e.type', '=', anyText(f.types!)))
      .$if(!!f.outcome, (s) => s.where('e.outcome', '=', f.outcome!))
      .$if(!!f.from, (s) => s.where('e.recorded_at', '>=', sql<string>`${f.from}::timestamptz`))
      .$if(!!f.to, (s) => s.where('e.recorded_at', '<', sql<string>`${f.to}::timestamptz`))
      .$if(!!f.scopeWarehouseId, (s) => s.where(routedTo('e.order_id', f.scopeWarehouseId!)))
      .$if(!!f.cursor, (s) => s.where('e.position', '<', f.cursor!))
      .orderBy('e.position', 'desc')
      .limit(f.limit + 1),
  );
  const data = rows.slice(0, f.limit).map(timelineView);
  return { data, nextCursor: rows.length > f.limit ? String(data.at(-1)!.position) : null };
}

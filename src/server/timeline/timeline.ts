import type { Queryable } from '../db/database';
import { anyText, qb, runQuery } from '../db/query-builder';
import { isTimelineEventType } from '../../shared/events/timeline-event-types';
import type { TimelineEventView } from '../../shared/api/timeline';
import type { Actor } from '../../shared/events/station-events';

export interface TimelineEntry {
  id?: string;
  type: string;
  orderId: string | null;
  fulfillmentOrderId?: string | null;
  entityIds?: Record<string, string>;
  payload?: Record<string, unknown>;
  actor: Actor;
  stationId?: string | null;
  stationSeq?: number | null;
  occurredAt?: string;
  outcome?: 'applied' | 'conflicted' | 'rejected';
  outcomeCode?: string | null;
  outcomeMessage?: string | null;
}

/** The station an entry happened at: given, or the one a person acted through. */
const stationOf = (e: TimelineEntry): string | null => e.stationId ?? e.actor.stationId ?? null;

/** Appends to the timeline. Append-only: nothing in the server updates or deletes a row here. */
/**
 * Under test, a type missing from TIMELINE_EVENT_TYPES fails loudly, so the list that webhooks and
 * the station rely on stays complete; in production the event is still recorded.
 */
function checkKnownTypes(entries: readonly TimelineEntry[]): void {
  if (!process.env.VITEST) return;
  const unknown = entries.find((e) => !isTimelineEventType(e.type));
  if (unknown) throw new Error(`timeline type ${unknown.type} is missing from src/shared/events/timeline-event-types.ts`);
}

export async function appendTimeline(tx: Queryable, e: TimelineEntry): Promise<string> {
  checkKnownTypes([e]);
  const id = e.id ?? crypto.randomUUID();
  await tx.query(
    `insert into timeline_events (id, type, order_id, fulfillment_order_id, entity_ids, payload, actor, station_id, station_seq, occurred_at, outcome, outcome_code, outcome_message)
     values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13)`,
    [
      id,
      e.type,
      e.orderId,
      e.fulfillmentOrderId ?? null,
      JSON.stringify(e.entityIds ?? {}),
      JSON.stringify(e.payload ?? {}),
      JSON.stringify(e.actor),
      stationOf(e),
      e.stationSeq ?? null,
      e.occurredAt ?? new Date().toISOString(),
      e.outcome ?? 'applied',
      e.outcomeCode ?? null,
      e.outcomeMessage ?? null,
    ],
  );
  return id;
}

/** appendTimeline for many entries in one statement; positions follow the array's order. */
export async function appendTimelineBatch(tx: Queryable, entries: readonly TimelineEntry[]): Promise<string[]> {
  checkKnownTypes(entries);
  if (!entries.length) return [];
  const ids = entries.map((e) => e.id ?? crypto.randomUUID());
  const now = new Date().toISOString();
  await tx.query(
    `insert into timeline_events (id, type, order_id, fulfillment_order_id, entity_ids, payload, actor, station_id, station_seq, occurred_at, outcome, outcome_code, outcome_message)
     select id, type, order_id, fulfillment_order_id, entity_ids::jsonb, payload::jsonb, actor::jsonb, station_id, station_seq, occurred_at, outcome, outcome_code, outcome_message
       from unnest($1::uuid[], $2::text[], $3::uuid[], $4::uuid[], $5::text[], $6::text[], $7::text[], $8::uuid[], $9::bigint[], $10::timestamptz[], $11::text[], $12::text[], $13::text[])
            with ordinality as t(id, type, order_id, fulfillment_order_id, entity_ids, payload, actor, station_id, station_seq, occurred_at, outcome, outcome_code, outcome_message, ord)
      order by ord`,
    [
      ids,
      entries.map((e) => e.type),
      entries.map((e) => e.orderId),
      entries.map((e) => e.fulfillmentOrderId ?? null),
      entries.map((e) => JSON.stringify(e.entityIds ?? {})),
      entries.map((e) => JSON.stringify(e.payload ?? {})),
      entries.map((e) => JSON.stringify(e.actor)),
      entries.map(stationOf),
      entries.map((e) => e.stationSeq ?? null),
      entries.map((e) => e.occurredAt ?? now),
      entries.map((e) => e.outcome ?? 'applied'),
      entries.map((e) => e.outcomeCode ?? null),
      entries.map((e) => e.outcomeMessage ?? null),
    ],
  );
  return ids;
}

export type { TimelineEventView };

/** The order-lifecycle timeline type (created, status_changed, payment_received, ...) of an event of ours, or null. */
export function lifecycleTypeOf(type: string, payload: Record<string, unknown>): string | null {
  if (type === 'order-created') return 'created';
  if (type === 'order-status-changed') {
    const to = payload.to;
    if (to === 'shipped' || to === 'delivered' || to === 'cancelled' || to === 'refunded') return to;
    return 'status_changed';
  }
  if (type === 'payment-received') return 'payment_received';
  if (type === 'refund-created') return 'refunded';
  if (type === 'note-added') return 'note_added';
  if (type === 'package-shipped') return 'shipped';
  return null;
}

export function timelineView(r: Record<string, unknown>): TimelineEventView {
  const payload = r.payload as Record<string, unknown>;
  const lifecycleType = lifecycleTypeOf(r.type as string, payload);
  return {
    id: r.id as string,
    position: Number(r.position),
    type: r.type as string,
    lifecycleType,
    seed000Type: lifecycleType,
    orderId: r.order_id as string | null,
    fulfillmentOrderId: r.fulfillment_order_id as string | null,
    entityIds: r.entity_ids as Record<string, string>,
    payload,
    actor: r.actor as Actor,
    stationId: r.station_id as string | null,
    stationSeq: r.station_seq === null ? null : Number(r.station_seq),
    occurredAt: new Date(r.occurred_at as string).toISOString(),
    recordedAt: new Date(r.recorded_at as string).toISOString(),
    outcome: r.outcome as string,
    outcomeCode: r.outcome_code as string | null,
    outcomeMessage: r.outcome_message as string | null,
  };
}

export async function readTimeline(
  db: Queryable,
  orderId: string,
  filter: { types?: string[]; after?: number; limit?: number } = {},
): Promise<TimelineEventView[]> {
  const rows = await runQuery(
    db,
    qb
      .selectFrom('timeline_events')
      .selectAll()
      .where('order_id', '=', orderId)
      .$if(!!filter.types?.length, (s) => s.where('type', '=', anyText(filter.types!)))
      .$if(filter.after !== undefined, (s) => s.where('position', '>', filter.after!))
      .orderBy('position')
      .limit(filter.limit ?? 10_000),
  );
  return rows.map(timelineView);
}

/** The timeline types recorded so far (at most 500), by name. */
export async function recordedTimelineTypes(q: Queryable): Promise<string[]> {
  const rows = await q.query<{ type: string }>('select distinct type from timeline_events order by type limit 500');
  return rows.map((r) => r.type);
}

/**
 * Station events an order's timeline holds as conflicted (recorded, not applied), oldest first:
 * those named, or those of one station about one package. What a supervisor accepts is read here.
 */
export async function conflictedStationEvents(
  q: Queryable,
  orderId: string,
  match: { ids: readonly string[] } | { stationId: string; packageId: string },
): Promise<TimelineEventView[]> {
  const rows = await q.query<Record<string, unknown>>(
    `select * from timeline_events
      where order_id = $1 and outcome = 'conflicted' and station_seq is not null
        and ($2::uuid[] is null or id = any($2::uuid[]))
        and ($3::uuid is null or (station_id = $3 and entity_ids ->> 'packageId' = $4))
      order by position`,
    'ids' in match ? [orderId, match.ids, null, null] : [orderId, null, match.stationId, match.packageId],
  );
  return rows.map(timelineView);
}

/** Timeline rows by id, in the order they were recorded: the earlier events a conflict task lists. */
export async function timelineEventsById(q: Queryable, ids: readonly string[]): Promise<TimelineEventView[]> {
  if (!ids.length) return [];
  const rows = await q.query<Record<string, unknown>>('select * from timeline_events where id = any($1::uuid[]) order by position', [ids]);
  return rows.map(timelineView);
}

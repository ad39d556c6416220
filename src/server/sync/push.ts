import type { Database } from '../db/database';
import { toInt } from '../db/database';
import { isReturnEvent, PHYSICAL_EVENT_TYPES, type FulfillmentStationEvent, type StationEvent } from '../../shared/events/station-events';
import type { PushOutcome, PushResponse } from '../../shared/sync/sync-protocol';
import { applyStationEvent } from '../../shared/sync/fulfillment-reducer';
import { unitsOf, type FulfillmentLease } from '../../shared/sync/fulfillment-document';
import { loadFulfillmentOrdersForUpdate, saveFulfillmentOrders } from '../fulfillment/fulfillment-store';
import { appendTimelineBatch, type TimelineEntry } from '../orders/timeline';
import { refreshOrdersProgress } from '../orders/order-progress';
import { ACTOR_NOT_AUTHORIZED, checkActor, loadActorUsers } from './push-actors';
import { applyPushedReturnEvent, type PushPrefixes } from './push-returns';

export interface PushingStation {
  id: string;
  warehouseId: string;
  /** The terms a claim of an order in the pool is granted on (see src/server/leases). */
  lease?: FulfillmentLease;
}

/**
 * Applies a station's events in seq order, each with its acknowledgement (the timeline row with
 * its unique (station_id, station_seq)) in the same transaction. A retried or replayed event is
 * recognised and answered with its recorded outcome; nothing is applied twice.
 * Physical facts are never refused: if one no longer fits, it is recorded as conflicted and a
 * supervisor task is opened.
 *
 * Each event's actor is checked (push-actors.ts): a station speaking for another station, an
 * unknown user or a non-station actor is rejected; a known user who may not do this here is
 * applied but recorded as conflicted, with a supervisor task.
 *
 * A batch is applied with a fixed number of statements, whatever its size: one lookup of the
 * events already seen, one locked read of the fulfillment orders involved (events are folded
 * into them in memory), one read of the users the events name, one timeline insert, one insert
 * of the supervisor tasks, one stock update for shipped packages, one write of
 * the changed documents (taking their sync revisions last, so the revision lock is held briefly),
 * and the order-status refresh of the orders whose fulfillment progress moved.
 *
 * Returns-desk events (a return, not a fulfillment order, is their subject) share the station's
 * seq order and this transaction, but each goes through the return actions the REST routes use
 * (push-returns.ts), a few statements per event: they are a clerk's pace, not a packing line's.
 */
export async function pushEvents(db: Database, station: PushingStation, events: readonly StationEvent[], prefixes: PushPrefixes = { orderNumberPrefix: 'ORD', returnNumberPrefix: 'RMA' }): Promise<PushResponse> {
  const sorted = [...events].sort((a, b) => a.seq - b.seq);
  return db.transaction(async (tx) => {
    const own = sorted.filter((e) => e.stationId === station.id);
    const seenRows = own.length
      ? await tx.query<SeenRow>(
          `select id, station_id, station_seq, outcome, outcome_code, outcome_message from timeline_events
            where (station_id = $1 and station_seq = any($2::bigint[])) or id = any($3::uuid[])`,
          [station.id, own.map((e) => e.seq), own.map((e) => e.id)],
        )
      : [];
    const seenBySeq = new Map<number, SeenRow>();
    const seenById = new Map<string, SeenRow>();
    for (const r of seenRows) {
      if (r.station_id === station.id && r.station_seq !== null) seenBySeq.set(toInt(r.station_seq), r);
      seenById.set(r.id, r);
    }
    const fresh = own.filter((e) => !seenBySeq.has(e.seq) && !seenById.has(e.id));
    const docs = await loadFulfillmentOrdersForUpdate(tx, fresh.filter((e): e is FulfillmentStationEvent => !isReturnEvent(e)).map((e) => e.fulfillmentOrderId));
    const users = await loadActorUsers(tx, fresh);
    const loaded = new Map([...docs].map(([id, d]) => [id, d]));
    const dirty = new Set<string>();
    const timeline: TimelineEntry[] = [];
    const tasks: TaskRow[] = [];
    // Work by people who may not do it here: one task per fulfillment order and person in a batch.
    const actorTasks = new Map<string, TaskRow & { detail: { eventIds: string[]; eventTypes: string[] } }>();
    const shipped = new Map<string, { warehouseId: string; sku: string; quantity: number }>();
    const outcomes: PushOutcome[] = [];

    for (const event of sorted) {
      const base = { id: event.id, seq: event.seq };
      if (event.stationId !== station.id) {
        outcomes.push({ ...base, outcome: 'rejected', code: 'station_mismatch', message: 'events carry the pushing station id', duplicate: false });
        continue;
      }
      const seen = seenBySeq.get(event.seq) ?? seenById.get(event.id);
      if (seen) {
        if (seen.id !== event.id) {
          outcomes.push({ ...base, outcome: 'rejected', code: 'seq_reused', message: `seq ${event.seq} already belongs to another event of this station`, duplicate: false });
        } else if (seen.outcome === 'rejected') {
          outcomes.push({ ...base, outcome: 'rejected', code: seen.outcome_code ?? 'rejected', message: seen.outcome_message ?? '', duplicate: false });
        } else {
          outcomes.push({ ...base, outcome: seen.outcome, code: seen.outcome_code ?? undefined, message: seen.outcome_message ?? undefined, duplicate: true });
        }
        continue;
      }

      const record = (outcome: 'applied' | 'conflicted' | 'rejected', code: string | null = null, message: string | null = null, actor = event.actor) => {
        timeline.push({
          id: event.id, type: event.type, orderId: outcome === 'rejected' ? null : event.orderId, fulfillmentOrderId: isReturnEvent(event) ? null : event.fulfillmentOrderId,
          entityIds: entityIdsOf(event), payload: event.payload, actor, stationId: station.id, stationSeq: event.seq,
          occurredAt: event.occurredAt, outcome, outcomeCode: code, outcomeMessage: message,
        });
        // A later event of this batch with the same seq or id sees this one, as it would in the database.
        const row: SeenRow = { id: event.id, station_id: station.id, station_seq: event.seq, outcome, outcome_code: code, outcome_message: message };
        seenBySeq.set(event.seq, row);
        seenById.set(event.id, row);
      };

      if (isReturnEvent(event)) {
        const r = await applyPushedReturnEvent(tx, station, event, users, prefixes);
        record(r.outcome, r.code, r.message, r.actor);
        if (r.task) tasks.push(r.task);
        outcomes.push(r.outcome === 'rejected'
          ? { ...base, outcome: 'rejected', code: r.code!, message: r.message!, duplicate: false }
          : { ...base, outcome: r.outcome, ...(r.code ? { code: r.code, message: r.message! } : {}), duplicate: false });
        continue;
      }

      const doc = docs.get(event.fulfillmentOrderId);
      if (!doc || doc.warehouseId !== station.warehouseId || doc.orderId !== event.orderId) {
        // Outside this station's scope: acknowledged (so it is not pushed forever) and kept on the record as rejected.
        const message = doc ? 'the fulfillment order belongs to another warehouse' : 'no such fulfillment order';
        record('rejected', 'out_of_scope', message);
        outcomes.push({ ...base, outcome: 'rejected', code: 'out_of_scope', message, duplicate: false });
        continue;
      }

      const who = checkActor(event, station.id, doc.warehouseId, users);
      if (who.verdict === 'rejected') {
        // Not a physical fact we could lose: the station would have recorded its own id, and a
        // signed-in person is always on the list it synced. Acknowledged and kept on the record,
        // like an out-of-scope event, and never applied.
        record('rejected', who.code, who.message);
        outcomes.push({ ...base, outcome: 'rejected', code: who.code, message: who.message, duplicate: false });
        continue;
      }

      const result = applyStationEvent(doc, event, station.lease);
      dirty.add(doc.id);
      if (result.ok) {
        docs.set(doc.id, { ...result.doc, appliedSeq: { ...result.doc.appliedSeq, [station.id]: event.seq } });
        if (event.type === 'package-shipped') {
          // The units left the building: they are no longer on hand nor reserved.
          const before = doc.packages.find((p) => p.id === event.payload.packageId);
          const after = result.doc.packages.find((p) => p.id === event.payload.packageId);
          if (after && before?.status !== 'shipped' && after.status === 'shipped') {
            for (const c of after.contents) {
              const line = result.doc.lines.find((l) => l.lineId === c.lineId);
              if (!line) continue;
              const key = `${doc.warehouseId}/${line.sku}`;
              const cur = shipped.get(key) ?? { warehouseId: doc.warehouseId, sku: line.sku, quantity: 0 };
              cur.quantity += c.quantity;
              shipped.set(key, cur);
            }
          }
        }
        if (who.verdict === 'not_authorized') {
          // Someone who may not do this here did it anyway (deactivated, moved or of another role
          // after the station last synced its user list). It happened: the document follows the
          // fact, exactly as for an applied event (stock included), so a shipped parcel is never
          // lost. But unlike a state conflict, where conflicted means "recorded, not applied",
          // here conflicted means "applied, for a supervisor to review", and a task says so.
          record('conflicted', ACTOR_NOT_AUTHORIZED, who.message, who.actor);
          const key = `${doc.id}/${who.user.id}`;
          const task = actorTasks.get(key);
          if (task) {
            task.detail.eventIds.push(event.id);
            task.detail.eventTypes.push(event.type);
          } else {
            actorTasks.set(key, {
              id: crypto.randomUUID(), title: `Work recorded by ${who.user.name}, who may not do it here (${who.reasons.join('; ')}): check it`,
              orderId: doc.orderId, fulfillmentOrderId: doc.id, eventId: event.id, warehouseId: doc.warehouseId,
              detail: { code: ACTOR_NOT_AUTHORIZED, message: who.message, eventType: event.type, actor: who.actor, reasons: who.reasons, eventIds: [event.id], eventTypes: [event.type] },
            });
          }
          outcomes.push({ ...base, outcome: 'conflicted', code: ACTOR_NOT_AUTHORIZED, message: who.message, duplicate: false });
          continue;
        }
        record('applied', null, null, who.actor);
        outcomes.push({ ...base, outcome: 'applied', duplicate: false });
        continue;
      }
      // The event no longer fits the server's state. Reflect that we have seen it, keep it on the
      // timeline as conflicted, and give a supervisor the physical follow-up. If its actor may not
      // do this here either, the task says so too (and is opened even for a claim).
      const actorProblem = who.verdict === 'not_authorized' ? who.message : null;
      const message = actorProblem ? `${result.message} (also: ${actorProblem})` : result.message;
      docs.set(doc.id, { ...doc, appliedSeq: { ...doc.appliedSeq, [station.id]: event.seq } });
      record('conflicted', result.code, message, who.actor);
      if (PHYSICAL_EVENT_TYPES.has(event.type) || actorProblem) {
        tasks.push({
          id: crypto.randomUUID(), title: conflictTitle(event, doc.status), orderId: doc.orderId, fulfillmentOrderId: doc.id, eventId: event.id, warehouseId: doc.warehouseId,
          detail: { code: result.code, message: result.message, eventType: event.type, ...(actorProblem ? { actorProblem: { code: ACTOR_NOT_AUTHORIZED, message: actorProblem, actor: who.actor } } : {}) },
        });
      }
      outcomes.push({ ...base, outcome: 'conflicted', code: result.code, message, duplicate: false });
    }

    await appendTimelineBatch(tx, timeline);
    tasks.push(...actorTasks.values());
    if (tasks.length) {
      await tx.query(
        `insert into tasks (id, kind, title, order_id, fulfillment_order_id, event_id, warehouse_id, detail)
         select id, 'sync-conflict', title, order_id, fulfillment_order_id, event_id, warehouse_id, detail::jsonb
           from unnest($1::uuid[], $2::text[], $3::uuid[], $4::uuid[], $5::uuid[], $6::uuid[], $7::text[])
                as t(id, title, order_id, fulfillment_order_id, event_id, warehouse_id, detail)`,
        [
          tasks.map((t) => t.id), tasks.map((t) => t.title), tasks.map((t) => t.orderId), tasks.map((t) => t.fulfillmentOrderId),
          tasks.map((t) => t.eventId), tasks.map((t) => t.warehouseId), tasks.map((t) => JSON.stringify(t.detail)),
        ],
      );
    }
    if (shipped.size) {
      const rows = [...shipped.values()].sort((a, b) => (a.warehouseId + a.sku < b.warehouseId + b.sku ? -1 : 1));
      // Lock the stock rows in a fixed order first: stations shipping the same SKUs must not deadlock.
      await tx.query(
        `select 1 from inventory i join unnest($1::uuid[], $2::text[]) as t(warehouse_id, sku) on i.warehouse_id = t.warehouse_id and i.sku = t.sku
          order by i.warehouse_id, i.sku for update of i`,
        [rows.map((r) => r.warehouseId), rows.map((r) => r.sku)],
      );
      await tx.query(
        `update inventory i set on_hand = greatest(i.on_hand - t.quantity, 0), reserved = greatest(i.reserved - t.quantity, 0)
           from unnest($1::uuid[], $2::text[], $3::int[]) as t(warehouse_id, sku, quantity)
          where i.warehouse_id = t.warehouse_id and i.sku = t.sku`,
        [rows.map((r) => r.warehouseId), rows.map((r) => r.sku), rows.map((r) => r.quantity)],
      );
    }
    // Orders whose fulfillment progress (status or shipped units) moved get their status refreshed.
    const moved = new Set<string>();
    for (const id of dirty) {
      const before = loaded.get(id)!;
      const after = docs.get(id)!;
      if (before.status !== after.status || unitsOf(before, 'shipped') !== unitsOf(after, 'shipped')) moved.add(after.orderId);
    }
    await saveFulfillmentOrders(tx, [...dirty].map((id) => docs.get(id)!));
    await refreshOrdersProgress(tx, [...moved], { kind: 'system', id: 'order-progress' });
    const maxSeq = sorted.at(-1)?.seq ?? 0;
    const [row] = await tx.query<{ last_seq: unknown }>(
      'update stations set last_seq = greatest(last_seq, $2), last_seen_at = now() where id = $1 returning last_seq',
      [station.id, maxSeq],
    );
    return { outcomes, lastSeq: toInt(row?.last_seq) };
  });
}

interface TaskRow {
  id: string;
  title: string;
  orderId: string;
  fulfillmentOrderId: string | null;
  eventId: string;
  warehouseId: string;
  detail: Record<string, unknown>;
}

interface SeenRow {
  id: string;
  station_id: string | null;
  station_seq: unknown;
  outcome: 'applied' | 'conflicted' | 'rejected';
  outcome_code: string | null;
  outcome_message: string | null;
}

function entityIdsOf(event: StationEvent): Record<string, string> {
  if (isReturnEvent(event)) {
    const ids: Record<string, string> = { returnId: event.returnId };
    if ('returnLineId' in event.payload) ids.returnLineId = event.payload.returnLineId;
    return ids;
  }
  const ids: Record<string, string> = { fulfillmentOrderId: event.fulfillmentOrderId };
  if ('packageId' in event.payload) ids.packageId = event.payload.packageId;
  if ('lineId' in event.payload) ids.lineId = event.payload.lineId;
  return ids;
}

function conflictTitle(event: FulfillmentStationEvent, status: string): string {
  switch (event.type) {
    case 'package-shipped':
      return `A package shipped from a ${status} fulfillment order: intercept the parcel or accept the shipment`;
    case 'label-printed':
      return `A label was printed for a ${status} fulfillment order: void the label`;
    default:
      return `Station work on a ${status} fulfillment order: restock the items`;
  }
}

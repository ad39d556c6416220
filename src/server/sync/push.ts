import type { Database, Queryable } from '../db/database';
import { toInt } from '../db/database';
import { PHYSICAL_EVENT_TYPES, type StationEvent } from '../../shared/events/station-events';
import type { PushOutcome, PushResponse } from '../../shared/sync/sync-protocol';
import { applyStationEvent } from '../../shared/sync/fulfillment-reducer';
import { loadFulfillmentOrder, saveFulfillmentOrder } from '../fulfillment/fulfillment-store';
import { appendTimeline } from '../orders/timeline';
import { refreshOrderProgress } from '../orders/order-progress';

export interface PushingStation {
  id: string;
  warehouseId: string;
}

/**
 * Applies a station's events in seq order, each with its acknowledgement (the timeline row with
 * its unique (station_id, station_seq)) in the same transaction. A retried or replayed event is
 * recognised and answered with its recorded outcome; nothing is applied twice.
 * Physical facts are never refused: if one no longer fits, it is recorded as conflicted and a
 * supervisor task is opened.
 */
export async function pushEvents(db: Database, station: PushingStation, events: readonly StationEvent[]): Promise<PushResponse> {
  const sorted = [...events].sort((a, b) => a.seq - b.seq);
  return db.transaction(async (tx) => {
    const outcomes: PushOutcome[] = [];
    const touchedOrders = new Set<string>();
    for (const event of sorted) {
      outcomes.push(await applyOne(tx, station, event, touchedOrders));
    }
    for (const orderId of touchedOrders) await refreshOrderProgress(tx, orderId, { kind: 'system', id: 'order-progress' });
    const maxSeq = sorted.at(-1)?.seq ?? 0;
    const [row] = await tx.query<{ last_seq: unknown }>(
      'update stations set last_seq = greatest(last_seq, $2), last_seen_at = now() where id = $1 returning last_seq',
      [station.id, maxSeq],
    );
    return { outcomes, lastSeq: toInt(row?.last_seq) };
  });
}

async function applyOne(tx: Queryable, station: PushingStation, event: StationEvent, touchedOrders: Set<string>): Promise<PushOutcome> {
  const base = { id: event.id, seq: event.seq };
  if (event.stationId !== station.id) {
    return { ...base, outcome: 'rejected', code: 'station_mismatch', message: 'events carry the pushing station id', duplicate: false };
  }
  const [seen] = await tx.query<{ id: string; outcome: 'applied' | 'conflicted' | 'rejected'; outcome_code: string | null; outcome_message: string | null }>(
    'select id, outcome, outcome_code, outcome_message from timeline_events where (station_id = $1 and station_seq = $2) or id = $3 limit 1',
    [station.id, event.seq, event.id],
  );
  if (seen) {
    if (seen.id !== event.id) {
      return { ...base, outcome: 'rejected', code: 'seq_reused', message: `seq ${event.seq} already belongs to another event of this station`, duplicate: false };
    }
    if (seen.outcome === 'rejected') {
      return { ...base, outcome: 'rejected', code: seen.outcome_code ?? 'rejected', message: seen.outcome_message ?? '', duplicate: false };
    }
    return { ...base, outcome: seen.outcome, code: seen.outcome_code ?? undefined, message: seen.outcome_message ?? undefined, duplicate: true };
  }

  const record = (outcome: 'applied' | 'conflicted' | 'rejected', code: string | null = null, message: string | null = null) =>
    appendTimeline(tx, {
      id: event.id, type: event.type, orderId: outcome === 'rejected' ? null : event.orderId, fulfillmentOrderId: event.fulfillmentOrderId,
      entityIds: entityIdsOf(event), payload: event.payload, actor: event.actor, stationId: station.id, stationSeq: event.seq,
      occurredAt: event.occurredAt, outcome, outcomeCode: code, outcomeMessage: message,
    });

  const doc = await loadFulfillmentOrder(tx, event.fulfillmentOrderId, true);
  if (!doc || doc.warehouseId !== station.warehouseId || doc.orderId !== event.orderId) {
    // Outside this station's scope: acknowledged (so it is not pushed forever) and kept on the record as rejected.
    const message = doc ? 'the fulfillment order belongs to another warehouse' : 'no such fulfillment order';
    await record('rejected', 'out_of_scope', message);
    return { ...base, outcome: 'rejected', code: 'out_of_scope', message, duplicate: false };
  }

  const result = applyStationEvent(doc, event);
  touchedOrders.add(doc.orderId);
  if (result.ok) {
    await saveFulfillmentOrder(tx, { ...result.doc, appliedSeq: { ...result.doc.appliedSeq, [station.id]: event.seq } });
    await record('applied');
    return { ...base, outcome: 'applied', duplicate: false };
  }
  // The event no longer fits the server's state. Reflect that we have seen it, keep it on the
  // timeline as conflicted, and give a supervisor the physical follow-up.
  await saveFulfillmentOrder(tx, { ...doc, appliedSeq: { ...doc.appliedSeq, [station.id]: event.seq } });
  const eventId = await record('conflicted', result.code, result.message);
  if (PHYSICAL_EVENT_TYPES.has(event.type)) {
    await tx.query(
      `insert into tasks (id, kind, title, order_id, fulfillment_order_id, event_id, warehouse_id, detail) values ($1,'sync-conflict',$2,$3,$4,$5,$6,$7)`,
      [crypto.randomUUID(), conflictTitle(event, doc.status), doc.orderId, doc.id, eventId, doc.warehouseId, JSON.stringify({ code: result.code, message: result.message, eventType: event.type })],
    );
  }
  return { ...base, outcome: 'conflicted', code: result.code, message: result.message, duplicate: false };
}

function entityIdsOf(event: StationEvent): Record<string, string> {
  const ids: Record<string, string> = { fulfillmentOrderId: event.fulfillmentOrderId };
  if ('packageId' in event.payload) ids.packageId = event.payload.packageId;
  if ('lineId' in event.payload) ids.lineId = event.payload.lineId;
  return ids;
}

function conflictTitle(event: StationEvent, status: string): string {
  switch (event.type) {
    case 'package-shipped':
      return `A package shipped from a ${status} fulfillment order: intercept the parcel or accept the shipment`;
    case 'label-printed':
      return `A label was printed for a ${status} fulfillment order: void the label`;
    default:
      return `Station work on a ${status} fulfillment order: restock the items`;
  }
}

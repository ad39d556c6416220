import type { Queryable } from '../db/database';
import type { FulfillmentAdminEvent } from '../../shared/events/fulfillment-admin-events';
import type { Actor } from '../../shared/events/station-events';
import type { ReduceResult } from '../../shared/sync/fulfillment-reducer';
import type { FulfillmentDocument } from '../../shared/sync/fulfillment-document';
import { applyFulfillmentAdminEvent } from '../../shared/sync/fulfillment-admin';
import { Problem, problems } from '../http/problem';
import { refreshOrderProgress } from '../orders/order-progress';
import { appendTimeline } from '../orders/timeline';
import { saveFulfillmentOrder } from './fulfillment-store';

type Payloads = { [E in FulfillmentAdminEvent as E['type']]: E['payload'] };

export interface AdminChange<T extends keyof Payloads> {
  type: T;
  payload: Payloads[T];
  actor: Actor;
  stationId?: string | null;
  occurredAt?: string;
}

/** Turns a reducer refusal into the HTTP problem a client sees; the code is the reducer's. */
export function refusalProblem(r: Extract<ReduceResult, { ok: false }>): Problem {
  if (r.code === 'package_not_found') return new Problem(404, r.code, 'Not found', r.message);
  if (r.code.startsWith('line_')) return problems.unprocessable(r.code, r.message);
  return problems.conflict(r.code, r.message);
}

export function adminEvent<T extends keyof Payloads>(doc: FulfillmentDocument, change: AdminChange<T>): FulfillmentAdminEvent {
  return {
    id: crypto.randomUUID(), fulfillmentOrderId: doc.id, orderId: doc.orderId, actor: change.actor,
    stationId: change.stationId ?? null, occurredAt: change.occurredAt ?? new Date().toISOString(),
    type: change.type, payload: change.payload,
  } as FulfillmentAdminEvent;
}

/**
 * Applies an API-made change to a locked fulfillment document with the shared reducer, saves it
 * (new sync revision, live streams notified), writes the timeline and refreshes the order's
 * derived status. A refusal throws the reducer's stable code.
 */
export async function applyAdminChange<T extends keyof Payloads>(tx: Queryable, doc: FulfillmentDocument, change: AdminChange<T>): Promise<FulfillmentDocument> {
  const event = adminEvent(doc, change);
  const result = applyFulfillmentAdminEvent(doc, event);
  if (!result.ok) throw refusalProblem(result);
  const saved = await saveFulfillmentOrder(tx, result.doc);
  await recordAdminEvent(tx, event);
  await refreshOrderProgress(tx, doc.orderId, { kind: 'system', id: 'order-progress' });
  return saved;
}

export async function recordAdminEvent(tx: Queryable, event: FulfillmentAdminEvent): Promise<void> {
  const payload = event.payload as Record<string, unknown>;
  const entityIds: Record<string, string> = { fulfillmentOrderId: event.fulfillmentOrderId };
  if (typeof payload.packageId === 'string') entityIds.packageId = payload.packageId;
  if (event.stationId) entityIds.stationId = event.stationId;
  await appendTimeline(tx, {
    id: event.id, type: event.type, orderId: event.orderId, fulfillmentOrderId: event.fulfillmentOrderId,
    entityIds, payload, actor: event.actor, occurredAt: event.occurredAt,
  });
}

import type { Queryable } from '../db/database';
import type { FulfillmentAdminEvent } from '../../shared/events/fulfillment-admin-events';
import type { Actor } from '../../shared/events/station-events';
import type { ReduceResult } from '../../shared/sync/fulfillment-reducer';
import type { FulfillmentDocument } from '../../shared/sync/fulfillment-document';
import { applyFulfillmentAdminEvent } from '../../shared/sync/fulfillment-admin';
import { Problem, problems } from '../http/problem';
import { refreshOrderProgress } from '../orders/order-progress';
import { appendTimeline } from '../timeline/timeline';
import { saveFulfillmentOrder } from './fulfillment-store';
import { orderRefusalWords } from '../../shared/words/refusal-words';

type Payloads = { [E in FulfillmentAdminEvent as E['type']]: E['payload'] };

export interface AdminChange<T extends keyof Payloads> {
  type: T;
  payload: Payloads[T];
  actor: Actor;
  stationId?: string | null;
  occurredAt?: string;
  /** Why, for the timeline; events without a reason of their own get a plain description. */
  reason?: string;
}

const DEFAULT_REASONS: Record<FulfillmentAdminEvent['type'], string> = {
  'fulfillment-order-held': 'held',
  'fulfillment-order-released': 'hold released',
  'fulfillment-order-assigned': 'assigned to a station for packing',
  'fulfillment-order-unclaimed': 'claim given back',
  'fulfillment-order-moved': 'moved',
  'fulfillment-order-cancelled': 'cancelled',
  'package-recorded': 'packed',
  'package-labelled': 'label recorded',
  'package-relabelled': 'relabelled with a new SSCC',
  'package-voided': 'voided',
  'package-tracking-updated': 'carrier update',
};

/**
 * Turns a reducer refusal into the HTTP problem a client sees; the code is the reducer's. Given
 * the order and the change refused, the detail says in words what happened and what to do.
 */
export function refusalProblem(
  r: Extract<ReduceResult, { ok: false }>,
  refused?: { doc: FulfillmentDocument; action: FulfillmentAdminEvent['type'] },
): Problem {
  const detail = refused ? orderRefusalWords(r, refused.doc, refused.action) : r.message;
  if (r.code === 'package_not_found') return new Problem(404, r.code, 'Not found', detail);
  if (r.code.startsWith('line_')) return problems.unprocessable(r.code, detail);
  return problems.conflict(r.code, detail);
}

export function adminEvent<T extends keyof Payloads>(doc: FulfillmentDocument, change: AdminChange<T>): FulfillmentAdminEvent {
  return {
    id: crypto.randomUUID(),
    fulfillmentOrderId: doc.id,
    orderId: doc.orderId,
    actor: change.actor,
    stationId: change.stationId ?? null,
    occurredAt: change.occurredAt ?? new Date().toISOString(),
    type: change.type,
    payload: change.payload,
  } as FulfillmentAdminEvent;
}

/**
 * Applies an API-made change to a locked fulfillment document with the shared reducer, saves it
 * (new sync revision, live streams notified), writes the timeline and refreshes the order's
 * derived status. A refusal throws the reducer's stable code.
 */
export async function applyAdminChange<T extends keyof Payloads>(
  tx: Queryable,
  doc: FulfillmentDocument,
  change: AdminChange<T>,
): Promise<FulfillmentDocument> {
  const event = adminEvent(doc, change);
  const result = applyFulfillmentAdminEvent(doc, event);
  if (!result.ok) throw refusalProblem(result, { doc, action: change.type });
  const saved = await saveFulfillmentOrder(tx, result.doc);
  await recordAdminEvent(tx, event, change.reason);
  await refreshOrderProgress(tx, doc.orderId, { kind: 'system', id: 'order-progress' });
  return saved;
}

export async function recordAdminEvent(tx: Queryable, event: FulfillmentAdminEvent, reason?: string): Promise<void> {
  const own = event.payload as Record<string, unknown>;
  const note = typeof own.note === 'string' ? own.note : null;
  const payload: Record<string, unknown> = {
    ...own,
    reason: typeof own.reason === 'string' && own.reason ? own.reason : (reason ?? note ?? DEFAULT_REASONS[event.type]),
  };
  const entityIds: Record<string, string> = { fulfillmentOrderId: event.fulfillmentOrderId };
  if (typeof payload.packageId === 'string') entityIds.packageId = payload.packageId;
  if (event.stationId) entityIds.stationId = event.stationId;
  await appendTimeline(tx, {
    id: event.id,
    type: event.type,
    orderId: event.orderId,
    fulfillmentOrderId: event.fulfillmentOrderId,
    entityIds,
    payload,
    actor: event.actor,
    occurredAt: event.occurredAt,
  });
}

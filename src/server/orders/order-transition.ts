import type { OrderDocument } from '../../shared/api/orders';
import { orderMachine, type OrderStatus, type OrderTransitionContext } from '../../shared/domain/order-status';
import { checkTransition } from '../../shared/domain/state-machine';
import type { Actor } from '../../shared/events/station-events';
import type { Queryable } from '../db/database';
import { Problem } from '../http/problem';
import { saveOrder } from './order-store';
import { appendTimeline } from '../timeline/timeline';

/** Refuses a move the order state machine refuses, as 409 with the machine's stable code. */
export function assertTransition(order: OrderDocument, to: OrderStatus, ctx: OrderTransitionContext = {}): void {
  const check = checkTransition(orderMachine, order.status, to, {
    statusBeforeHold: order.statusBeforeHold,
    paymentStatus: order.paymentStatus,
    ...ctx,
  });
  if (!check.ok) {
    throw new Problem(409, check.code, 'Conflict', check.message, {
      currentStatus: order.status,
      requestedStatus: to,
      currentVersion: order.version,
    });
  }
}

export interface MoveMeta {
  command: string;
  reason: string | null;
  ctx?: OrderTransitionContext;
  /** Further changes to the document made with the move. */
  patch?: Partial<OrderDocument>;
  payload?: Record<string, unknown>;
  at?: string;
}

/** Moves the order through the state machine: checks the move, stamps the milestone, saves, records it on the timeline. */
export async function moveOrder(
  tx: Queryable,
  order: OrderDocument,
  to: OrderStatus,
  actor: Actor,
  meta: MoveMeta,
): Promise<OrderDocument> {
  assertTransition(order, to, meta.ctx);
  const at = meta.at ?? new Date().toISOString();
  // A milestone is when the order first got there (a release back to confirmed keeps the first confirmation).
  const saved = await saveOrder(tx, {
    ...order,
    ...meta.patch,
    status: to,
    milestones: { ...order.milestones, [to]: order.milestones[to] ?? at },
  });
  await appendTimeline(tx, {
    type: 'order-status-changed',
    orderId: order.id,
    payload: { from: order.status, to, reason: meta.reason, command: meta.command, ...meta.payload },
    actor,
    occurredAt: at,
  });
  return saved;
}

/** Saves a change that is not a status move, with its timeline event. */
export async function recordChange(
  tx: Queryable,
  order: OrderDocument,
  actor: Actor,
  type: string,
  payload: Record<string, unknown>,
): Promise<OrderDocument> {
  const saved = await saveOrder(tx, order);
  await appendTimeline(tx, { type, orderId: order.id, payload, actor });
  return saved;
}

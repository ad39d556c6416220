import type { OrderDocument } from '../../shared/api/orders';
import type { PaymentWebhookEvent } from '../../shared/api/order-commands';
import { paymentMachine, type PaymentStatus } from '../../shared/domain/order-status';
import { checkTransition } from '../../shared/domain/state-machine';
import type { Actor } from '../../shared/events/station-events';
import type { Database, Queryable } from '../db/database';
import { Problem } from '../http/problem';
import { totalsOf } from '../orders/order-math';
import { loadOrder, saveOrder } from '../orders/order-store';
import { autoConfirmOnPayment } from '../policies/auto-confirm';
import { openTask, type NewTask } from '../tasks/task-store';
import { appendTimeline } from '../timeline/timeline';
import { markRefundRequestFailed } from '../returns/refund-requests';
import { markRefundFailed, upsertPayment } from './payment-store';
import type { PaymentView } from '../../shared/api/payments';
import { executeRefundRequest, recordRefund } from './refunds';
import { issueInvoice } from '../billing/issue-documents';
import { formatMoney } from '../notifications/render-notification';

export interface WebhookOutcome {
  received: true;
  eventId: string;
  outcome: 'applied' | 'ignored' | 'rejected';
  duplicate: boolean;
  code?: string;
  message?: string;
  orderId?: string;
  paymentStatus?: PaymentStatus;
  orderStatus?: string;
}

class Rejection extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Applies one payment gateway event (its signature already verified). Money that moved at the
 * gateway is a fact: an event that does not fit the order is acknowledged (so the gateway stops
 * retrying), kept as rejected with a stable code, and a supervisor gets a reconciliation task.
 * Redelivered events (same id) are answered with the recorded outcome and never reapplied.
 */
export async function handlePaymentEvent(db: Database, event: PaymentWebhookEvent): Promise<WebhookOutcome> {
  return db.transaction(async (tx) => {
    const inserted = await tx.query(
      `insert into payment_webhook_events (event_id, type, payload, outcome) values ($1, $2, $3, 'processing') on conflict do nothing returning event_id`,
      [event.id, event.type, JSON.stringify(event)],
    );
    if (!inserted.length) {
      const [seen] = await tx.query<{ outcome: WebhookOutcome['outcome']; outcome_code: string | null; order_id: string | null }>(
        'select outcome, outcome_code, order_id from payment_webhook_events where event_id = $1',
        [event.id],
      );
      return {
        received: true,
        eventId: event.id,
        outcome: seen!.outcome,
        duplicate: true,
        code: seen!.outcome_code ?? undefined,
        orderId: seen!.order_id ?? undefined,
      };
    }
    const actor: Actor = { kind: 'webhook', id: `payment:${event.data.provider}`, name: `payment gateway ${event.data.provider}` };
    const order = await findOrder(tx, event);
    let outcome: WebhookOutcome;
    // A rejected event leaves nothing half-applied: its writes are rolled back to here.
    await tx.query('savepoint payment_event');
    try {
      if (!order) throw new Rejection('order_not_found', `no order ${event.data.orderId ?? event.data.orderNumber}`);
      if (order.currency !== event.data.currency)
        throw new Rejection('payment_currency_mismatch', `the order is in ${order.currency}, the payment in ${event.data.currency}`);
      const after = await apply(tx, order, event, actor);
      outcome = {
        received: true,
        eventId: event.id,
        outcome: after.changed ? 'applied' : 'ignored',
        duplicate: false,
        orderId: order.id,
        paymentStatus: after.order.paymentStatus,
        orderStatus: after.order.status,
      };
    } catch (err) {
      if (!(err instanceof Rejection) && !(err instanceof Problem)) throw err;
      await tx.query('rollback to savepoint payment_event');
      const code = err instanceof Rejection ? err.code : err.code;
      outcome = {
        received: true,
        eventId: event.id,
        outcome: 'rejected',
        duplicate: false,
        code,
        message: err.message,
        orderId: order?.id,
      };
      if (order) {
        await appendTimeline(tx, {
          type: 'payment-event-rejected',
          orderId: order.id,
          payload: { eventId: event.id, eventType: event.type, ...event.data },
          actor,
          outcome: 'rejected',
          outcomeCode: code,
          outcomeMessage: err.message,
        });
        await openTask(
          tx,
          orderTask(order.id, 'payment-reconciliation', `Payment event ${event.type} did not fit order ${order.number}: ${err.message}`, {
            code,
            eventId: event.id,
          }),
        );
      }
    }
    await tx.query('update payment_webhook_events set outcome = $2, outcome_code = $3, order_id = $4 where event_id = $1', [
      event.id,
      outcome.outcome,
      outcome.code ?? null,
      order?.id ?? null,
    ]);
    return outcome;
  });
}

async function findOrder(tx: Queryable, event: PaymentWebhookEvent): Promise<OrderDocument | null> {
  const [row] = event.data.orderId
    ? await tx.query<{ id: string }>('select id from orders where id = $1', [event.data.orderId])
    : await tx.query<{ id: string }>('select id from orders where number = $1', [event.data.orderNumber!.toUpperCase()]);
  return row ? loadOrder(tx, row.id, true) : null;
}

/** Moves the payment status along the payment machine; a failed payment retried starts again from pending. */
function nextPaymentStatus(current: PaymentStatus, target: PaymentStatus): PaymentStatus {
  if (current === target) return current;
  const path: PaymentStatus[] = current === 'failed' && target !== 'pending' ? ['pending', target] : [target];
  let at = current;
  for (const step of path) {
    const t = checkTransition(paymentMachine, at, step, {});
    if (!t.ok) throw new Rejection(t.code, `${t.message} (event would move the payment from ${current} to ${target})`);
    at = step;
  }
  return at;
}

type Applied = { order: OrderDocument; changed: boolean };
type EventHandler = (tx: Queryable, order: OrderDocument, event: PaymentWebhookEvent, actor: Actor) => Promise<Applied>;

/** Each payment event as data: the order's payment status it moves to, and the gateway payment's own status. */
const PAYMENT_MOVES = {
  'payment.authorized': { to: 'authorized', record: 'authorized' },
  'payment.captured': { to: 'paid', record: 'captured' },
  'payment.failed': { to: 'failed', record: 'failed' },
  'payment.voided': { to: 'failed', record: 'voided' },
} as const satisfies Record<string, { to: PaymentStatus; record: PaymentView['status'] }>;

/** What each gateway event does to its order: one handler per event type. */
const HANDLERS: Record<PaymentWebhookEvent['type'], EventHandler> = {
  'payment.authorized': applyPaymentMove,
  'payment.captured': applyPaymentMove,
  'payment.failed': applyPaymentMove,
  'payment.voided': applyPaymentMove,
  'refund.succeeded': applyRefundSucceeded,
  'refund.failed': applyRefundFailed,
};

const apply: EventHandler = (tx, order, event, actor) => HANDLERS[event.type](tx, order, event, actor);

async function applyPaymentMove(tx: Queryable, order: OrderDocument, event: PaymentWebhookEvent, actor: Actor): Promise<Applied> {
  const d = event.data;
  const reason = `${event.type} ${d.paymentReference}`;
  const move = PAYMENT_MOVES[event.type as keyof typeof PAYMENT_MOVES];
  const captured = event.type === 'payment.captured';
  // A capture after the order is paid (split capture) adds money without a status change.
  const next = order.paymentStatus === 'paid' && move.to === 'paid' ? 'paid' : nextPaymentStatus(order.paymentStatus, move.to);
  await upsertPayment(tx, {
    orderId: order.id,
    provider: d.provider,
    reference: d.paymentReference,
    status: move.record,
    amountMinor: d.amountMinor,
    currency: d.currency,
    failureReason: d.failureReason ?? null,
  });
  const paidMinor = order.totals.paidMinor + (captured ? d.amountMinor : 0);
  let current = await saveOrder(tx, { ...order, paymentStatus: next, totals: totalsOf(order, { paidMinor }) });
  if (captured) {
    await flagCaptureBeyondOwed(tx, order, event);
    await appendTimeline(tx, {
      type: 'payment-received',
      orderId: order.id,
      entityIds: { paymentReference: d.paymentReference },
      payload: { eventId: event.id, amountMinor: d.amountMinor, currency: d.currency, provider: d.provider },
      actor,
    });
  }
  if (next !== order.paymentStatus) {
    await appendTimeline(tx, {
      type: 'payment-status-changed',
      orderId: order.id,
      payload: { from: order.paymentStatus, to: next, reason, eventId: event.id, failureReason: d.failureReason ?? null },
      actor,
    });
  }
  // Paid now, not before: the order is invoiced (once; a later capture adds money, not an invoice).
  // A cancelled order sold nothing: money captured for it is recorded and goes back (the task above), never invoiced.
  if (current.paymentStatus === 'paid' && order.paymentStatus !== 'paid' && order.status !== 'cancelled')
    await issueInvoice(tx, current, actor, reason);
  // Whether a payment confirms the order is the auto-confirm policy's (settings): it acts as itself.
  if (next === 'authorized' || next === 'paid') current = await autoConfirmOnPayment(tx, current, reason);
  return { order: current, changed: true };
}

/**
 * The balance due is what is still to capture: cancelled units left it (a cancelled order owes
 * nothing). Money the gateway took beyond it (the whole original authorization, after units were
 * cancelled, or any capture after the order was cancelled) is a fact and is recorded, but a
 * supervisor gets a task to pay the excess back: whether to refund at the gateway, and when, is a
 * person's call (the customer may have been told otherwise), so nothing is refunded by itself.
 */
async function flagCaptureBeyondOwed(tx: Queryable, order: OrderDocument, event: PaymentWebhookEvent): Promise<void> {
  const owedMinor = order.totals.balanceDueMinor;
  const excessMinor = event.data.amountMinor - owedMinor;
  if (excessMinor <= 0) return;
  const money = (minor: number) => formatMoney(minor, order.currency, 'en');
  const captured = money(event.data.amountMinor);
  const cancelled = order.status === 'cancelled';
  const title = cancelled
    ? `${captured} was captured on order ${order.number} after it was cancelled: refund the ${money(excessMinor)} (the order is not invoiced)`
    : `${captured} was captured on order ${order.number}, which owed ${money(owedMinor)}: refund the ${money(excessMinor)} taken beyond it`;
  const code = cancelled ? 'payment_captured_after_cancel' : 'payment_captured_beyond_balance_due';
  await openTask(
    tx,
    orderTask(order.id, 'payment-reconciliation', title, {
      code,
      eventId: event.id,
      capturedMinor: event.data.amountMinor,
      owedMinor,
      excessMinor,
    }),
  );
}

async function applyRefundSucceeded(tx: Queryable, order: OrderDocument, event: PaymentWebhookEvent, actor: Actor): Promise<Applied> {
  const d = event.data;
  if (d.refundReference) {
    const [known] = await tx.query('select 1 from refunds where order_id = $1 and provider_reference = $2', [order.id, d.refundReference]);
    if (known) return { order, changed: false };
  }
  const result = d.refundRequestId
    ? await executeRefundRequest(tx, order, d.refundRequestId, actor, d.refundReference ?? null)
    : await recordRefund(
        tx,
        order,
        {
          amountMinor: d.amountMinor,
          kind: 'adjustment',
          reason: `refunded at the gateway (${d.paymentReference})`,
          providerReference: d.refundReference ?? null,
        },
        actor,
      );
  return { order: result.order, changed: true };
}

async function applyRefundFailed(tx: Queryable, order: OrderDocument, event: PaymentWebhookEvent, actor: Actor): Promise<Applied> {
  const d = event.data;
  if (d.refundRequestId) {
    if (!(await markRefundRequestFailed(tx, d.refundRequestId, order.id, d.failureReason ?? 'refused by the gateway')))
      throw new Rejection('refund_request_not_pending', `refund request ${d.refundRequestId} is not waiting to be paid`);
  } else if (d.refundReference) {
    if (!(await markRefundFailed(tx, order.id, d.refundReference)))
      throw new Rejection('refund_not_found', `no refund ${d.refundReference} on this order`);
  } else {
    throw new Rejection('refund_not_identified', 'refund.failed names neither a refundRequestId nor a refundReference');
  }
  await appendTimeline(tx, { type: 'refund-failed', orderId: order.id, payload: { eventId: event.id, ...d }, actor });
  await openTask(
    tx,
    orderTask(order.id, 'refund-failed', `A refund of order ${order.number} failed at the gateway: pay the customer back another way`, {
      eventId: event.id,
      ...d,
    }),
  );
  return { order, changed: true };
}

/** A payment task is the integrator's or a supervisor's on the order, not one warehouse's. */
function orderTask(orderId: string, kind: string, title: string, detail: Record<string, unknown>): NewTask {
  return { id: crypto.randomUUID(), kind, title, orderId, fulfillmentOrderId: null, eventId: null, warehouseId: null, detail };
}

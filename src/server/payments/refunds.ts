import type { z } from 'zod';
import type { RefundRequest } from '../../shared/api/order-commands';
import type { OrderDocument } from '../../shared/api/orders';
import type { BillingLine } from '../../shared/api/billing-documents';
import type { RefundKind, RefundView } from '../../shared/api/payments';
import { paymentMachine, type PaymentStatus } from '../../shared/domain/order-status';
import { computeRefund } from '../../shared/domain/refund';
import { checkTransition } from '../../shared/domain/state-machine';
import type { Actor } from '../../shared/events/station-events';
import { creditNoteForRefund } from '../billing/issue-documents';
import type { Queryable } from '../db/database';
import { Problem, problems } from '../http/problem';
import { totalsOf } from '../orders/order-math';
import { saveOrder } from '../orders/order-store';
import { assertTransition } from '../orders/order-transition';
import { markRefundRequestRefunded } from '../returns/refund-requests';
import { appendTimeline } from '../timeline/timeline';
import { insertRefund } from './payment-store';

export interface RefundInput {
  amountMinor: number;
  shippingMinor?: number;
  kind: RefundKind;
  reason: string;
  destination?: RefundView['destination'];
  lines?: RefundView['lines'];
  providerReference?: string | null;
  refundRequestId?: string | null;
  /** The lines its credit note shows (a quoted edit's corrections), instead of the refunded units. */
  creditNoteLines?: BillingLine[];
}

/** Money that can still go back: captured minus refunded. */
export function refundableOf(order: OrderDocument): number {
  return order.totals.paidMinor - order.totals.refundedMinor;
}

/**
 * Records a refund against what was captured: payment status moves to partially_refunded or
 * refunded, line refunded quantities grow, and an order whose goods shipped moves to refunded
 * once everything is paid back, and a credit note is issued. Refuses more than was captured (409 refund_exceeds_paid).
 */
export async function recordRefund(
  tx: Queryable,
  order: OrderDocument,
  input: RefundInput,
  actor: Actor,
): Promise<{ order: OrderDocument; refund: RefundView }> {
  const refundable = refundableOf(order);
  if (input.amountMinor <= 0) throw problems.unprocessable('refund_amount_zero', 'there is nothing to refund');
  if (input.amountMinor > refundable) {
    throw new Problem(
      409,
      'refund_exceeds_paid',
      'Conflict',
      `only ${refundable} (minor units) of what was captured has not been refunded; asked for ${input.amountMinor}`,
      {
        refundableMinor: refundable,
        currentVersion: order.version,
      },
    );
  }
  const refundedMinor = order.totals.refundedMinor + input.amountMinor;
  const nextPayment: PaymentStatus = refundedMinor >= order.totals.paidMinor ? 'refunded' : 'partially_refunded';
  const move = checkTransition(paymentMachine, order.paymentStatus, nextPayment, {});
  if (!move.ok)
    throw new Problem(409, move.code, 'Conflict', move.message, { paymentStatus: order.paymentStatus, currentVersion: order.version });

  const refund = await insertRefund(tx, {
    orderId: order.id,
    amountMinor: input.amountMinor,
    shippingMinor: input.shippingMinor ?? 0,
    currency: order.currency,
    kind: input.kind,
    reason: input.reason,
    destination: input.destination ?? 'original_method',
    lines: input.lines ?? [],
    status: 'succeeded',
    providerReference: input.providerReference ?? null,
    refundRequestId: input.refundRequestId ?? null,
    actor,
  });
  await creditNoteForRefund(tx, order, refund, actor, input.creditNoteLines);
  const refundedUnits = new Map<string, number>();
  // Units paid back by a cancellation left the order already; only refunds of units still on it count against them.
  if (input.kind !== 'cancellation')
    for (const l of input.lines ?? []) refundedUnits.set(l.lineId, (refundedUnits.get(l.lineId) ?? 0) + l.quantity);
  const lines = order.lines.map((l) =>
    refundedUnits.has(l.id) ? { ...l, refundedQuantity: Math.min(l.quantity, (l.refundedQuantity ?? 0) + refundedUnits.get(l.id)!) } : l,
  );
  const totals = totalsOf(
    { ...order, lines },
    {
      refundedMinor,
      refundedForCancellationsMinor:
        (order.totals.refundedForCancellationsMinor ?? 0) + (input.kind === 'cancellation' ? input.amountMinor : 0),
    },
  );
  // Everything paid back for goods that left the building: the order is refunded (its status refunded).
  const toRefunded = nextPayment === 'refunded' && ['shipped', 'delivered', 'completed'].includes(order.status);
  if (toRefunded) assertTransition(order, 'refunded');
  const at = new Date().toISOString();
  const saved = await saveOrder(tx, {
    ...order,
    lines,
    totals,
    paymentStatus: nextPayment,
    ...(toRefunded ? { status: 'refunded' as const, milestones: { ...order.milestones, refunded: at } } : {}),
  });
  await appendTimeline(tx, {
    type: 'refund-created',
    orderId: order.id,
    entityIds: { refundId: refund.id },
    payload: {
      amountMinor: refund.amountMinor,
      currency: refund.currency,
      kind: refund.kind,
      reason: refund.reason,
      destination: refund.destination,
      lines: refund.lines,
      refundRequestId: refund.refundRequestId,
    },
    actor,
  });
  await appendTimeline(tx, {
    type: 'payment-status-changed',
    orderId: order.id,
    payload: { from: order.paymentStatus, to: nextPayment, reason: refund.reason, refundId: refund.id },
    actor,
  });
  if (toRefunded) {
    await appendTimeline(tx, {
      type: 'order-status-changed',
      orderId: order.id,
      payload: { from: order.status, to: 'refunded', reason: refund.reason, command: 'refund' },
      actor,
      occurredAt: at,
    });
  }
  return { order: saved, refund };
}

/** Turns a refund request body (amount, lines from frozen prices, shipping, or a raised refund request) into a refund. */
export async function refundFromRequest(
  tx: Queryable,
  order: OrderDocument,
  body: z.output<typeof RefundRequest>,
  actor: Actor,
): Promise<{ order: OrderDocument; refund: RefundView }> {
  if (body.refundRequestId) return executeRefundRequest(tx, order, body.refundRequestId, actor, null);
  let lines: RefundView['lines'] = [];
  let amount = 0;
  if (body.lines) {
    const computed = computeRefund(
      order.lines.map((l) => ({
        lineId: l.id,
        sku: l.sku,
        quantity: l.quantity,
        unitPriceMinor: l.unitPriceMinor,
        discountMinor: l.discountMinor,
        taxMinor: l.taxMinor,
      })),
      body.lines.map((u) => ({
        lineId: u.lineId,
        quantity: u.quantity,
        alreadyRefunded: order.lines.find((l) => l.id === u.lineId)?.refundedQuantity ?? 0,
      })),
    );
    if (!computed.ok) throw problems.unprocessable(computed.code, computed.message);
    lines = computed.refund.lines.map((l) => ({ lineId: l.orderLineId, quantity: l.quantity, amountMinor: l.amountMinor }));
    amount = computed.refund.amountMinor;
  }
  let shippingMinor = 0;
  if (body.includeShipping) {
    const [row] = await tx.query<{ n: unknown }>(
      'select coalesce(sum(shipping_minor), 0) as n from refunds where order_id = $1 and status = $2',
      [order.id, 'succeeded'],
    );
    shippingMinor = Math.max(0, order.totals.shippingMinor - Number(row?.n ?? 0));
    if (!shippingMinor) throw problems.unprocessable('refund_shipping_already_refunded', 'shipping was already refunded');
  }
  // An explicit amount wins (a partial refund of the lines named, e.g. a price adjustment).
  const amountMinor = body.amountMinor ?? amount + shippingMinor;
  return recordRefund(
    tx,
    order,
    {
      amountMinor,
      shippingMinor,
      kind: body.lines ? 'return' : 'adjustment',
      reason: body.reason ?? 'refund',
      destination: body.destination,
      lines,
    },
    actor,
  );
}

/**
 * Pays a refund request raised by a return or a cancelled backorder (refund_requests, see
 * migration 0003): records the refund and settles the request as refunded.
 */
export async function executeRefundRequest(
  tx: Queryable,
  order: OrderDocument,
  requestId: string,
  actor: Actor,
  providerReference: string | null,
): Promise<{ order: OrderDocument; refund: RefundView }> {
  const [req] = await tx.query<{
    id: string;
    status: string;
    amount_minor: unknown;
    shipping_minor: unknown;
    method: string;
    reason: string;
    source: string;
    lines: { orderLineId: string; quantity: number; amountMinor: number }[];
  }>(
    'select id, status, amount_minor, shipping_minor, method, reason, source, lines from refund_requests where id = $1 and order_id = $2 for update',
    [requestId, order.id],
  );
  if (!req) throw problems.notFound(`refund request ${requestId} of order ${order.id}`);
  if (!['requested', 'processing', 'failed'].includes(req.status)) {
    throw problems.conflict('refund_request_settled', `the refund request is ${req.status}`, { refundRequestStatus: req.status });
  }
  const result = await recordRefund(
    tx,
    order,
    {
      amountMinor: Number(req.amount_minor),
      shippingMinor: Number(req.shipping_minor),
      kind: req.source === 'return' ? 'return' : 'adjustment',
      reason: req.reason,
      destination: req.method === 'store_credit' ? 'store_credit' : 'original_method',
      lines: req.lines.map((l) => ({ lineId: l.orderLineId, quantity: l.quantity, amountMinor: l.amountMinor })),
      providerReference,
      refundRequestId: req.id,
    },
    actor,
  );
  await markRefundRequestRefunded(tx, req.id, result.refund.id);
  return result;
}

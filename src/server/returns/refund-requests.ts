import type { Queryable } from '../db/database';
import type { OrderDocument } from '../../shared/api/orders';
import type { RefundRequestView } from '../../shared/api/returns';
import type { Actor } from '../../shared/events/station-events';
import { computeRefund, unitsStillRefundable } from '../../shared/domain/refund';
import { problems } from '../http/problem';
import { appendTimeline } from '../timeline/timeline';

/**
 * Refund requests are how fulfillment and returns ask payments for money back. This module only
 * writes them (status 'requested'); the payments code reads them, executes the refund and moves
 * them on (processing -> refunded | failed). Amounts come from the order's frozen line prices.
 */
export interface RaiseRefund {
  order: OrderDocument;
  source: 'return' | 'backorder_cancelled';
  returnId?: string | null;
  backorderId?: string | null;
  units: { lineId: string; quantity: number }[];
  refundShipping: boolean;
  method: 'original_payment' | 'store_credit';
  reason: string;
  actor: Actor;
}

/**
 * Units of each order line already paid back or promised back: what payments recorded on the line
 * (refundedQuantity, which includes executed refund requests) plus requests not executed yet.
 */
export async function refundedUnits(
  q: Queryable,
  order: OrderDocument,
): Promise<{ units: Map<string, number>; shippingRefunded: boolean }> {
  const rows = await q.query<{ lines: { orderLineId: string; quantity: number }[]; shipping_minor: unknown; status: string }>(
    `select lines, shipping_minor, status from refund_requests where order_id = $1 and status in ('requested', 'processing', 'failed', 'refunded')`,
    [order.id],
  );
  const units = new Map<string, number>(order.lines.map((l) => [l.id, l.refundedQuantity ?? 0]));
  for (const r of rows) {
    if (r.status === 'refunded') continue;
    for (const l of r.lines) units.set(l.orderLineId, (units.get(l.orderLineId) ?? 0) + l.quantity);
  }
  // Shipping paid back directly by payments (refunds table, migration 0002) counts too.
  const [paid] = await q.query<{ n: unknown }>(
    `select coalesce(sum(shipping_minor), 0) as n from refunds where order_id = $1 and status = 'succeeded'`,
    [order.id],
  );
  const shippingRefunded = rows.some((r) => Number(r.shipping_minor) > 0) || Number(paid?.n ?? 0) >= order.totals.shippingMinor;
  return { units, shippingRefunded };
}

/** Raises the request; null when nothing is left to pay back (every unit was refunded already). */
export async function raiseRefundRequest(tx: Queryable, input: RaiseRefund): Promise<RefundRequestView | null> {
  const { order } = input;
  // One refund computation at a time per order, so two returns never take the same unit shares.
  await tx.query('select pg_advisory_xact_lock(7203, hashtext($1))', [order.id]);
  const before = await refundedUnits(tx, order);
  const shippingMinor = input.refundShipping && !before.shippingRefunded ? order.totals.shippingMinor : 0;
  const computed = computeRefund(
    order.lines.map((l) => ({
      lineId: l.id,
      sku: l.sku,
      quantity: l.quantity,
      unitPriceMinor: l.unitPriceMinor,
      discountMinor: l.discountMinor,
      taxMinor: l.taxMinor,
    })),
    input.units.map((u) => {
      // Units paid back already (e.g. a line refund before the parcel came back) are taken back without money.
      const alreadyRefunded = before.units.get(u.lineId) ?? 0;
      const line = order.lines.find((l) => l.id === u.lineId);
      return {
        lineId: u.lineId,
        quantity: line ? unitsStillRefundable(u.quantity, line.quantity, alreadyRefunded) : u.quantity,
        alreadyRefunded,
      };
    }),
    shippingMinor,
  );
  if (!computed.ok) throw problems.conflict(computed.code, computed.message);
  const r = computed.refund;
  if (r.amountMinor === 0) return null;
  const view: RefundRequestView = {
    id: crypto.randomUUID(),
    orderId: order.id,
    source: input.source,
    returnId: input.returnId ?? null,
    backorderId: input.backorderId ?? null,
    status: 'requested',
    method: input.method,
    currency: order.currency,
    amountMinor: r.amountMinor,
    itemsMinor: r.itemsMinor,
    discountMinor: r.discountMinor,
    taxMinor: r.taxMinor,
    shippingMinor: r.shippingMinor,
    lines: r.lines,
    reason: input.reason,
    createdAt: new Date().toISOString(),
  };
  await tx.query(
    `insert into refund_requests (id, order_id, source, return_id, backorder_id, status, method, currency, amount_minor, items_minor, discount_minor, tax_minor, shipping_minor, lines, reason, requested_by, created_at, updated_at)
     values ($1,$2,$3,$4,$5,'requested',$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$16)`,
    [
      view.id,
      view.orderId,
      view.source,
      view.returnId,
      view.backorderId,
      view.method,
      view.currency,
      view.amountMinor,
      view.itemsMinor,
      view.discountMinor,
      view.taxMinor,
      view.shippingMinor,
      JSON.stringify(view.lines),
      view.reason,
      JSON.stringify(input.actor),
      view.createdAt,
    ],
  );
  await appendTimeline(tx, {
    type: 'refund-requested',
    orderId: order.id,
    entityIds: {
      refundRequestId: view.id,
      ...(view.returnId ? { returnId: view.returnId } : {}),
      ...(view.backorderId ? { backorderId: view.backorderId } : {}),
    },
    payload: {
      amountMinor: view.amountMinor,
      currency: view.currency,
      method: view.method,
      source: view.source,
      lines: view.lines.map((l) => ({ lineId: l.orderLineId, quantity: l.quantity, amountMinor: l.amountMinor })),
      reason: view.reason,
    },
    actor: input.actor,
  });
  return view;
}

interface Row {
  id: string;
  order_id: string;
  source: RefundRequestView['source'];
  return_id: string | null;
  backorder_id: string | null;
  status: RefundRequestView['status'];
  method: RefundRequestView['method'];
  currency: string;
  amount_minor: unknown;
  items_minor: unknown;
  discount_minor: unknown;
  tax_minor: unknown;
  shipping_minor: unknown;
  lines: RefundRequestView['lines'];
  reason: string;
  created_at: Date | string;
}

export function refundRequestView(r: Row): RefundRequestView {
  return {
    id: r.id,
    orderId: r.order_id,
    source: r.source,
    returnId: r.return_id,
    backorderId: r.backorder_id,
    status: r.status,
    method: r.method,
    currency: r.currency,
    amountMinor: Number(r.amount_minor),
    itemsMinor: Number(r.items_minor),
    discountMinor: Number(r.discount_minor),
    taxMinor: Number(r.tax_minor),
    shippingMinor: Number(r.shipping_minor),
    lines: r.lines,
    reason: r.reason,
    createdAt: new Date(r.created_at).toISOString(),
  };
}

export async function loadRefundRequest(q: Queryable, id: string): Promise<RefundRequestView | null> {
  const [row] = await q.query<Row>('select * from refund_requests where id = $1', [id]);
  return row ? refundRequestView(row) : null;
}

export async function refundRequestsOf(q: Queryable, orderId: string): Promise<RefundRequestView[]> {
  return (await q.query<Row>('select * from refund_requests where order_id = $1 order by created_at, id', [orderId])).map(
    refundRequestView,
  );
}

/** An order's refund requests as its payments list shows them (the money, where it stands, and why). */
export async function refundRequestSummariesOf(q: Queryable, orderId: string) {
  const rows = await q.query<Record<string, unknown>>(
    'select id, source, return_id, backorder_id, status, method, currency, amount_minor, reason, payment_reference, failure_reason, created_at from refund_requests where order_id = $1 order by created_at, id',
    [orderId],
  );
  return rows.map((r) => ({
    id: r.id,
    source: r.source,
    returnId: r.return_id,
    backorderId: r.backorder_id,
    status: r.status,
    method: r.method,
    currency: r.currency,
    amountMinor: Number(r.amount_minor),
    reason: r.reason,
    paymentReference: r.payment_reference,
    failureReason: r.failure_reason,
    createdAt: new Date(r.created_at as string).toISOString(),
  }));
}

/** The gateway paid the request: `paymentReference` names our refund record. */
export async function markRefundRequestRefunded(tx: Queryable, id: string, paymentReference: string): Promise<void> {
  await tx.query(
    `update refund_requests set status = 'refunded', payment_reference = $2, failure_reason = null, updated_at = now() where id = $1`,
    [id, paymentReference],
  );
}

/** The gateway refused to pay a pending request of the order; false when there is no such pending request. */
export async function markRefundRequestFailed(tx: Queryable, id: string, orderId: string, reason: string): Promise<boolean> {
  const rows = await tx.query(
    `update refund_requests set status = 'failed', failure_reason = $3, updated_at = now() where id = $1 and order_id = $2 and status in ('requested', 'processing') returning id`,
    [id, orderId, reason],
  );
  return rows.length > 0;
}

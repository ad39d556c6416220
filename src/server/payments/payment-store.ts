import type { PaymentView, RefundView } from '../../shared/api/payments';
import type { Queryable } from '../db/database';
import { toInt, toIso } from '../db/database';

/** Payment references and refunds, as stored (never card data: only the gateway's references). */
export async function upsertPayment(
  tx: Queryable,
  p: {
    orderId: string;
    provider: string;
    reference: string;
    status: PaymentView['status'];
    amountMinor: number;
    currency: string;
    failureReason?: string | null;
  },
): Promise<PaymentView> {
  const now = new Date().toISOString();
  const [row] = await tx.query<Record<string, unknown>>(
    `insert into payments (id, order_id, provider, reference, status, amount_minor, currency, failure_reason, created_at, updated_at)
     values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$9)
     on conflict (order_id, provider, reference) do update set status = excluded.status, amount_minor = excluded.amount_minor,
       failure_reason = excluded.failure_reason, updated_at = excluded.updated_at
     returning *`,
    [crypto.randomUUID(), p.orderId, p.provider, p.reference, p.status, p.amountMinor, p.currency, p.failureReason ?? null, now],
  );
  return paymentView(row!);
}

export async function paymentsOf(q: Queryable, orderId: string): Promise<PaymentView[]> {
  const rows = await q.query<Record<string, unknown>>('select * from payments where order_id = $1 order by created_at, id', [orderId]);
  return rows.map(paymentView);
}

export async function refundsOf(q: Queryable, orderId: string): Promise<RefundView[]> {
  const rows = await q.query<Record<string, unknown>>('select * from refunds where order_id = $1 order by created_at, id', [orderId]);
  return rows.map(refundView);
}

export async function insertRefund(tx: Queryable, r: Omit<RefundView, 'id' | 'createdAt'>): Promise<RefundView> {
  const [row] = await tx.query<Record<string, unknown>>(
    `insert into refunds (id, order_id, amount_minor, shipping_minor, currency, kind, reason, destination, lines, status, provider_reference, refund_request_id, actor, created_at)
     values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14) returning *`,
    [
      crypto.randomUUID(),
      r.orderId,
      r.amountMinor,
      r.shippingMinor,
      r.currency,
      r.kind,
      r.reason,
      r.destination,
      JSON.stringify(r.lines),
      r.status,
      r.providerReference,
      r.refundRequestId,
      JSON.stringify(r.actor),
      new Date().toISOString(),
    ],
  );
  return refundView(row!);
}

function paymentView(r: Record<string, unknown>): PaymentView {
  return {
    id: r.id as string,
    orderId: r.order_id as string,
    provider: r.provider as string,
    reference: r.reference as string,
    status: r.status as PaymentView['status'],
    amountMinor: toInt(r.amount_minor),
    currency: r.currency as string,
    failureReason: (r.failure_reason as string | null) ?? null,
    createdAt: toIso(r.created_at),
    updatedAt: toIso(r.updated_at),
  };
}

function refundView(r: Record<string, unknown>): RefundView {
  return {
    id: r.id as string,
    orderId: r.order_id as string,
    amountMinor: toInt(r.amount_minor),
    shippingMinor: toInt(r.shipping_minor),
    currency: r.currency as string,
    kind: r.kind as RefundView['kind'],
    reason: r.reason as string,
    destination: r.destination as RefundView['destination'],
    lines: r.lines as RefundView['lines'],
    status: r.status as RefundView['status'],
    providerReference: (r.provider_reference as string | null) ?? null,
    refundRequestId: (r.refund_request_id as string | null) ?? null,
    actor: r.actor as RefundView['actor'],
    createdAt: toIso(r.created_at),
  };
}

/** The gateway reports a refund of the order failed; false when the order has no refund by that reference. */
export async function markRefundFailed(tx: Queryable, orderId: string, providerReference: string): Promise<boolean> {
  const rows = await tx.query(`update refunds set status = 'failed' where order_id = $1 and provider_reference = $2 returning id`, [
    orderId,
    providerReference,
  ]);
  return rows.length > 0;
}

import type { BillingDocumentKind, BillingDocumentView, BillingLine } from '../../shared/api/billing-documents';
import type { Actor } from '../../shared/events/station-events';
import { toInt, toIso, type Queryable } from '../db/database';
import { problems } from '../http/problem';
import { nextDocumentSequence } from '../orders/order-store';

/** The one writer of billing_documents (migration 0016). */
export interface NewBillingDocument {
  orderId: string;
  kind: BillingDocumentKind;
  currency: string;
  lines: BillingLine[];
  billTo: BillingDocumentView['billTo'];
  reason: string;
  correctsId: string | null;
  refundId: string | null;
  quoteId: string | null;
  actor: Actor;
}

const SERIES: Record<BillingDocumentKind, string> = { invoice: 'INV', credit_note: 'CN' };

/**
 * Numbers are consecutive per kind and calendar year (UTC), without gaps: the counter row moves in
 * the transaction that inserts the document, under its row lock, so two documents never share a
 * number and a transaction that rolls back gives its number back.
 */
export async function insertBillingDocument(tx: Queryable, d: NewBillingDocument, now = new Date()): Promise<string> {
  const year = String(now.getUTCFullYear());
  const series = SERIES[d.kind];
  const sequence = await nextDocumentSequence(tx, series, year);
  const number = `${series}-${year}-${String(sequence).padStart(6, '0')}`;
  const sum = (f: (l: BillingLine) => number) => d.lines.reduce((n, l) => n + f(l), 0);
  const shipping = sum((l) => (l.kind === 'shipping' ? l.totalMinor : 0));
  const id = crypto.randomUUID();
  await tx.query(
    `insert into billing_documents (id, order_id, kind, number, currency, lines, subtotal_minor, discount_minor, tax_minor, shipping_minor,
       total_minor, bill_to, reason, corrects_id, refund_id, quote_id, actor, issued_at)
     values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18)`,
    [
      id,
      d.orderId,
      d.kind,
      number,
      d.currency,
      JSON.stringify(d.lines),
      sum((l) => (l.kind === 'shipping' ? 0 : l.subtotalMinor)),
      sum((l) => l.discountMinor),
      sum((l) => l.taxMinor),
      shipping,
      sum((l) => l.totalMinor),
      JSON.stringify(d.billTo),
      d.reason,
      d.correctsId,
      d.refundId,
      d.quoteId,
      JSON.stringify(d.actor),
      now.toISOString(),
    ],
  );
  return id;
}

export async function billingDocumentsOf(q: Queryable, orderId: string): Promise<BillingDocumentView[]> {
  const rows = await q.query<Record<string, unknown>>(
    `select d.*, o.number as order_number from billing_documents d join orders o on o.id = d.order_id
      where d.order_id = $1 order by d.issued_at, d.number`,
    [orderId],
  );
  return rows.map(documentView);
}

export async function loadBillingDocument(q: Queryable, orderId: string, documentId: string): Promise<BillingDocumentView> {
  const [row] = await q.query<Record<string, unknown>>(
    `select d.*, o.number as order_number from billing_documents d join orders o on o.id = d.order_id
      where d.order_id = $1 and d.id = $2`,
    [orderId, documentId],
  );
  if (!row) throw problems.notFound(`invoice ${documentId} of order ${orderId}`);
  return documentView(row);
}

/** The order's first invoice (the one its corrections refer to), if it has been invoiced. */
export async function originalInvoiceOf(q: Queryable, orderId: string): Promise<string | null> {
  const [row] = await q.query<{ id: string }>(
    `select id from billing_documents where order_id = $1 and kind = 'invoice' and corrects_id is null order by issued_at limit 1`,
    [orderId],
  );
  return row?.id ?? null;
}

function documentView(r: Record<string, unknown>): BillingDocumentView {
  return {
    id: r.id as string,
    orderId: r.order_id as string,
    orderNumber: r.order_number as string,
    kind: r.kind as BillingDocumentKind,
    number: r.number as string,
    currency: r.currency as string,
    lines: r.lines as BillingLine[],
    subtotalMinor: toInt(r.subtotal_minor),
    discountMinor: toInt(r.discount_minor),
    taxMinor: toInt(r.tax_minor),
    shippingMinor: toInt(r.shipping_minor),
    totalMinor: toInt(r.total_minor),
    billTo: r.bill_to as BillingDocumentView['billTo'],
    reason: r.reason as string,
    correctsId: (r.corrects_id as string | null) ?? null,
    refundId: (r.refund_id as string | null) ?? null,
    quoteId: (r.quote_id as string | null) ?? null,
    issuedAt: toIso(r.issued_at),
    pdfUrl: `/v1/orders/${r.order_id as string}/invoices/${r.id as string}/pdf`,
  };
}

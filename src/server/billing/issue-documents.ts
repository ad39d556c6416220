import type { BillingDocumentView, BillingLine } from '../../shared/api/billing-documents';
import type { QuotedLine } from '../../shared/api/order-quotes';
import type { OrderDocument, OrderLine } from '../../shared/api/orders';
import type { RefundView } from '../../shared/api/payments';
import type { Actor } from '../../shared/events/station-events';
import type { Queryable } from '../db/database';
import { appendTimeline } from '../timeline/timeline';
import { insertBillingDocument, originalInvoiceOf, type NewBillingDocument } from './billing-store';

/**
 * When billing documents are issued (architecture.md, "Invoices and credit notes"): the invoice
 * when the order is paid (or on request for an order confirmed on account), from the prices frozen
 * on its lines; a credit note for each refund of an invoiced order, except a cancellation's (the
 * cancel credits its units itself, refunded or not: cancellation-credit.ts); and for a quoted edit
 * of an invoiced order, a supplementary invoice for what it adds or a credit note for what it takes off.
 */

const itemLine = (l: OrderLine): BillingLine => ({
  kind: 'item',
  lineId: l.id,
  sku: l.sku,
  description: l.name,
  quantity: l.quantity,
  unitPriceMinor: l.unitPriceMinor,
  subtotalMinor: l.unitPriceMinor * l.quantity,
  discountMinor: l.discountMinor,
  taxRateBps: l.taxRateBps,
  taxMinor: l.taxMinor,
  totalMinor: l.totalMinor,
});

const amountLine = (kind: 'shipping' | 'adjustment', description: string, amountMinor: number): BillingLine => ({
  kind,
  lineId: null,
  sku: null,
  description,
  quantity: 1,
  unitPriceMinor: amountMinor,
  subtotalMinor: amountMinor,
  discountMinor: 0,
  taxRateBps: 0,
  taxMinor: 0,
  totalMinor: amountMinor,
});

const billTo = (order: OrderDocument): BillingDocumentView['billTo'] => ({
  name: order.billingAddress?.name ?? order.customer.name,
  email: order.customer.email,
  address: order.billingAddress ?? order.shippingAddress,
});

async function issue(tx: Queryable, order: OrderDocument, d: Omit<NewBillingDocument, 'orderId' | 'currency' | 'billTo'>): Promise<string> {
  const id = await insertBillingDocument(tx, { ...d, orderId: order.id, currency: order.currency, billTo: billTo(order) });
  const totalMinor = d.lines.reduce((n, l) => n + l.totalMinor, 0);
  await appendTimeline(tx, {
    type: d.kind === 'invoice' ? 'invoice-issued' : 'credit-note-issued',
    orderId: order.id,
    entityIds: { documentId: id },
    payload: { totalMinor, currency: order.currency, reason: d.reason, correctsId: d.correctsId, refundId: d.refundId, quoteId: d.quoteId },
    actor: d.actor,
  });
  return id;
}

/** The order's invoice: issued once, for the lines it holds at their frozen prices and its shipping. Answers the existing one after that. */
export async function issueInvoice(tx: Queryable, order: OrderDocument, actor: Actor, reason: string): Promise<string> {
  const existing = await originalInvoiceOf(tx, order.id);
  if (existing) return existing;
  const lines = order.lines.filter((l) => l.quantity > 0).map(itemLine);
  if (order.totals.shippingMinor > 0) lines.push(amountLine('shipping', 'Shipping', order.totals.shippingMinor));
  return issue(tx, order, { kind: 'invoice', lines, reason, correctsId: null, refundId: null, quoteId: null, actor });
}

/** A quoted edit's lines as a correction: each line's difference, signed as the edit moves the total. */
export function correctionLines(lines: readonly QuotedLine[]): BillingLine[] {
  return lines.map((q) => {
    const before = q.before ?? { quantity: 0, unitPriceMinor: 0, discountMinor: 0, taxMinor: 0, totalMinor: 0, taxRateBps: 0 };
    const after = q.after ?? { quantity: 0, unitPriceMinor: 0, discountMinor: 0, taxMinor: 0, totalMinor: 0, taxRateBps: 0 };
    return {
      kind: 'item',
      lineId: q.lineId,
      sku: q.sku,
      description: q.name,
      quantity: after.quantity - before.quantity,
      unitPriceMinor: q.after ? after.unitPriceMinor : before.unitPriceMinor,
      subtotalMinor: after.unitPriceMinor * after.quantity - before.unitPriceMinor * before.quantity,
      discountMinor: after.discountMinor - before.discountMinor,
      taxRateBps: q.after ? after.taxRateBps : before.taxRateBps,
      taxMinor: q.taxDifferenceMinor,
      totalMinor: q.differenceMinor,
    };
  });
}

/** The line as it reads on the other kind of document: what an invoice bills, a credit note gives back. */
export const negated = (l: BillingLine): BillingLine => ({
  ...l,
  quantity: -l.quantity,
  subtotalMinor: -l.subtotalMinor,
  discountMinor: -l.discountMinor,
  taxMinor: -l.taxMinor,
  totalMinor: -l.totalMinor,
});

/**
 * A correction of an invoiced order: a supplementary invoice when the lines add up to more, a
 * credit note (the lines negated, so it shows what goes back) when to less. Nothing for an order
 * not invoiced yet: its invoice will bill it as it then is.
 */
export async function issueCorrection(
  tx: Queryable,
  order: OrderDocument,
  lines: BillingLine[],
  actor: Actor,
  meta: { reason: string; refundId?: string | null; quoteId?: string | null },
): Promise<string | null> {
  const invoiceId = await originalInvoiceOf(tx, order.id);
  const total = lines.reduce((n, l) => n + l.totalMinor, 0);
  if (!invoiceId || total === 0) return null;
  return issue(tx, order, {
    kind: total > 0 ? 'invoice' : 'credit_note',
    lines: total > 0 ? lines : lines.map(negated),
    reason: meta.reason,
    correctsId: invoiceId,
    refundId: meta.refundId ?? null,
    quoteId: meta.quoteId ?? null,
    actor,
  });
}

/**
 * The credit note of a refund: the refunded units at their frozen shares (tax shown in proportion
 * to the line's), refunded shipping, and the rest as an adjustment. An order paid before invoices
 * existed is invoiced first, as it was before the refund; a cancelled order never invoiced gets neither.
 */
export async function creditNoteForRefund(
  tx: Queryable,
  orderBefore: OrderDocument,
  refund: RefundView,
  actor: Actor,
  lines?: BillingLine[],
): Promise<string | null> {
  if (!(await originalInvoiceOf(tx, orderBefore.id))) {
    // A cancelled order never invoiced sold nothing (money captured after its cancel goes back): nothing to bill or credit.
    if (orderBefore.status === 'cancelled') return null;
    await issueInvoice(tx, orderBefore, actor, 'paid before invoicing');
    // Units cancelled or edited off had left the order already: the invoice just issued does not bill them.
    if (lines || refund.kind === 'cancellation') return null;
  }
  // A cancellation's units are credited by the cancel itself, whatever it refunds (cancellation-credit.ts).
  if (refund.kind === 'cancellation' && !lines) return null;
  const credited: BillingLine[] = lines ? lines.map(negated) : [];
  if (!lines) {
    for (const r of refund.lines) {
      const line = orderBefore.lines.find((l) => l.id === r.lineId);
      if (!line) continue;
      const taxMinor = line.totalMinor > 0 ? Math.round((r.amountMinor * line.taxMinor) / line.totalMinor) : 0;
      credited.push({
        ...itemLine(line),
        quantity: r.quantity,
        subtotalMinor: r.amountMinor - taxMinor,
        discountMinor: 0,
        taxMinor,
        totalMinor: r.amountMinor,
      });
    }
    if (refund.shippingMinor > 0) credited.push(amountLine('shipping', 'Shipping', refund.shippingMinor));
    const rest = refund.amountMinor - credited.reduce((n, l) => n + l.totalMinor, 0);
    if (rest !== 0) credited.push(amountLine('adjustment', `Adjustment: ${refund.reason}`, rest));
  }
  const invoiceId = await originalInvoiceOf(tx, orderBefore.id);
  return issue(tx, orderBefore, {
    kind: 'credit_note',
    lines: credited,
    reason: refund.reason,
    correctsId: invoiceId,
    refundId: refund.id,
    quoteId: null,
    actor,
  });
}

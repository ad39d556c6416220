import type { BillingLine } from '../../shared/api/billing-documents';
import type { OrderDocument } from '../../shared/api/orders';
import type { Actor } from '../../shared/events/station-events';
import { refundForUnits } from '../../shared/domain/refund';
import type { Queryable } from '../db/database';
import { issueCorrection, negated } from './issue-documents';

/**
 * Cancelled units leave what the customer owes, so they leave what they were invoiced for: a
 * credit note for them, whether or not money was captured for them (a refund of what was is its
 * own matter). Then the invoice less its credit notes is what the customer owes for what they get.
 * The credit lines are taken before the cancel refunds anything, from what the documents billed;
 * the note is issued after, naming the refund made with it.
 */

/** What the order's documents bill net (invoices less credit notes), per order line, shipping and adjustments. */
export async function netInvoicedLines(q: Queryable, orderId: string): Promise<BillingLine[]> {
  const docs = await q.query<{ kind: string; lines: BillingLine[] }>(
    `select kind, lines from billing_documents where order_id = $1 order by issued_at, number`,
    [orderId],
  );
  const net = new Map<string, BillingLine>();
  for (const d of docs) {
    const sign = d.kind === 'credit_note' ? -1 : 1;
    for (const l of d.lines) {
      const key = l.kind === 'item' ? `item:${l.lineId}` : l.kind;
      const was = net.get(key);
      const add = (f: (x: BillingLine) => number) => (was ? f(was) : 0) + sign * f(l);
      net.set(key, {
        ...(was ?? l),
        ...(l.kind === 'adjustment' ? { description: 'Adjustment' } : {}),
        quantity: add((x) => x.quantity),
        subtotalMinor: add((x) => x.subtotalMinor),
        discountMinor: add((x) => x.discountMinor),
        taxMinor: add((x) => x.taxMinor),
        totalMinor: add((x) => x.totalMinor),
      });
    }
  }
  return [...net.values()].filter((l) => l.totalMinor !== 0 || l.quantity !== 0);
}

/**
 * The credit lines for units about to be cancelled off `order` (as it is before they leave it):
 * each at its frozen share of the line's discount and tax, as many as the documents billed (units
 * cancelled before the order was invoiced were never billed). Nothing for an order not invoiced.
 */
export async function cancelledUnitsCredit(
  q: Queryable,
  order: OrderDocument,
  units: readonly { lineId: string; quantity: number }[],
): Promise<BillingLine[]> {
  const billed = new Map((await netInvoicedLines(q, order.id)).filter((l) => l.kind === 'item').map((l) => [l.lineId, l.quantity]));
  const credit: BillingLine[] = [];
  for (const u of units) {
    const line = order.lines.find((l) => l.id === u.lineId);
    const quantity = Math.min(u.quantity, billed.get(u.lineId) ?? 0, line?.quantity ?? 0);
    if (!line || quantity <= 0) continue;
    // The last units of the line, as withoutUnits takes them off it.
    const cut = refundForUnits({ ...line, lineId: line.id }, line.quantity - quantity, quantity);
    credit.push({
      kind: 'item',
      lineId: line.id,
      sku: line.sku,
      description: line.name,
      quantity,
      unitPriceMinor: line.unitPriceMinor,
      subtotalMinor: cut.itemsMinor,
      discountMinor: cut.discountMinor,
      taxRateBps: line.taxRateBps,
      taxMinor: cut.taxMinor,
      totalMinor: cut.amountMinor,
    });
  }
  return credit;
}

/** Issues the credit note of cancelled units (lines from the two above), naming the refund made with the cancel if any. */
export async function issueCancellationCreditNote(
  tx: Queryable,
  order: OrderDocument,
  credit: readonly BillingLine[],
  actor: Actor,
  meta: { reason: string; refundId: string | null },
): Promise<string | null> {
  if (credit.reduce((n, l) => n + l.totalMinor, 0) <= 0) return null;
  // issueCorrection takes what the change does to the bill: the credit lines, negated.
  return issueCorrection(tx, order, credit.map(negated), actor, { reason: meta.reason, refundId: meta.refundId });
}

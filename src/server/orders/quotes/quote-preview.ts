import type { QuoteChangeRequest, QuotedLine, QuoteView } from '../../../shared/api/order-quotes';
import type { OrderDocument, OrderLine } from '../../../shared/api/orders';
import { problems } from '../../http/problem';
import { changedLine, newLine, removedLine } from '../commands/order-lines';
import { totalsOf } from '../order-math';

type Priced = NonNullable<QuotedLine['before']>;
const priced = (l: OrderLine): Priced => ({
  quantity: l.quantity,
  unitPriceMinor: l.unitPriceMinor,
  taxRateBps: l.taxRateBps,
  discountMinor: l.discountMinor,
  taxMinor: l.taxMinor,
  totalMinor: l.totalMinor,
});

function quoted(line: OrderLine, before: OrderLine | null, after: OrderLine | null): QuotedLine {
  return {
    lineId: line.id,
    sku: line.sku,
    name: (after ?? line).name,
    before: before && priced(before),
    after: after && priced(after),
    differenceMinor: (after?.totalMinor ?? 0) - (before?.totalMinor ?? 0),
    taxDifferenceMinor: (after?.taxMinor ?? 0) - (before?.taxMinor ?? 0),
  };
}

export type QuotePreview = Omit<QuoteView, 'id' | 'status' | 'createdAt' | 'expiresAt' | 'appliedAt'> & {
  /** Ids of the lines the quote adds, so applying it adds the lines it priced. */
  addedLineIds: string[];
};

/**
 * Prices an edit without applying it: the same checks and pricing as the line commands
 * (newLine, changedLine, removedLine), in the order they are applied (adds, changes, removals),
 * each against the order as the previous one left it.
 */
export function previewEdit(order: OrderDocument, request: QuoteChangeRequest): QuotePreview {
  let draft = order;
  const added: QuotedLine[] = [];
  const changed: QuotedLine[] = [];
  const removed: QuotedLine[] = [];
  for (const input of request.add) {
    const line = newLine(draft, input);
    draft = { ...draft, lines: [...draft.lines, line] };
    added.push(quoted(line, null, line));
  }
  for (const change of request.change) {
    const { line, next } = changedLine(draft, change.lineId, change);
    draft = { ...draft, lines: draft.lines.map((l) => (l.id === line.id ? next : l)) };
    changed.push(quoted(line, line, next));
  }
  for (const lineId of request.remove) {
    const line = removedLine(draft, lineId);
    draft = { ...draft, lines: draft.lines.filter((l) => l.id !== lineId) };
    removed.push(quoted(line, line, null));
  }
  if (!draft.lines.some((l) => l.quantity > 0))
    throw problems.conflict('order_needs_a_line', 'the edit leaves no line: cancel the order instead', { currentVersion: order.version });
  const newTotals = totalsOf(draft);
  const currentTotals = order.totals;
  // Paid toward the order's lines: what was captured, less what went back for units that left it.
  const paidTowardOrder = currentTotals.paidMinor - (currentTotals.refundedForCancellationsMinor ?? 0);
  const refundable = currentTotals.paidMinor - currentTotals.refundedMinor;
  return {
    orderId: order.id,
    orderVersion: order.version,
    currency: order.currency,
    added,
    changed,
    removed,
    currentTotals,
    newTotals,
    differenceMinor: newTotals.totalMinor - currentTotals.totalMinor,
    taxDifferenceMinor: newTotals.taxMinor - currentTotals.taxMinor,
    toPayMinor: newTotals.balanceDueMinor,
    toRefundMinor: Math.max(0, Math.min(refundable, paidTowardOrder - newTotals.totalMinor)),
    reason: request.reason ?? null,
    addedLineIds: added.map((l) => l.lineId),
  };
}

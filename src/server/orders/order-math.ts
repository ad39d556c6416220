import type { OrderDocument, OrderLine, OrderTotals } from '../../shared/api/orders';
import { lineAmounts } from '../../shared/domain/order-totals';
import { refundForUnits } from '../../shared/domain/refund';

/**
 * Totals from the amounts stored on each line (not recomputed from rates), so that removing
 * units by their frozen per-unit shares changes the total by exactly what is refunded for them.
 * Balance due: what the customer owes beyond what they paid; refunds for cancelled units do not
 * reduce what they paid toward the remaining lines, other refunds (goodwill, returns) do not add to it.
 */
export function totalsOf(
  order: Pick<OrderDocument, 'lines' | 'totals'> & { status?: OrderDocument['status'] },
  changes: Partial<Pick<OrderTotals, 'paidMinor' | 'refundedMinor' | 'refundedForCancellationsMinor' | 'shippingMinor'>> = {},
): OrderTotals {
  const shippingMinor = changes.shippingMinor ?? order.totals.shippingMinor;
  const paidMinor = changes.paidMinor ?? order.totals.paidMinor;
  const refundedMinor = changes.refundedMinor ?? order.totals.refundedMinor;
  const refundedForCancellationsMinor = changes.refundedForCancellationsMinor ?? order.totals.refundedForCancellationsMinor ?? 0;
  let subtotalMinor = 0;
  let discountMinor = 0;
  let taxMinor = 0;
  for (const l of order.lines) {
    subtotalMinor += l.unitPriceMinor * l.quantity;
    discountMinor += l.discountMinor;
    taxMinor += l.taxMinor;
  }
  const totalMinor = subtotalMinor - discountMinor + taxMinor + shippingMinor;
  // A cancelled order is owed nothing, whatever its lines still say.
  const balanceDueMinor = order.status === 'cancelled' ? 0 : Math.max(0, totalMinor - paidMinor + refundedForCancellationsMinor);
  return {
    subtotalMinor,
    discountMinor,
    taxMinor,
    shippingMinor,
    totalMinor,
    refundedMinor,
    paidMinor,
    balanceDueMinor,
    refundedForCancellationsMinor,
  };
}

/** A line priced afresh (a new line, or an edit of its price, tax, discount or quantity). */
export function pricedLine(line: Omit<OrderLine, 'taxMinor' | 'totalMinor'>): OrderLine {
  const a = lineAmounts(line);
  return { ...line, taxMinor: a.taxMinor, totalMinor: a.totalMinor };
}

/**
 * The line without its last `units` units, which take their frozen shares of the line's discount
 * and tax with them (the same shares a refund of those units pays back). Returns the new line and
 * the money those units were worth.
 */
export function withoutUnits(line: OrderLine, units: number): { line: OrderLine; removedMinor: number } {
  const keep = line.quantity - units;
  const removed = refundForUnits(
    {
      lineId: line.id,
      sku: line.sku,
      quantity: line.quantity,
      unitPriceMinor: line.unitPriceMinor,
      discountMinor: line.discountMinor,
      taxMinor: line.taxMinor,
    },
    keep,
    units,
  );
  const discountMinor = line.discountMinor - removed.discountMinor;
  const taxMinor = line.taxMinor - removed.taxMinor;
  return {
    line: {
      ...line,
      quantity: keep,
      discountMinor,
      taxMinor,
      totalMinor: line.unitPriceMinor * keep - discountMinor + taxMinor,
      cancelledQuantity: (line.cancelledQuantity ?? 0) + units,
      refundedQuantity: Math.min(line.refundedQuantity ?? 0, keep),
    },
    removedMinor: removed.amountMinor,
  };
}

/** Units cancelled off an order's lines: how many of which line, and what they were worth. */
export interface CancelledUnits {
  lineId: string;
  quantity: number;
  amountMinor: number;
}

/** The order with the given units taken off its lines, each with its frozen share of discount and tax. */
export function withoutOrderUnits<O extends Pick<OrderDocument, 'lines'>>(
  order: O,
  items: readonly { lineId: string; quantity: number }[],
): { changed: O; removed: CancelledUnits[]; removedMinor: number } {
  let lines = order.lines;
  let removedMinor = 0;
  const removed: CancelledUnits[] = [];
  for (const item of items) {
    const line = lines.find((l) => l.id === item.lineId)!;
    const cut = withoutUnits(line, item.quantity);
    lines = lines.map((l) => (l.id === line.id ? cut.line : l));
    removedMinor += cut.removedMinor;
    removed.push({ lineId: line.id, quantity: item.quantity, amountMinor: cut.removedMinor });
  }
  return { changed: { ...order, lines }, removed, removedMinor };
}

/**
 * Of `amountMinor` worth of units being cancelled, the part the customer has already paid for,
 * so the part to pay back. What they still owe (the balance due) is taken off first: an order
 * authorized but not captured, or captured only in part (at a first shipment), owes less and gets
 * nothing back; a fully paid one gets the whole amount back.
 */
export function paidShareOf(order: Pick<OrderDocument, 'totals'>, amountMinor: number): number {
  return Math.max(0, amountMinor - order.totals.balanceDueMinor);
}

export function totalUnits(order: Pick<OrderDocument, 'lines'>): number {
  return order.lines.reduce((n, l) => n + l.quantity, 0);
}

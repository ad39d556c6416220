import type { ReturnDocument, ReturnLineDoc } from '../api/returns';
import { computeRefund, unitsStillRefundable, type FrozenLine } from './refund';

/** Units the customer gives up: everything inspected except what is sent back to them. */
export function acceptedUnits(line: Pick<ReturnLineDoc, 'units'>): number {
  return line.units.filter((u) => u.disposition !== 'return_to_customer').length;
}

/**
 * The order-line units completing a return asks to refund: the accepted units of lines that are
 * not exchanged (an exchanged line is paid for by its replacement). The server prices them (less
 * any refunded already); the returns desk reads it from its copy to say whether a refund follows.
 */
export function unitsToRefund(doc: Pick<ReturnDocument, 'lines'>): { lineId: string; quantity: number }[] {
  return doc.lines
    .filter((l) => !l.exchange)
    .map((l) => ({ lineId: l.orderLineId, quantity: acceptedUnits(l) }))
    .filter((u) => u.quantity > 0);
}

/**
 * The money completing the return would pay back, in minor units of its currency: the units to
 * refund priced as the server prices them (computeRefund, from the order's frozen prices the
 * lines carry, less units refunded before; shipping is not refunded from the desk). Null when a
 * line carries no prices (an older server): the desk then says no figure rather than a wrong one.
 */
export function refundOnCompletion(doc: Pick<ReturnDocument, 'lines'>): number | null {
  const frozen: FrozenLine[] = [];
  for (const l of doc.lines) {
    if (!l.price) return null;
    frozen.push({ lineId: l.orderLineId, sku: l.sku, quantity: l.price.orderedQuantity, ...l.price });
  }
  const units = unitsToRefund(doc).map((u) => {
    const price = doc.lines.find((l) => l.orderLineId === u.lineId)!.price!;
    const alreadyRefunded = price.refundedBefore;
    return { lineId: u.lineId, quantity: unitsStillRefundable(u.quantity, price.orderedQuantity, alreadyRefunded), alreadyRefunded };
  });
  const computed = computeRefund(frozen, units);
  return computed.ok ? computed.refund.amountMinor : null;
}

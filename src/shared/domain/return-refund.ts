import type { ReturnDocument, ReturnLineDoc } from '../api/returns';

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

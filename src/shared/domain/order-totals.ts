import { taxOf } from './money';

export interface PricedLine {
  quantity: number;
  unitPriceMinor: number;
  taxRateBps: number;
  discountMinor: number;
}

/** Line and order totals in minor units. Tax applies after the line's discount. */
export function lineAmounts(line: PricedLine) {
  const gross = line.unitPriceMinor * line.quantity;
  const taxMinor = taxOf(gross - line.discountMinor, line.taxRateBps);
  return { grossMinor: gross, taxMinor, totalMinor: gross - line.discountMinor + taxMinor };
}

export function orderTotals(lines: readonly PricedLine[], shippingMinor: number, refundedMinor = 0, paidMinor = 0) {
  let subtotalMinor = 0;
  let discountMinor = 0;
  let taxMinor = 0;
  for (const l of lines) {
    const a = lineAmounts(l);
    subtotalMinor += a.grossMinor;
    discountMinor += l.discountMinor;
    taxMinor += a.taxMinor;
  }
  const totalMinor = subtotalMinor - discountMinor + taxMinor + shippingMinor;
  return {
    subtotalMinor,
    discountMinor,
    taxMinor,
    shippingMinor,
    totalMinor,
    refundedMinor,
    paidMinor,
    balanceDueMinor: Math.max(0, totalMinor - paidMinor),
  };
}

import { allocate } from './money';

/**
 * Refunds come from the prices frozen on the order, never from today's catalogue. A line's
 * discount and tax are split across its units exactly (the parts sum to the line's amounts), and
 * each unit has a fixed share: refunding units k..k+n of a line always gives the same money,
 * and refunding every unit of a line, across any number of returns, gives exactly its total.
 */
export interface FrozenLine {
  lineId: string;
  sku: string;
  quantity: number;
  unitPriceMinor: number;
  discountMinor: number;
  taxMinor: number;
}

export interface RefundUnits {
  lineId: string;
  /** Units to refund now. */
  quantity: number;
  /** Units of this line refunded before (by earlier returns or cancellations). */
  alreadyRefunded: number;
}

export interface RefundLine {
  orderLineId: string;
  sku: string;
  quantity: number;
  /** Index of the first unit share this refund takes (= units refunded before). */
  firstUnit: number;
  itemsMinor: number;
  discountMinor: number;
  taxMinor: number;
  amountMinor: number;
}

export interface RefundComputation {
  lines: RefundLine[];
  itemsMinor: number;
  discountMinor: number;
  taxMinor: number;
  shippingMinor: number;
  amountMinor: number;
}

export type RefundRefusal = { code: 'refund_line_unknown' | 'refund_exceeds_quantity'; message: string };

export function unitShares(amountMinor: number, quantity: number): number[] {
  return allocate(
    amountMinor,
    Array.from({ length: quantity }, () => 1),
  );
}

function sumRange(parts: readonly number[], from: number, count: number): number {
  return parts.slice(from, from + count).reduce((a, b) => a + b, 0);
}

export function refundForUnits(line: FrozenLine, alreadyRefunded: number, quantity: number): RefundLine {
  const discountMinor = sumRange(unitShares(line.discountMinor, line.quantity), alreadyRefunded, quantity);
  const taxMinor = sumRange(unitShares(line.taxMinor, line.quantity), alreadyRefunded, quantity);
  const itemsMinor = line.unitPriceMinor * quantity;
  return {
    orderLineId: line.lineId,
    sku: line.sku,
    quantity,
    firstUnit: alreadyRefunded,
    itemsMinor,
    discountMinor,
    taxMinor,
    amountMinor: itemsMinor - discountMinor + taxMinor,
  };
}

/** Units of a line refunded now: at most those not refunded before (units paid back already come back without money). */
export function unitsStillRefundable(wanted: number, orderedQuantity: number, alreadyRefunded: number): number {
  return Math.max(0, Math.min(wanted, orderedQuantity - alreadyRefunded));
}

/** The refund for some units of an order; shippingMinor is added as is (the caller decides whether shipping is refunded). */
export function computeRefund(
  frozen: readonly FrozenLine[],
  units: readonly RefundUnits[],
  shippingMinor = 0,
): { ok: true; refund: RefundComputation } | ({ ok: false } & RefundRefusal) {
  const lines: RefundLine[] = [];
  for (const u of units) {
    if (u.quantity === 0) continue;
    const line = frozen.find((l) => l.lineId === u.lineId);
    if (!line) return { ok: false, code: 'refund_line_unknown', message: `line ${u.lineId} is not on the order` };
    if (u.quantity < 0 || u.alreadyRefunded < 0 || u.alreadyRefunded + u.quantity > line.quantity) {
      return {
        ok: false,
        code: 'refund_exceeds_quantity',
        message: `${line.sku}: ${u.alreadyRefunded} of ${line.quantity} already refunded, cannot refund ${u.quantity} more`,
      };
    }
    lines.push(refundForUnits(line, u.alreadyRefunded, u.quantity));
  }
  const sum = (k: 'itemsMinor' | 'discountMinor' | 'taxMinor' | 'amountMinor') => lines.reduce((n, l) => n + l[k], 0);
  return {
    ok: true,
    refund: {
      lines,
      itemsMinor: sum('itemsMinor'),
      discountMinor: sum('discountMinor'),
      taxMinor: sum('taxMinor'),
      shippingMinor,
      amountMinor: sum('amountMinor') + shippingMinor,
    },
  };
}

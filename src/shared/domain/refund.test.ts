import { describe, expect, it } from 'vitest';
import { lineAmounts } from './order-totals';
import { computeRefund, refundForUnits, type FrozenLine } from './refund';

// 3 units at 10.01 with 1.00 discount and 20% tax: tax = round(2903 * 0.2) = 581, total 3484.
const pricing = { quantity: 3, unitPriceMinor: 1001, taxRateBps: 2000, discountMinor: 100 };
const line: FrozenLine = {
  lineId: 'l1',
  sku: 'MUG',
  quantity: 3,
  unitPriceMinor: 1001,
  discountMinor: 100,
  taxMinor: lineAmounts(pricing).taxMinor,
};
const total = lineAmounts(pricing).totalMinor;

describe('refunds from frozen prices', () => {
  it('refunds every unit of a line, across several returns, to exactly the line total', () => {
    const first = refundForUnits(line, 0, 1);
    const second = refundForUnits(line, 1, 2);
    expect(first.amountMinor + second.amountMinor).toBe(total);
    expect(first.taxMinor + second.taxMinor).toBe(line.taxMinor);
    expect(first.discountMinor + second.discountMinor).toBe(100);
    expect(refundForUnits(line, 0, 3).amountMinor).toBe(total);
  });

  it('gives the same money for the same units whatever the grouping', () => {
    const oneByOne = [0, 1, 2].map((k) => refundForUnits(line, k, 1).amountMinor);
    expect(oneByOne.reduce((a, b) => a + b, 0)).toBe(total);
    expect(refundForUnits(line, 1, 1).amountMinor).toBe(oneByOne[1]);
    expect(Math.max(...oneByOne) - Math.min(...oneByOne)).toBeLessThanOrEqual(2);
  });

  it('sums lines and adds shipping when asked', () => {
    const other: FrozenLine = { lineId: 'l2', sku: 'TEE', quantity: 1, unitPriceMinor: 2000, discountMinor: 0, taxMinor: 400 };
    const r = computeRefund(
      [line, other],
      [
        { lineId: 'l1', quantity: 3, alreadyRefunded: 0 },
        { lineId: 'l2', quantity: 1, alreadyRefunded: 0 },
      ],
      499,
    );
    expect(r.ok && r.refund.amountMinor).toBe(total + 2400 + 499);
    expect(r.ok && r.refund.shippingMinor).toBe(499);
    expect(r.ok && r.refund.itemsMinor).toBe(3003 + 2000);
  });

  it('refuses more units than the line has left, and unknown lines', () => {
    const over = computeRefund([line], [{ lineId: 'l1', quantity: 2, alreadyRefunded: 2 }]);
    expect(over).toMatchObject({ ok: false, code: 'refund_exceeds_quantity' });
    expect(computeRefund([line], [{ lineId: 'nope', quantity: 1, alreadyRefunded: 0 }])).toMatchObject({
      ok: false,
      code: 'refund_line_unknown',
    });
  });

  it('leaves lines with nothing to refund out', () => {
    const r = computeRefund([line], [{ lineId: 'l1', quantity: 0, alreadyRefunded: 0 }]);
    expect(r.ok && r.refund).toEqual({ lines: [], itemsMinor: 0, discountMinor: 0, taxMinor: 0, shippingMinor: 0, amountMinor: 0 });
  });
});

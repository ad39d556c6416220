import { describe, expect, it } from 'vitest';
import type { ReturnLineDoc } from '../api/returns';
import { refundOnCompletion, unitsToRefund } from './return-refund';

const unit = (disposition: ReturnLineDoc['units'][number]['disposition']) => ({
  condition: 'good' as const,
  disposition,
  notes: null,
  serial: null,
  inspectedAt: '2026-01-01T00:00:00Z',
  inspectedBy: 'u1',
});
const line = (orderLineId: string, units: ReturnLineDoc['units'], exchange: ReturnLineDoc['exchange'] = null) =>
  ({ orderLineId, units, exchange }) as ReturnLineDoc;

describe('unitsToRefund', () => {
  it('refunds the units the customer gives up on lines not exchanged', () => {
    const lines = [
      line('mug', [unit('restock'), unit('return_to_customer'), unit('dispose')]),
      line('tee', [unit('restock')], { sku: 'SKU-TEE-L', name: 'Tee L', barcode: null }),
      line('cap', [unit('return_to_customer')]),
    ];
    expect(unitsToRefund({ lines })).toEqual([{ lineId: 'mug', quantity: 2 }]);
  });

  it('refunds nothing when every unit goes back to the customer', () => {
    expect(unitsToRefund({ lines: [line('mug', [unit('return_to_customer'), unit('return_to_customer')])] })).toEqual([]);
  });
});

describe('refundOnCompletion', () => {
  // 3 mugs ordered at 12.50, 1.00 off the line, 20 % VAT (7.30 on the line): unit shares 0.34, 0.33, 0.33 off and 2.44, 2.43, 2.43 tax.
  const price = (refundedBefore: number) => ({
    orderedQuantity: 3,
    unitPriceMinor: 1250,
    discountMinor: 100,
    taxMinor: 730,
    refundedBefore,
  });
  const priced = (units: ReturnLineDoc['units'], refundedBefore = 0) => ({ ...line('mug', units), price: price(refundedBefore) });

  it('prices the units to refund from the frozen prices, as the server does at completion', () => {
    expect(refundOnCompletion({ lines: [priced([unit('restock'), unit('return_to_customer'), unit('dispose')])] })).toBe(
      2 * 1250 - 34 - 33 + 244 + 243,
    );
    expect(refundOnCompletion({ lines: [priced([unit('return_to_customer')])] })).toBe(0);
  });

  it('takes units refunded before back without money, and says no figure for lines without prices', () => {
    expect(refundOnCompletion({ lines: [priced([unit('restock'), unit('restock')], 2)] })).toBe(1250 - 33 + 243);
    expect(refundOnCompletion({ lines: [line('mug', [unit('restock')])] })).toBeNull();
  });
});

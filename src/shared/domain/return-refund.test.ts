import { describe, expect, it } from 'vitest';
import type { ReturnLineDoc } from '../api/returns';
import { unitsToRefund } from './return-refund';

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

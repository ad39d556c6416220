import { describe, expect, it } from 'vitest';
import type { ReturnLineDoc } from '../../../shared/api/returns';
import { completionWords, refundAmountWords } from './refund-words';

const graded = (...dispositions: ReturnLineDoc['units'][number]['disposition'][]) =>
  dispositions.map((disposition) => ({
    condition: 'good' as const,
    disposition,
    notes: null,
    serial: null,
    inspectedAt: '',
    inspectedBy: '',
  }));
const rma = (lines: Partial<ReturnLineDoc>[]) => ({
  number: 'RMA-1',
  lines: lines.map((l, i) => ({ orderLineId: `l${i}`, exchange: null, units: [], ...l }) as ReturnLineDoc),
});

describe('completionWords', () => {
  it('promises the refund when a unit is refunded', () => {
    const words = completionWords(rma([{ units: graded('return_to_customer', 'restock') }]));
    expect(words.graded).toBe('Every unit graded. Press Complete (or scan RMA-1 again) to release the refund.');
    expect(words.completed(false)).toBe('RMA-1 completed: the refund request goes to the server when it is back. Scan the next RMA.');
    expect(words.button).toBe('Complete: release the refund');
  });

  it('says no refund when every unit goes back to the customer', () => {
    const words = completionWords(rma([{ units: graded('return_to_customer') }, { units: graded('return_to_customer') }]));
    expect(words.graded).toBe(
      'Every unit graded: no refund, every unit goes back to the customer. Press Complete (or scan RMA-1 again) to close the return.',
    );
    expect(words.completed(true)).toBe('RMA-1 completed with no refund: every unit goes back to the customer. Scan the next RMA.');
    expect(words.button).toBe('Complete: no refund');
  });

  it('says no refund when the units kept are exchanged', () => {
    const words = completionWords(rma([{ units: graded('restock'), exchange: { sku: 'S-L', name: 'Tee L', barcode: null } }]));
    expect(words.completed(true)).toBe('RMA-1 completed with no refund: the units kept are exchanged, not refunded. Scan the next RMA.');
  });
});

describe('refundAmountWords', () => {
  const price = { orderedQuantity: 2, unitPriceMinor: 1250, discountMinor: 0, taxMinor: 500, refundedBefore: 0 };
  const doc = (status: 'received' | 'inspected', units: ReturnLineDoc['units']) => ({
    status,
    currency: 'GBP',
    lines: rma([{ units, price }]).lines,
  });

  it('says the money the graded units pay back, in the currency, and what Complete releases', () => {
    expect(refundAmountWords(doc('received', graded('restock')))).toBe('Refund for the units graded so far: 15.00 GBP');
    expect(refundAmountWords(doc('inspected', graded('restock', 'dispose')))).toBe('Refund on Complete: 30.00 GBP');
    expect(refundAmountWords(doc('inspected', graded('return_to_customer')))).toBe('Refund on Complete: 0.00 GBP');
  });

  it('says nothing before a unit is graded, or without prices', () => {
    expect(refundAmountWords(doc('received', []))).toBeNull();
    expect(refundAmountWords({ ...doc('received', graded('restock')), lines: rma([{ units: graded('restock') }]).lines })).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import type { ReturnLineDoc } from '../../../shared/api/returns';
import { completionWords } from './refund-words';

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

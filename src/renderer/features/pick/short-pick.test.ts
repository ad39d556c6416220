import { describe, expect, it } from 'vitest';
import { ItemPicked, PickShorted } from '../../../shared/events/station-events';
import type { PickStop } from './pick-path';
import { NO_BIN, shortPickOf } from './short-pick';

const LINE = '00000000-0000-4000-8000-000000000401';
const BIN = '00000000-0000-4000-8000-000000000101';
const stop = (
  quantity: number,
  bin: PickStop['bin'] = { id: BIN, code: 'A-01-03-1-A', barcode: 'BIN-A0103', walkOrder: 30 },
): PickStop => ({
  fulfillmentOrderId: '00000000-0000-4000-8000-000000000201',
  orderNumber: 'ORD-20261204-00001',
  lineId: LINE,
  sku: 'SKU-CAP',
  name: 'Wool cap',
  barcode: '5012345678924',
  quantity,
  bin,
  tote: 'T-03',
});

describe('a short pick with what is left in the bin', () => {
  it('records nothing left when the count is left at 0 or emptied', () => {
    for (const typed of ['0', '', '  ']) {
      const r = shortPickOf(stop(2), 0, typed);
      expect(r).toEqual({
        ok: true,
        picked: null,
        shorted: { lineId: LINE, binId: BIN, binCode: 'A-01-03-1-A', shortQuantity: 2, remainingInBin: 0 },
      });
    }
  });

  it('records the count the picker typed, and the units in hand go in the tote first', () => {
    const r = shortPickOf(stop(5), 2, ' 3 ');
    expect(r).toEqual({
      ok: true,
      picked: { lineId: LINE, binId: BIN, binCode: 'A-01-03-1-A', tote: 'T-03', quantity: 2 },
      shorted: { lineId: LINE, binId: BIN, binCode: 'A-01-03-1-A', shortQuantity: 3, remainingInBin: 3 },
    });
  });

  it('builds payloads the station events accept, a stop without a bin included', () => {
    for (const r of [shortPickOf(stop(4), 1, '12'), shortPickOf(stop(4, null), 1, '0')]) {
      if (!r.ok) throw new Error(r.message);
      expect(PickShorted.shape.payload.parse(r.shorted)).toEqual(r.shorted);
      expect(ItemPicked.shape.payload.parse(r.picked)).toEqual(r.picked);
    }
    expect(shortPickOf(stop(4, null), 0, '0')).toMatchObject({ shorted: { binId: NO_BIN, binCode: 'NO-BIN' } });
  });

  it('refuses a count that is not a whole number from 0 to a million, and a short with everything in hand', () => {
    for (const typed of ['-1', '1.5', 'two', '1e3', '1000001', '99999999']) {
      expect(shortPickOf(stop(2), 0, typed)).toMatchObject({ ok: false, message: expect.stringContaining('whole number') });
    }
    // Said with what was typed, so the picker sees which entry is refused.
    expect(shortPickOf(stop(2), 1, ' -5 ')).toEqual({
      ok: false,
      message: '"-5" is not a count: type how many are left in the bin, a whole number from 0 to 1,000,000',
    });
    expect(shortPickOf(stop(2), 0, '1000000')).toMatchObject({ ok: true, shorted: { remainingInBin: 1_000_000 } });
    expect(shortPickOf(stop(2), 2, '0')).toMatchObject({ ok: false, message: 'All 2 are in hand: scan tote T-03' });
  });
});

import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { PickStop } from './pick-path';
import { readPickScan } from './pick-scan';
import { usePick } from './pick-store';

// The cart store persists to the browser's storage: a memory one here, before the store is made
// (tests/support/restore-environment.ts takes it away after this file).
vi.hoisted(() => {
  const kept = new Map<string, string>();
  const localStorage = {
    getItem: (k: string) => kept.get(k) ?? null,
    setItem: (k: string, v: string) => void kept.set(k, v),
    removeItem: (k: string) => void kept.delete(k),
  };
  vi.stubGlobal('window', { localStorage });
});

const MUG_BIN = { id: 'bin-9', code: 'A-01-09-1-A', barcode: 'BIN-A0109', walkOrder: 90 };
const stop = (tote: string, quantity: number, bin: PickStop['bin'] = MUG_BIN): PickStop => ({
  fulfillmentOrderId: `fo-${tote}`,
  orderNumber: `ORD-${tote}`,
  lineId: `line-${tote}`,
  sku: 'MUG-ENAMEL-WHT',
  name: 'Enamel mug',
  barcode: '5012345678900',
  quantity,
  bin,
  tote,
});
const TOTES = ['TOTE-01', 'TOTE-02'];

describe('reading a pick scan', () => {
  beforeEach(() => usePick.getState().clearCart());

  it('takes the next stop’s item straight away when it is from the bin the picker just picked from', () => {
    const pick = () => usePick.getState();
    expect(readPickScan(stop('TOTE-01', 1), pick(), 'BIN-A0109', TOTES)).toBe('at-bin');
    pick().arrive(MUG_BIN.id);
    expect(readPickScan(stop('TOTE-01', 1), pick(), '5012345678900', TOTES)).toBe('unit');
    pick().addUnit();
    expect(readPickScan(stop('TOTE-01', 1), pick(), 'TOTE-01', TOTES)).toBe('tote');
    pick().stopDone();
    // The walk's case: the next mug, same bin, another tote. The picker has not moved.
    expect(readPickScan(stop('TOTE-02', 1), pick(), '5012345678900', TOTES)).toBe('unit');
    expect(pick()).toMatchObject({ atBinId: MUG_BIN.id, inHand: 0 });
  });

  it('keeps the units in hand when the picker scans the label of the bin they are at again', () => {
    usePick.getState().arrive(MUG_BIN.id);
    usePick.getState().addUnit();
    expect(readPickScan(stop('TOTE-01', 2), usePick.getState(), 'BIN-A0109', TOTES)).toBe('at-bin');
    usePick.getState().arrive(MUG_BIN.id);
    expect(usePick.getState().inHand).toBe(1);
  });

  it('asks for the bin’s label before its item, and says "wrong bin" only for something else', () => {
    const away = { atBinId: 'bin-3', inHand: 0 };
    expect(readPickScan(stop('TOTE-01', 1), away, '5012345678900', TOTES)).toBe('bin-first');
    expect(readPickScan(stop('TOTE-01', 1), { atBinId: null, inHand: 0 }, '5012345678900', TOTES)).toBe('bin-first');
    expect(readPickScan(stop('TOTE-01', 1), away, 'BIN-A0103', TOTES)).toBe('wrong-bin');
    expect(readPickScan(stop('TOTE-01', 1, null), away, '5012345678900', TOTES)).toBe('no-bin');
  });

  it('refuses a unit too many, a tote before any unit, another order’s tote and another item at the bin', () => {
    const at = (inHand: number) => ({ atBinId: MUG_BIN.id, inHand });
    expect(readPickScan(stop('TOTE-01', 1), at(1), '5012345678900', TOTES)).toBe('one-too-many');
    expect(readPickScan(stop('TOTE-01', 1), at(0), 'TOTE-01', TOTES)).toBe('tote-before-units');
    expect(readPickScan(stop('TOTE-01', 1), at(1), 'TOTE-02', TOTES)).toBe('wrong-tote');
    expect(readPickScan(stop('TOTE-01', 1), at(0), '9780000000001', TOTES)).toBe('not-the-item');
  });
});

import { describe, expect, it } from 'vitest';
import { expectCodes, isExpectedCode, itemCodesOf, vouchForCodes } from './codes-expected';

describe('codes the screens in front expect', () => {
  it("asks each screen's codes when a code is looked up, and forgets a screen once it is removed", () => {
    let lines: { sku: string; barcode: string | null }[] = [{ sku: '100000000001', barcode: null }];
    const remove = expectCodes(() => itemCodesOf(lines));
    expect(isExpectedCode('100000000001')).toBe(true);
    // Read when asked: the open order changed since.
    lines = [{ sku: 'MUG-1', barcode: '45678900' }];
    expect(isExpectedCode('100000000001')).toBe(false);
    expect(isExpectedCode('45678900')).toBe(true);
    expect(isExpectedCode('MUG-1')).toBe(true);
    remove();
    expect(isExpectedCode('45678900')).toBe(false);
  });
});

describe('codes the station vouches for', () => {
  it('takes a code any test vouches for, beside the screens', () => {
    const known = new Set(['20000001']);
    const removeKnown = vouchForCodes((code) => known.has(code));
    const removeScreen = expectCodes(() => ['100000000001']);
    expect([isExpectedCode('20000001'), isExpectedCode('100000000001'), isExpectedCode('100000000002')]).toEqual([true, true, false]);
    removeKnown();
    removeScreen();
    expect([isExpectedCode('20000001'), isExpectedCode('100000000001')]).toEqual([false, false]);
  });
});

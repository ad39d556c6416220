import { describe, expect, it } from 'vitest';
import { buildSscc, gs1CheckDigit, isValidGs1Number, parseGs1 } from './gs1';

describe('GS1', () => {
  it('computes mod-10 check digits (GS1 examples)', () => {
    expect(gs1CheckDigit('629104150021')).toBe(3); // EAN-13 6291041500213
    expect(gs1CheckDigit('10614141234567890')).toBe(8); // the GS1 General Specifications' SSCC example 106141412345678908
    expect(isValidGs1Number('5012345678900')).toBe(true);
    expect(isValidGs1Number('5012345678901')).toBe(false);
  });

  it('builds an 18-digit SSCC with extension, company prefix, padded serial and check digit', () => {
    const sscc = buildSscc(0, '0614141', 1);
    expect(sscc).toHaveLength(18);
    expect(sscc.startsWith('00614141')).toBe(true);
    expect(isValidGs1Number(sscc)).toBe(true);
    expect(() => buildSscc(0, '0614141', 1_000_000_000)).toThrow(/does not fit/);
  });

  it('parses scans with symbology identifiers, GS separators and parentheses', () => {
    expect(parseGs1(']C10100614141999996\u001d10LOT7')).toEqual([
      { ai: '01', value: '00614141999996' },
      { ai: '10', value: 'LOT7' },
    ]);
    expect(parseGs1('(00)006141410000000018')).toEqual([{ ai: '00', value: '006141410000000018' }]);
    expect(parseGs1('5012345678900')).toBeNull();
  });
});

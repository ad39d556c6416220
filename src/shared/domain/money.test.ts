import { describe, expect, it } from 'vitest';
import { allocate, MAX_MONEY_MINOR, MinorUnits, taxOf } from './money';

describe('money stays exact at the largest amounts taken', () => {
  it('computes tax exactly where the float product would pass 2^53', () => {
    // 9,999,999,999,999 x 100,000 bps = 1e18: the float product rounds; BigInt does not.
    expect(taxOf(MAX_MONEY_MINOR - 1, 100_000)).toBe((MAX_MONEY_MINOR - 1) * 10);
    expect(taxOf(3333, 2000)).toBe(667);
    expect(taxOf(2500, 2)).toBe(1); // 0.5 rounds away from zero
    expect(taxOf(-2500, 2)).toBe(-1);
  });
  it('allocates large amounts so the parts sum exactly', () => {
    const parts = allocate(MAX_MONEY_MINOR - 7, [MAX_MONEY_MINOR / 3, MAX_MONEY_MINOR / 3 + 1, 5]);
    expect(parts.reduce((a, b) => a + b, 0)).toBe(MAX_MONEY_MINOR - 7);
    expect(allocate(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(allocate(10, [0.5, 0.5])).toEqual([5, 5]);
  });
  it('refuses amounts past the maximum', () => {
    expect(MinorUnits.safeParse(MAX_MONEY_MINOR).success).toBe(true);
    expect(MinorUnits.safeParse(Number.MAX_SAFE_INTEGER).success).toBe(false);
  });
});

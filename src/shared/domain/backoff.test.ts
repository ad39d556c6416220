import { describe, expect, it } from 'vitest';
import { backoffDelayMs } from './backoff';

describe('backoffDelayMs', () => {
  const policy = { baseMs: 1000, maxMs: 10_000, spread: [1, 1.1] as const };
  it('doubles from the base and stops at the cap', () => {
    expect([1, 2, 3, 4, 5, 6].map((n) => backoffDelayMs(n, policy, () => 0))).toEqual([1000, 2000, 4000, 8000, 10_000, 10_000]);
  });
  it('spreads the delay within the policy', () => {
    expect(backoffDelayMs(2, policy, () => 0.999)).toBeLessThanOrEqual(2200);
    expect(backoffDelayMs(2, { ...policy, spread: [0.8, 1.2] }, () => 0)).toBe(1600);
    expect(backoffDelayMs(0, policy, () => 0)).toBe(1000);
  });
});

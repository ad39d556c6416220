import { describe, expect, it } from 'vitest';
import type { SsccRefillFailure } from '../../../shared/contract/sscc-stock';
import { ssccStockOf } from './sscc-stock';

const range = { extensionDigit: 3, companyPrefix: '0614141' };
const at = (remaining: number, refillFailed: SsccRefillFailure | null = 'no-server') =>
  ssccStockOf(range, { remaining, lowWater: 300, refillFailed });

describe('SSCC stock as the station shows it', () => {
  it('warns with the count below the refill mark only while no refill comes, at marks 300, 50 and 10', () => {
    expect(at(299, null)).toMatchObject({ remaining: 299, warning: null, warnBelow: null }); // online: the refill is on its way
    expect(at(300)).toMatchObject({ warning: null, warnBelow: null });
    expect(at(299)).toEqual({
      ...range,
      remaining: 299,
      refillFailed: 'no-server',
      warning: '299 shipping label numbers left at this station: connect it to the server to get more before they run out',
      warnBelow: 300,
    });
    expect([at(50), at(49), at(10), at(9), at(1)].map((s) => s.warnBelow)).toEqual([300, 50, 50, 10, 10]);
    expect(at(1).warning).toBe('1 shipping label number left at this station: connect it to the server to get more before they run out');
    expect(at(0).warning).toBe('No shipping label numbers left at this station: connect it to the server to print shipping labels again');
  });

  it('says that the range is used up and an admin must set a new one, not to connect, when the server has none left', () => {
    const { warning } = at(42, 'range-used-up');
    expect(warning).toBe(
      '42 shipping label numbers left at this station, and the server has none left to give: every number of extension digit 3 and company prefix 0614141 is used up, so an admin must set a new extension digit or company prefix in the label settings',
    );
    expect(warning).not.toMatch(/connect/);
  });

  it('says a revoked station must be re-enrolled, and a refused one that an admin must see why: neither is told to connect', () => {
    expect(at(42, 'revoked').warning).toBe(
      '42 shipping label numbers left at this station: it was revoked, so it can get no more until it is re-enrolled with a new enrollment code from an admin',
    );
    expect(at(0, 'revoked').warning).toBe(
      'No shipping label numbers left at this station: it was revoked, so it can get no more until it is re-enrolled with a new enrollment code from an admin, and it prints no shipping labels until then',
    );
    expect(at(42, 'refused').warning).toBe(
      '42 shipping label numbers left at this station: the server refused to give it more, so an admin must see why before they run out',
    );
    expect(at(0, 'refused').warning).toBe(
      'No shipping label numbers left at this station: the server refused to give it more, so an admin must see why before it can print shipping labels again',
    );
    for (const why of ['revoked', 'refused'] as const) {
      expect(at(42, why)).toMatchObject({ refillFailed: why, warnBelow: 50 });
      expect(at(0, why).warning).not.toMatch(/connect/);
    }
  });

  it('keeps only the marks below a lower refill mark', () => {
    expect(ssccStockOf(range, { remaining: 4, lowWater: 5, refillFailed: 'no-server' }).warnBelow).toBe(5);
    expect(ssccStockOf(range, { remaining: 30, lowWater: 40, refillFailed: 'no-server' }).warnBelow).toBe(40);
    expect(ssccStockOf(range, { remaining: 9, lowWater: 40, refillFailed: 'no-server' }).warnBelow).toBe(10);
  });
});

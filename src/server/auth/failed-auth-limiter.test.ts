import { describe, expect, it } from 'vitest';
import { createFailedAuthLimiter } from './failed-auth-limiter';

const LIMITS = { perCredential: { burst: 3, refillMs: 10_000 }, perAddress: { burst: 5, refillMs: 1_000 }, limitedAnswerDelayMs: 0 };

describe('failed authentication buckets', () => {
  it('refuses a credential past its burst, says how long to wait, and lets one more through per refill', () => {
    let now = 0;
    const limiter = createFailedAuthLimiter(LIMITS, () => now);
    // Addresses differ so that only the credential's bucket counts.
    for (let i = 0; i < 3; i++) expect(limiter.reserve('station-a', `10.0.0.${i}`)).toBe(0);
    expect(limiter.reserve('station-a', '10.0.0.9')).toBe(10_000);
    now += 4_000;
    expect(limiter.reserve('station-a', '10.0.0.9')).toBe(6_000);
    now += 6_000;
    expect(limiter.reserve('station-a', '10.0.0.9')).toBe(0);
    expect(limiter.reserve('station-a', '10.0.0.10')).toBeGreaterThan(0);
    // Another credential has its own bucket.
    expect(limiter.reserve('station-b', '10.0.0.11')).toBe(0);
  });

  it('limits one address across credentials, and a success gives its reserved attempt back', () => {
    let now = 0;
    const limiter = createFailedAuthLimiter(LIMITS, () => now);
    for (let i = 0; i < 5; i++) expect(limiter.reserve(`guess-${i}`, '10.0.0.1')).toBe(0);
    expect(limiter.reserve('guess-5', '10.0.0.1')).toBe(1_000);
    limiter.succeeded('guess-4', '10.0.0.1');
    expect(limiter.reserve('guess-6', '10.0.0.1')).toBe(0);
    expect(limiter.reserve(null, '10.0.0.1')).toBe(1_000);
    now += 1_000;
    expect(limiter.reserve(null, '10.0.0.1')).toBe(0);
  });
});

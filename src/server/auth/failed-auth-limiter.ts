/**
 * Failed authentication, rate-limited per credential id and per client address with token
 * buckets. Checked before any hashing: a refused attempt costs a map lookup, not ~19 ms of scrypt,
 * so a flood of bad credentials cannot starve the requests that carry good ones.
 */
export interface BucketRule {
  /** Failures allowed at once. */
  burst: number;
  /** One more failure allowed every this many ms. */
  refillMs: number;
}

export interface FailedAuthLimits {
  perCredential: BucketRule;
  perAddress: BucketRule;
  /**
   * A caller over its limit gets its 429 this late (at most its Retry-After): a client flooding
   * back to back then sends a trickle, and the server's time goes to the requests that count.
   */
  limitedAnswerDelayMs: number;
}

/** A person or a station retyping is well inside these; a guesser is not. */
export const DEFAULT_FAILED_AUTH_LIMITS: FailedAuthLimits = {
  perCredential: { burst: 5, refillMs: 12_000 },
  perAddress: { burst: 20, refillMs: 3_000 },
  limitedAnswerDelayMs: 1000,
};

/** Past this many buckets the full ones are dropped (they hold nothing a fresh bucket would not). */
const MAX_BUCKETS = 50_000;

function tokenBuckets(rule: BucketRule, now: () => number) {
  const buckets = new Map<string, { tokens: number; at: number }>();
  const level = (key: string): { tokens: number; at: number } => {
    const b = buckets.get(key);
    const t = now();
    if (!b) return { tokens: rule.burst, at: t };
    return { tokens: Math.min(rule.burst, b.tokens + (t - b.at) / rule.refillMs), at: t };
  };
  const prune = () => {
    for (const [key, b] of buckets) if (b.tokens + (now() - b.at) / rule.refillMs >= rule.burst) buckets.delete(key);
  };
  return {
    /** ms until one failure is allowed again; 0 when allowed now. */
    waitMs(key: string): number {
      const b = level(key);
      return b.tokens >= 1 ? 0 : Math.ceil((1 - b.tokens) * rule.refillMs);
    },
    take(key: string): void {
      const b = level(key);
      buckets.set(key, { tokens: Math.max(0, b.tokens - 1), at: b.at });
      if (buckets.size > MAX_BUCKETS) prune();
    },
    give(key: string): void {
      const b = level(key);
      if (b.tokens + 1 >= rule.burst) buckets.delete(key);
      else buckets.set(key, { tokens: b.tokens + 1, at: b.at });
    },
  };
}

export function createFailedAuthLimiter(limits: FailedAuthLimits = DEFAULT_FAILED_AUTH_LIMITS, now: () => number = Date.now) {
  const byCredential = tokenBuckets(limits.perCredential, now);
  const byAddress = tokenBuckets(limits.perAddress, now);
  return {
    limitedAnswerDelayMs: limits.limitedAnswerDelayMs,
    /**
     * Takes an attempt up front (as if it will fail), so that 60 concurrent attempts cannot all
     * pass before the first one has failed: returns 0 when taken, else the ms to wait.
     */
    reserve(credentialId: string | null, address: string): number {
      const waitMs = Math.max(byAddress.waitMs(address), credentialId ? byCredential.waitMs(credentialId) : 0);
      if (waitMs > 0) return waitMs;
      byAddress.take(address);
      if (credentialId) byCredential.take(credentialId);
      return 0;
    },
    /** The reserved attempt succeeded: it costs nothing. */
    succeeded(credentialId: string | null, address: string): void {
      byAddress.give(address);
      if (credentialId) byCredential.give(credentialId);
    },
  };
}
export type FailedAuthLimiter = ReturnType<typeof createFailedAuthLimiter>;

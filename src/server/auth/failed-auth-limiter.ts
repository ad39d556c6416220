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
}

/** A person or a station retyping is well inside these; a guesser is not. */
export const DEFAULT_FAILED_AUTH_LIMITS: FailedAuthLimits = {
  perCredential: { burst: 5, refillMs: 12_000 },
  perAddress: { burst: 20, refillMs: 3_000 },
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
  };
}

export function createFailedAuthLimiter(limits: FailedAuthLimits = DEFAULT_FAILED_AUTH_LIMITS, now: () => number = Date.now) {
  const byCredential = tokenBuckets(limits.perCredential, now);
  const byAddress = tokenBuckets(limits.perAddress, now);
  return {
    /** ms the caller must wait before another attempt is even looked at; 0 when it may try now. */
    waitMs(credentialId: string | null, address: string): number {
      return Math.max(byAddress.waitMs(address), credentialId ? byCredential.waitMs(credentialId) : 0);
    },
    failed(credentialId: string | null, address: string): void {
      byAddress.take(address);
      if (credentialId) byCredential.take(credentialId);
    },
  };
}
export type FailedAuthLimiter = ReturnType<typeof createFailedAuthLimiter>;

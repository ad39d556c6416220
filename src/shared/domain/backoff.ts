/**
 * The one retry backoff: exponential from `baseMs`, capped at `maxMs`, times a random factor in
 * `spread` so many stations or server processes retrying together do not hammer a peer in step.
 */
export interface BackoffPolicy {
  /** Wait before the first retry. */
  baseMs: number;
  maxMs: number;
  /** The delay is multiplied by a factor drawn from [low, high]. */
  spread: readonly [low: number, high: number];
}

export function backoffDelayMs(failedAttempts: number, policy: BackoffPolicy, random: () => number = Math.random): number {
  const exp = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, failedAttempts - 1));
  const [low, high] = policy.spread;
  return Math.round(exp * (low + (high - low) * random()));
}

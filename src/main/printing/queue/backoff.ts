export interface BackoffOptions {
  /** Wait before the first retry. */
  baseMs: number;
  maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 2000, maxMs: 60_000 };

/** Exponential backoff with ±20 % jitter so several stations do not hammer a printer in step. */
export function retryDelayMs(failedAttempts: number, options: BackoffOptions, random = Math.random): number {
  const exp = Math.min(options.maxMs, options.baseMs * 2 ** Math.max(0, failedAttempts - 1));
  return Math.round(exp * (0.8 + 0.4 * random()));
}

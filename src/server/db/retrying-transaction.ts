import type { Database, Queryable } from './database';

/** PostgreSQL's "try again" failures: a deadlock victim, or a serialization failure. */
const RETRYABLE = new Set(['40P01', '40001']);

export function isRetryable(error: unknown): boolean {
  return typeof error === 'object' && error !== null && RETRYABLE.has(String((error as { code?: unknown }).code));
}

/**
 * Runs a transaction, running it again when PostgreSQL aborted it as a deadlock victim. Stock
 * work takes locks in different orders (a receipt: stock, then the orders it serves; a cancel:
 * the order, then its stock), so two such transactions can meet; the loser simply retries.
 */
export async function retryingTransaction<T>(db: Database, fn: (tx: Queryable) => Promise<T>, attempts = 4): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction(fn);
    } catch (error) {
      if (attempt >= attempts || !isRetryable(error)) throw error;
    }
  }
}

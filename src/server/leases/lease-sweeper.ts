import type { ErrorLog } from '../background/queue-worker';
import type { Database } from '../db/database';
import { retryingTransaction } from '../db/retrying-transaction';
import type { LeasePolicy } from './lease-policy';
import { expireLapsedLeases } from './lease-store';

/**
 * Returns lapsed holds to the pool every `everyMs`, so stations see those orders as free again
 * (a claim or a take also ends a lapsed hold it meets, without waiting for the sweep).
 */
export function startLeaseSweeper(db: Database, policy: LeasePolicy, everyMs: number, log: ErrorLog): () => Promise<void> {
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    running = running
      .then(() => retryingTransaction(db, (tx) => expireLapsedLeases(tx, policy)))
      .catch((err: unknown) => {
        log.error({ err }, 'lease sweep failed; it runs again shortly');
      });
  }, everyMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}

import type { ServerConfig } from '../config';
import type { Database, Queryable } from '../db/database';
import { retryingTransaction } from '../db/retrying-transaction';
import { startQueueWorker, type ErrorLog, type QueueWorker } from '../background/queue-worker';
import { Problem } from '../http/problem';
import { voidAtCarrier } from './carrier-labels';

/** Tries before a refund is left to a supervisor: with the default first retry of a minute, the last is 31 minutes after the first. */
const MAX_ATTEMPTS = 6;
const LEASE_MS = 2 * 60_000;

export interface LabelRefundSettings {
  /** The first retry after a failed refund; each further one waits twice as long. */
  retryBaseMs: number;
  pollMs: number;
}

/** One table of bought labels whose refunds are asked for in the background: how its rows are taken and recorded. */
export interface RefundQueue<R> {
  name: string;
  channel: string;
  /** Due rows, taken under a lease. */
  claim(q: Queryable, leaseMs: number): Promise<R[]>;
  /** What to void: the account, the carrier's shipment, why, and how many tries failed so far. */
  target(row: R): { accountId: string; shipmentId: string; reason: string; attempts: number };
  /** The carrier voided it. */
  voided(tx: Queryable, row: R, v: { reason: string; refundStatus: 'submitted' | 'refunded' | 'not_applicable' }): Promise<void>;
  /** A try failed: due again after `retryMs`, or never (null). */
  failed(q: Queryable, row: R, error: string, retryMs: number | null): Promise<void>;
  /** The postage is not coming back by itself: a supervisor's task (in the transaction that gives up). */
  givenUp(tx: Queryable, row: R, failure: string, attempts: number): Promise<void>;
}

/**
 * Voids bought labels at their carrier, for the refund, on the one background engine: woken by
 * NOTIFY when a refund is asked for, retried with backoff while the carrier cannot be reached. A
 * carrier that refuses (the label was scanned), or one that fails every try, leaves a supervisor
 * task. Cancelled RMAs' return labels and unpacked packages' labels are two queues of it.
 */
export function startLabelRefunds<R>(
  db: Database,
  config: Pick<ServerConfig, 'carrierApi' | 'webhooks'>,
  settings: LabelRefundSettings,
  log: ErrorLog,
  queue: RefundQueue<R>,
): QueueWorker {
  const ctx = { db, config };

  async function refund(row: R): Promise<void> {
    const { accountId, shipmentId, reason, attempts } = queue.target(row);
    let failure: string;
    let final = attempts + 1 >= MAX_ATTEMPTS;
    try {
      const refundStatus = await voidAtCarrier(ctx, accountId, shipmentId);
      await retryingTransaction(db, (tx) => queue.voided(tx, row, { reason, refundStatus }));
      return;
    } catch (err) {
      failure = err instanceof Error ? err.message : String(err);
      // A carrier that refused will not change its mind: no more tries.
      if (err instanceof Problem && err.code === 'carrier_refund_rejected') final = true;
    }
    if (!final) return queue.failed(db, row, failure, settings.retryBaseMs * 2 ** attempts);
    await retryingTransaction(db, async (tx) => {
      await queue.failed(tx, row, failure, null);
      await queue.givenUp(tx, row, failure, attempts + 1);
    });
  }

  return startQueueWorker<R>(db, {
    log,
    name: queue.name,
    channel: queue.channel,
    pollMs: settings.pollMs,
    claim: (d) => queue.claim(d, LEASE_MS),
    handle: async (_d, rows, stopping) => {
      for (const row of rows) if (!stopping()) await refund(row);
    },
  });
}

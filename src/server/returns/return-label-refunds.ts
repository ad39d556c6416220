import type { ServerConfig } from '../config';
import type { Database } from '../db/database';
import { retryingTransaction } from '../db/retrying-transaction';
import type { Row } from '../db/schema';
import { startQueueWorker, type ErrorLog, type QueueWorker } from '../background/queue-worker';
import { voidAtCarrier } from '../carriers/carrier-labels';
import { Problem } from '../http/problem';
import { openTask } from '../tasks/task-store';
import { loadReturn } from './return-store';
import {
  claimDueReturnLabelVoids,
  recordReturnLabelVoided,
  recordReturnLabelVoidFailed,
  RETURN_LABEL_REFUNDS_CHANNEL,
} from './return-label-store';

/** Tries before a refund is left to a supervisor: with the default first retry of a minute, the last is 31 minutes after the first. */
const MAX_ATTEMPTS = 6;
const LEASE_MS = 2 * 60_000;

export interface ReturnLabelRefundSettings {
  /** The first retry after a failed refund; each further one waits twice as long. */
  retryBaseMs: number;
  pollMs: number;
}

/**
 * Voids the bought return labels of cancelled RMAs at their carrier, for the refund, on the one
 * background engine: woken by NOTIFY when an RMA is cancelled, retried with backoff while the
 * carrier cannot be reached. A carrier that refuses (the label was scanned), or one that fails
 * every try, leaves a supervisor task: the postage was paid and is not coming back by itself.
 */
export function startReturnLabelRefunds(
  db: Database,
  config: Pick<ServerConfig, 'carrierApi' | 'webhooks'>,
  settings: ReturnLabelRefundSettings,
  log: ErrorLog,
): QueueWorker {
  const ctx = { db, config };

  async function refund(row: Row<'return_labels'>): Promise<void> {
    const reason = row.void_reason ?? 'RMA cancelled';
    let failure: string;
    let final = row.void_attempts + 1 >= MAX_ATTEMPTS;
    try {
      const refundStatus = await voidAtCarrier(ctx, row.account_id, row.shipment_id!);
      await retryingTransaction(db, (tx) => recordReturnLabelVoided(tx, row.return_id, { reason, refundStatus }));
      return;
    } catch (err) {
      failure = err instanceof Error ? err.message : String(err);
      // A carrier that refused will not change its mind: no more tries.
      if (err instanceof Problem && err.code === 'carrier_refund_rejected') final = true;
    }
    if (!final) {
      await recordReturnLabelVoidFailed(db, row.return_id, failure, settings.retryBaseMs * 2 ** row.void_attempts);
      return;
    }
    await retryingTransaction(db, async (tx) => {
      await recordReturnLabelVoidFailed(tx, row.return_id, failure, null);
      const rma = await loadReturn(tx, row.return_id);
      await openTask(tx, {
        id: crypto.randomUUID(),
        kind: 'return-label-refund-failed',
        title: `Return label ${row.tracking_number} of ${rma.number} was not refunded: ${failure}`.slice(0, 300),
        orderId: rma.orderId,
        fulfillmentOrderId: null,
        eventId: null,
        warehouseId: rma.warehouseId,
        detail: {
          returnId: rma.id,
          rmaNumber: rma.number,
          trackingNumber: row.tracking_number,
          attempts: row.void_attempts + 1,
          error: failure,
        },
      });
    });
  }

  return startQueueWorker<Row<'return_labels'>>(db, {
    log,
    name: 'return label refunds',
    channel: RETURN_LABEL_REFUNDS_CHANNEL,
    pollMs: settings.pollMs,
    claim: (d) => claimDueReturnLabelVoids(d, LEASE_MS),
    handle: async (_d, rows, stopping) => {
      for (const row of rows) if (!stopping()) await refund(row);
    },
  });
}

import type { ServerConfig } from '../config';
import type { Database } from '../db/database';
import { startJobRunner } from '../jobs/job-runner';
import { leasePolicyOf } from '../leases/lease-policy';
import { startLeaseSweeper } from '../leases/lease-sweeper';
import { startNotificationWorker } from '../notifications/notification-worker';
import { startPolicyScheduler } from '../policies/policy-scheduler';
import { returnLabelRefunds } from '../returns/return-label-refunds';
import { carrierLabelRefunds } from '../carriers/carrier-label-refunds';
import { startLabelRefunds } from '../carriers/label-refunds';
import { startWebhookWorker } from '../webhooks/delivery-worker';
import type { ErrorLog, QueueWorker } from './queue-worker';
import { startPgliteAnalyze } from './pglite-analyze';

/**
 * Every background worker of a server process starts here, once the server is ready, and stops
 * here when it closes: the webhook delivery queue, the job queue (exports, imports), the customer notification outbox, the automation policies (settings), the refunds of bought labels (cancelled RMAs' return labels, unpacked packages' labels), the sweep
 * returning lapsed leases to the pool, and, on PGlite, the periodic ANALYZE (pglite-analyze.ts). New kinds of background work are queues on the same engine.
 */
export function startBackgroundWork(db: Database, config: ServerConfig, log: ErrorLog) {
  const refunds = { retryBaseMs: config.carrierApi.refundRetryMs, pollMs: Math.min(30_000, config.carrierApi.refundRetryMs) };
  const workers: QueueWorker[] = [
    startWebhookWorker(db, config.webhooks, log),
    startJobRunner(db, { orderNumberPrefix: config.orderNumberPrefix, pollMs: config.jobPollMs, log }),
    startNotificationWorker(db, config.notifications, log),
    startPolicyScheduler(db, { intervalMs: config.policyIntervalMs, now: config.now, log }),
    startLabelRefunds(db, config, refunds, log, returnLabelRefunds),
    startLabelRefunds(db, config, refunds, log, carrierLabelRefunds),
  ];
  const stopLeaseSweeper = startLeaseSweeper(db, leasePolicyOf(config), config.leaseSweepMs, log);
  const stopAnalyze = db.engine === 'pglite' ? startPgliteAnalyze(db, config.pgliteAnalyzeMs) : () => {};
  return {
    ready: Promise.all(workers.map((w) => w.ready)).then(() => undefined),
    async stop() {
      stopAnalyze();
      await Promise.all([...workers.map((w) => w.stop()), stopLeaseSweeper()]);
    },
  };
}
export type BackgroundWork = ReturnType<typeof startBackgroundWork>;

import type { PolicyName } from '../../shared/api/settings';
import { startQueueWorker, type ErrorLog, type QueueDefinition, type QueueWorker } from '../background/queue-worker';
import type { Database } from '../db/database';
import { readSettings } from '../settings/settings-store';
import { autoConfirmPolicy } from './auto-confirm';
import { cancelUnpaidPolicy } from './cancel-unpaid';
import { partialShipmentsPolicy } from './partial-shipments';
import type { AutomationPolicy } from './policy-kit';
import { POLICY_CHANNEL, claimDuePolicies, finishPolicyRun, policyEnabled, releasePolicy, type PolicyScheduleRow } from './policy-store';
import { retentionPolicy } from './retention';
import { reviewHoldPolicy } from './review-hold';

export const POLICIES: Record<PolicyName, AutomationPolicy> = {
  cancelUnpaid: cancelUnpaidPolicy,
  autoConfirm: autoConfirmPolicy,
  partialShipments: partialShipmentsPolicy,
  reviewHold: reviewHoldPolicy,
  retention: retentionPolicy,
};

export interface PolicySchedulerOptions {
  /** How often each policy runs (by `now`), and how often the scheduler looks for a due one. */
  intervalMs: number;
  /** How long a claimed run is this process's before another may take it (a process that died mid-run). */
  leaseMs?: number;
  /** The scheduler's clock: what is due and every policy's cutoffs (tests move it forward). */
  now?: () => Date;
  log: ErrorLog;
}

/**
 * The automation policies as a queue on the background engine: each policy is a row of
 * policy_schedule, due every intervalMs, claimed under a lease (so with several server processes
 * each run happens in one), woken by NOTIFY when the settings change.
 */
export function policyQueue(o: PolicySchedulerOptions): QueueDefinition<PolicyScheduleRow> {
  const now = o.now ?? (() => new Date());
  const leaseMs = o.leaseMs ?? 10 * 60_000;
  return {
    name: 'automation policies',
    channel: POLICY_CHANNEL,
    pollMs: o.intervalMs,
    log: o.log,
    claim: (db) => claimDuePolicies(db, now(), leaseMs),
    async handle(db: Database, rows, stopping) {
      for (const row of rows) {
        if (stopping()) {
          await releasePolicy(db, row.policy);
          continue;
        }
        // The clock first, then the settings: a run stamped after a change has read that change.
        const ranAt = now();
        const { settings } = await readSettings(db);
        let result = { acted: 0, failed: 0, errors: [] as string[] };
        try {
          if (policyEnabled(settings, row.policy)) result = await POLICIES[row.policy].run({ db, settings, now: ranAt });
        } catch (err) {
          o.log.error({ err, policy: row.policy }, 'an automation policy failed; it runs again at its next interval');
          result = { acted: 0, failed: 1, errors: [String((err as Error).message).slice(0, 300)] };
        }
        await finishPolicyRun(db, row.policy, ranAt, new Date(ranAt.getTime() + o.intervalMs), result);
      }
    },
  };
}

export function startPolicyScheduler(db: Database, o: PolicySchedulerOptions): QueueWorker {
  return startQueueWorker(db, policyQueue(o));
}

import type { PolicyName, PolicyRunView, Settings } from '../../shared/api/settings';
import type { Queryable } from '../db/database';
import { toIso } from '../db/database';
import type { Row } from '../db/schema';

/**
 * The one writer of policy_schedule (the scheduler's queue, one row per policy) and policy_actions
 * (what a policy did to an order, once).
 */
export type PolicyScheduleRow = Omit<Row<'policy_schedule'>, 'policy' | 'last_result'> & {
  policy: PolicyName;
  last_result: PolicyRunView['lastResult'];
};

/**
 * Takes the policies due by the scheduler's clock `now`, under a lease on the database's clock
 * (for update skip locked: with several server processes, each policy runs in one of them at a time,
 * and a dead process's run comes back when its lease runs out).
 */
export async function claimDuePolicies(q: Queryable, now: Date, leaseMs: number): Promise<PolicyScheduleRow[]> {
  return q.query<PolicyScheduleRow>(
    `update policy_schedule set locked_until = now() + make_interval(secs => $2::double precision / 1000)
      where policy in (
        select policy from policy_schedule
         where next_run_at <= $1 and (locked_until is null or locked_until < now())
         order by next_run_at, policy
         for update skip locked)
      returning *`,
    [now.toISOString(), leaseMs],
  );
}

/** Records a run and releases the lease; the policy is due again at `nextRunAt`. */
export async function finishPolicyRun(
  q: Queryable,
  policy: PolicyName,
  ranAt: Date,
  nextRunAt: Date,
  result: NonNullable<PolicyRunView['lastResult']>,
): Promise<void> {
  await q.query('update policy_schedule set last_run_at = $2, next_run_at = $3, last_result = $4, locked_until = null where policy = $1', [
    policy,
    ranAt.toISOString(),
    nextRunAt.toISOString(),
    JSON.stringify(result),
  ]);
}

/** Records that `policy` did `action` to an order; false when it already had (the caller then does nothing). */
export async function recordPolicyAction(
  tx: Queryable,
  policy: PolicyName,
  orderId: string,
  action: string,
  detail: Record<string, unknown>,
): Promise<boolean> {
  const rows = await tx.query(
    `insert into policy_actions (policy, order_id, action, detail) values ($1, $2, $3, $4)
     on conflict (policy, order_id, action) do nothing returning 1`,
    [policy, orderId, action, JSON.stringify(detail)],
  );
  return rows.length > 0;
}

export async function listPolicyRuns(q: Queryable, settings: Settings): Promise<PolicyRunView[]> {
  const rows = await q.query<PolicyScheduleRow>('select * from policy_schedule order by policy');
  return rows.map((r) => ({
    policy: r.policy,
    enabled: policyEnabled(settings, r.policy),
    lastRunAt: r.last_run_at ? toIso(r.last_run_at) : null,
    nextRunAt: toIso(r.next_run_at),
    lastResult: r.last_result,
  }));
}

/** Whether a policy does anything under these settings (partial shipments act only where a channel refuses them). */
export function policyEnabled(settings: Settings, policy: PolicyName): boolean {
  const p = settings.policies;
  if (policy === 'partialShipments') return !p.partialShipments.allowByDefault || p.partialShipments.channels.some((c) => !c.allow);
  return p[policy].enabled;
}

/** Hands a claimed policy back without running it (the server is stopping): another process may take it at once. */
export async function releasePolicy(q: Queryable, policy: PolicyName): Promise<void> {
  await q.query('update policy_schedule set locked_until = null where policy = $1', [policy]);
}

export const POLICY_CHANNEL = 'dockside_policies';

/** Makes every policy due at `now` and wakes the schedulers: new settings apply at once, not at the next interval. */
export async function runPoliciesSoon(tx: Queryable, now: Date): Promise<void> {
  await tx.query('update policy_schedule set next_run_at = least(next_run_at, $1)', [now.toISOString()]);
  await tx.query(`select pg_notify('${POLICY_CHANNEL}', '')`);
}

import type { OrderDocument } from '../../shared/api/orders';
import type { PolicyName, PolicyRunView, Settings } from '../../shared/api/settings';
import type { Actor } from '../../shared/events/station-events';
import type { Principal } from '../auth/principal';
import type { Database, Queryable } from '../db/database';
import { retryingTransaction } from '../db/retrying-transaction';
import { loadOrder } from '../orders/order-store';
import { appendTimeline } from '../timeline/timeline';

/** What one run of a policy sees: the settings as they are now and the scheduler's clock. */
export interface PolicyRunContext {
  db: Database;
  settings: Settings;
  now: Date;
}

export type PolicyResult = NonNullable<PolicyRunView['lastResult']>;

export interface AutomationPolicy {
  name: PolicyName;
  run(ctx: PolicyRunContext): Promise<PolicyResult>;
}

/** Orders one run looks at; the rest wait for the next run. */
export const ORDERS_PER_RUN = 500;

/** The actor of everything a policy does: the timeline names the policy, not a person. */
export function policyActor(policy: PolicyName, description: string): Actor {
  return { kind: 'system', id: `policy:${policy}`, name: `Policy: ${description}` };
}

/** The order commands take a caller; a policy acts as the system, bound to no warehouse. */
export function policyPrincipal(actor: Actor): Principal {
  return { kind: 'api-key', id: actor.id, name: actor.name ?? actor.id, role: 'admin', warehouseId: null };
}

/** The policy's own entry on the order's timeline: which rule did what, with the setting it applied. */
export async function recordPolicyApplied(
  tx: Queryable,
  order: OrderDocument,
  actor: Actor,
  payload: { policy: PolicyName; action: string; rule: Record<string, unknown>; reason: string },
): Promise<void> {
  await appendTimeline(tx, { type: 'policy-applied', orderId: order.id, payload, actor });
}

/**
 * Acts on each order in its own transaction, the order locked and the policy's condition checked
 * again on it (another process, a person or a webhook may have moved it since it was selected):
 * `act` answers whether it did something. One order that fails does not stop the others.
 */
export async function actOnOrders(
  db: Database,
  orderIds: readonly string[],
  act: (tx: Queryable, order: OrderDocument) => Promise<boolean>,
): Promise<PolicyResult> {
  const result: PolicyResult = { acted: 0, failed: 0, errors: [] };
  for (const id of orderIds) {
    try {
      if (await retryingTransaction(db, async (tx) => act(tx, await loadOrder(tx, id, true)))) result.acted++;
    } catch (err) {
      result.failed++;
      if (result.errors.length < 10) result.errors.push(`${id}: ${(err as Error).message}`.slice(0, 300));
    }
  }
  return result;
}

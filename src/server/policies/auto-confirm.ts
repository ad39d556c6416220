import type { OrderDocument } from '../../shared/api/orders';
import { confirmingPaymentStatuses, type Settings } from '../../shared/api/settings';
import type { HoldReason } from '../../shared/domain/fulfillment-status';
import type { Queryable } from '../db/database';
import { releaseHolds } from '../orders/commands/hold-order';
import { loadOrder } from '../orders/order-store';
import { moveOrder } from '../orders/order-transition';
import { routeOrder } from '../orders/routing';
import { readSettings } from '../settings/settings-store';
import { ORDERS_PER_RUN, actOnOrders, policyActor, recordPolicyApplied, type AutomationPolicy } from './policy-kit';

type Rule = Settings['policies']['autoConfirm'];

const actorOf = (rule: Rule) =>
  policyActor(
    'autoConfirm',
    rule.on === 'captured' ? 'confirm orders when payment is captured' : 'confirm orders when payment is authorized',
  );

/**
 * Confirms (and routes) a pending order whose payment the rule accepts; its awaiting-payment hold
 * is released first, and other holds keep it where it is. Answers the order as it is
 * afterwards. Nothing happens when the policy is off: a person confirms.
 */
async function confirmPaid(tx: Queryable, order: OrderDocument, rule: Rule, reason: string): Promise<OrderDocument> {
  if (!confirmingPaymentStatuses(rule).includes(order.paymentStatus)) return order;
  const actor = actorOf(rule);
  let current = order;
  if (current.status === 'on_hold' && current.holds.includes('awaiting_payment')) {
    await recordPolicyApplied(tx, current, actor, { policy: 'autoConfirm', action: 'release-awaiting-payment', rule, reason });
    current = await releaseHolds(tx, current, ['awaiting_payment' as HoldReason], `payment received: ${reason}`, actor);
    current = await loadOrder(tx, current.id, true);
  }
  if (current.status !== 'pending') return current;
  await recordPolicyApplied(tx, current, actor, { policy: 'autoConfirm', action: 'confirm', rule, reason });
  const confirmed = await moveOrder(tx, current, 'confirmed', actor, { command: 'auto-confirm', reason });
  await routeOrder(tx, confirmed, actor);
  return loadOrder(tx, confirmed.id);
}

/** Called by the payment webhook in the transaction that records the payment: the policy decides at once. */
export async function autoConfirmOnPayment(tx: Queryable, order: OrderDocument, reason: string): Promise<OrderDocument> {
  const { settings } = await readSettings(tx);
  return confirmPaid(tx, order, settings.policies.autoConfirm, reason);
}

/**
 * The scheduled sweep: confirms pending orders whose payment arrived while the policy was off or
 * asked for a capture (an order paid before it was turned on is confirmed on its first run).
 */
export const autoConfirmPolicy: AutomationPolicy = {
  name: 'autoConfirm',
  async run({ db, settings }) {
    const rule = settings.policies.autoConfirm;
    const ids = await db.query<{ id: string }>(
      `select id from orders
        where payment_status = any($1::text[])
          and (status = 'pending' or (status = 'on_hold' and doc->>'statusBeforeHold' = 'pending' and doc->'holds' ? 'awaiting_payment'))
        order by created_at limit $2`,
      [confirmingPaymentStatuses(rule), ORDERS_PER_RUN],
    );
    return actOnOrders(
      db,
      ids.map((r) => r.id),
      async (tx, order) => (await confirmPaid(tx, order, rule, `payment ${order.paymentStatus}`)).version !== order.version,
    );
  },
};

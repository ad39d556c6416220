import type { OrderDocument } from '../../shared/api/orders';
import type { Settings } from '../../shared/api/settings';
import { cancelOrder } from '../orders/commands/cancel-order';
import { ORDERS_PER_RUN, actOnOrders, policyActor, recordPolicyApplied, type AutomationPolicy } from './policy-kit';

const UNPAID = ['pending', 'failed'];

/** Placed before the cutoff, still not paid, and not yet confirmed (or held while it waits for its payment). */
function isOverdue(order: OrderDocument, cutoff: Date): boolean {
  const waiting = order.status === 'pending' || (order.status === 'on_hold' && order.statusBeforeHold === 'pending');
  return waiting && UNPAID.includes(order.paymentStatus) && Date.parse(order.createdAt) < cutoff.getTime();
}

const actorOf = (rule: Settings['policies']['cancelUnpaid']) =>
  policyActor('cancelUnpaid', `cancel unpaid orders after ${rule.afterHours} h`);

/** Cancels orders still unpaid `afterHours` after they were placed, putting their reserved stock back. */
export const cancelUnpaidPolicy: AutomationPolicy = {
  name: 'cancelUnpaid',
  async run({ db, settings, now }) {
    const rule = settings.policies.cancelUnpaid;
    const cutoff = new Date(now.getTime() - rule.afterHours * 3_600_000);
    const ids = await db.query<{ id: string }>(
      `select id from orders
        where created_at < $1 and payment_status = any($2::text[])
          and (status = 'pending' or (status = 'on_hold' and doc->>'statusBeforeHold' = 'pending'))
        order by created_at limit $3`,
      [cutoff.toISOString(), UNPAID, ORDERS_PER_RUN],
    );
    const actor = actorOf(rule);
    return actOnOrders(
      db,
      ids.map((r) => r.id),
      async (tx, order) => {
        if (!isOverdue(order, cutoff)) return false;
        const reason = `not paid within ${rule.afterHours} hours of being placed`;
        await recordPolicyApplied(tx, order, actor, { policy: 'cancelUnpaid', action: 'cancel', rule, reason });
        await cancelOrder({ tx, order, actor }, { reason, restock: true, refund: false });
        return true;
      },
    );
  },
};

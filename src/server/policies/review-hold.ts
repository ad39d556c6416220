import type { HoldReason } from '../../shared/domain/fulfillment-status';
import { holdOrder } from '../orders/commands/hold-order';
import { formatMoney } from '../notifications/render-notification';
import { createTask } from '../tasks/task-store';
import { recordPolicyAction } from './policy-store';
import { ORDERS_PER_RUN, actOnOrders, policyActor, policyPrincipal, recordPolicyApplied, type AutomationPolicy } from './policy-kit';

const HOLD: HoldReason = 'supervisor';
const actor = policyActor('reviewHold', 'hold orders over a value for review');

/**
 * Holds a confirmed order whose total is over its currency's threshold, before anything of it
 * ships, and opens a review task for a supervisor (who releases or cancels it). Each order is held
 * once: released, it is not held again.
 */
export const reviewHoldPolicy: AutomationPolicy = {
  name: 'reviewHold',
  async run({ db, settings }) {
    const rule = settings.policies.reviewHold;
    if (!rule.thresholds.length) return { acted: 0, failed: 0, errors: [] };
    const ids = await db.query<{ id: string }>(
      `select o.id from orders o
         join unnest($1::text[], $2::bigint[]) as t(currency, over) on t.currency = o.currency and o.total_minor > t.over
        where o.status in ('confirmed', 'processing')
          and not exists (select 1 from policy_actions a where a.policy = 'reviewHold' and a.order_id = o.id and a.action = 'hold')
        order by o.created_at limit $3`,
      [rule.thresholds.map((t) => t.currency), rule.thresholds.map((t) => t.overMinor), ORDERS_PER_RUN],
    );
    return actOnOrders(
      db,
      ids.map((r) => r.id),
      async (tx, order) => {
        const threshold = rule.thresholds.find((t) => t.currency === order.currency);
        const total = order.totals.totalMinor;
        if (!threshold || total <= threshold.overMinor || !['confirmed', 'processing'].includes(order.status)) return false;
        if (!(await recordPolicyAction(tx, 'reviewHold', order.id, 'hold', { totalMinor: total, overMinor: threshold.overMinor })))
          return false;
        const money = (minor: number) => formatMoney(minor, order.currency, 'en');
        const reason = `order total ${money(total)} is over the review threshold of ${money(threshold.overMinor)}`;
        await recordPolicyApplied(tx, order, actor, {
          policy: 'reviewHold',
          action: 'hold',
          rule: { ...rule, thresholds: [threshold] },
          reason,
        });
        if (!order.holds.includes(HOLD))
          await holdOrder({ tx, order, actor, principal: policyPrincipal(actor) }, { reasons: [HOLD], note: reason });
        await createTask(
          tx,
          {
            orderId: order.id,
            kind: 'order-review',
            title: `Review order ${order.number}: ${reason}; release the hold or cancel the order`,
            detail: { totalMinor: total, currency: order.currency, overMinor: threshold.overMinor },
          },
          actor,
        );
        return true;
      },
    );
  },
};

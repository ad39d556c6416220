import type { OrderDocument } from '../../shared/api/orders';
import type { Settings } from '../../shared/api/settings';
import type { HoldReason } from '../../shared/domain/fulfillment-status';
import type { Queryable } from '../db/database';
import { holdOrder, releaseHolds } from '../orders/commands/hold-order';
import { recordPolicyAction } from './policy-store';
import { ORDERS_PER_RUN, actOnOrders, policyActor, policyPrincipal, recordPolicyApplied, type AutomationPolicy } from './policy-kit';

type Rule = Settings['policies']['partialShipments'];

const HOLD: HoldReason = 'inventory_out_of_stock';
const actor = policyActor('partialShipments', 'ship complete where a channel refuses partial shipments');

/** Whether orders of a channel may ship in parts under the rule. */
export function allowsPartialShipments(rule: Rule, channel: string): boolean {
  return rule.channels.find((c) => c.channel === channel)?.allow ?? rule.allowByDefault;
}

const waitingBackorders = async (tx: Queryable, orderId: string) =>
  (await tx.query("select 1 from backorders where order_id = $1 and status = 'waiting' limit 1", [orderId])).length > 0;

const heldByPolicy = (order: OrderDocument) =>
  order.status === 'on_hold' && (order.holdDetails ?? []).some((h) => h.reason === HOLD && h.placedBy.id === actor.id);

/**
 * Ship complete: an order of a channel that refuses partial shipments, with lines on backorder,
 * is held (with its fulfillment orders, so no station ships the part in stock) until every
 * backordered line has stock; then the policy releases its hold and the order ships whole. A
 * hold a person released is not placed again.
 */
export const partialShipmentsPolicy: AutomationPolicy = {
  name: 'partialShipments',
  async run({ db, settings }) {
    const rule = settings.policies.partialShipments;
    const refusing = rule.channels.filter((c) => !c.allow).map((c) => c.channel);
    const allowing = rule.channels.filter((c) => c.allow).map((c) => c.channel);
    const toHold = await db.query<{ id: string }>(
      `select o.id from orders o
        where o.status in ('confirmed', 'processing')
          and (case when o.channel = any($1::text[]) then true when o.channel = any($2::text[]) then false else $3::boolean end)
          and exists (select 1 from backorders b where b.order_id = o.id and b.status = 'waiting')
          and not exists (select 1 from policy_actions a where a.policy = 'partialShipments' and a.order_id = o.id and a.action = 'hold')
        order by o.created_at limit $4`,
      [refusing, allowing, !rule.allowByDefault, ORDERS_PER_RUN],
    );
    const held = await actOnOrders(
      db,
      toHold.map((r) => r.id),
      async (tx, order) => {
        if (allowsPartialShipments(rule, order.channel) || !['confirmed', 'processing'].includes(order.status)) return false;
        if (!(await waitingBackorders(tx, order.id))) return false;
        if (!(await recordPolicyAction(tx, 'partialShipments', order.id, 'hold', { channel: order.channel }))) return false;
        const reason = `channel ${order.channel} ships complete: held until every backordered line has stock`;
        await recordPolicyApplied(tx, order, actor, { policy: 'partialShipments', action: 'hold', rule, reason });
        await holdOrder({ tx, order, actor, principal: policyPrincipal(actor) }, { reasons: [HOLD], note: reason });
        return true;
      },
    );
    // Its own holds end when nothing waits any more, whatever the rule says now (turning it off releases them too).
    const toRelease = await db.query<{ id: string }>(
      `select o.id from orders o
        where o.status = 'on_hold' and o.doc->'holds' ? $1
          and exists (select 1 from policy_actions a where a.policy = 'partialShipments' and a.order_id = o.id and a.action = 'hold')
          and (not exists (select 1 from backorders b where b.order_id = o.id and b.status = 'waiting')
               or not (case when o.channel = any($2::text[]) then true when o.channel = any($3::text[]) then false else $4::boolean end))
        order by o.created_at limit $5`,
      [HOLD, refusing, allowing, !rule.allowByDefault, ORDERS_PER_RUN],
    );
    const released = await actOnOrders(
      db,
      toRelease.map((r) => r.id),
      async (tx, order) => {
        if (!heldByPolicy(order)) return false;
        const complete = !(await waitingBackorders(tx, order.id));
        if (!complete && !allowsPartialShipments(rule, order.channel)) return false;
        const reason = complete
          ? 'every backordered line has stock: the order ships complete'
          : `channel ${order.channel} may ship in parts now`;
        await recordPolicyApplied(tx, order, actor, { policy: 'partialShipments', action: 'release', rule, reason });
        await releaseHolds(tx, order, [HOLD], reason, actor);
        return true;
      },
    );
    return { acted: held.acted + released.acted, failed: held.failed + released.failed, errors: [...held.errors, ...released.errors] };
  },
};

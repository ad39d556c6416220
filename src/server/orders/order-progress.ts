import type { Queryable } from '../db/database';
import { toInt } from '../db/database';
import { derivedOrderStatus } from '../../shared/domain/order-progress';
import { checkTransition } from '../../shared/domain/state-machine';
import { orderMachine } from '../../shared/domain/order-status';
import type { Actor } from '../../shared/events/station-events';
import { unitsOf } from '../../shared/sync/fulfillment-document';
import { fulfillmentOrdersOf } from '../fulfillment/fulfillment-store';
import { loadOrder, saveOrder } from './order-store';
import { appendTimeline } from './timeline';

/** Moves the order to the status its fulfillment progress implies (processing, partially shipped, shipped). */
export async function refreshOrderProgress(tx: Queryable, orderId: string, actor: Actor): Promise<void> {
  const order = await loadOrder(tx, orderId, true);
  const fos = await fulfillmentOrdersOf(tx, orderId);
  const [bo] = await tx.query<{ n: unknown }>(`select coalesce(sum(quantity), 0) as n from backorders where order_id = $1 and status in ('waiting', 'allocated')`, [orderId]);
  const target = derivedOrderStatus(
    order.status,
    fos.map((f) => ({ status: f.status, quantity: unitsOf(f, 'quantity'), shipped: unitsOf(f, 'shipped') })),
    toInt(bo?.n),
  );
  if (!target) return;
  const check = checkTransition(orderMachine, order.status, target, {});
  if (!check.ok) return;
  const now = new Date().toISOString();
  await saveOrder(tx, { ...order, status: target, milestones: { ...order.milestones, [target]: order.milestones[target] ?? now } });
  await appendTimeline(tx, { type: 'order-status-changed', orderId, payload: { from: order.status, to: target, reason: 'fulfillment progress' }, actor });
}

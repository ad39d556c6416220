import type { Queryable } from '../db/database';
import type { Actor } from '../../shared/events/station-events';
import { checkTransition } from '../../shared/domain/state-machine';
import { orderMachine } from '../../shared/domain/order-status';
import { unitsOf } from '../../shared/sync/fulfillment-document';
import { fulfillmentOrdersOfForUpdate } from '../fulfillment/fulfillment-store';
import { loadOrder, saveOrder } from '../orders/order-store';
import { appendTimeline } from '../timeline/timeline';

/**
 * Delivery is derived like the rest of fulfillment progress: a shipped order becomes delivered
 * when every package of its live fulfillment orders that left the building has been delivered.
 */
export async function refreshOrderDelivery(tx: Queryable, orderId: string, actor: Actor): Promise<void> {
  const order = await loadOrder(tx, orderId, true);
  if (order.status !== 'shipped') return;
  const live = (await fulfillmentOrdersOfForUpdate(tx, orderId)).filter((f) => f.status !== 'cancelled' && f.status !== 'incomplete');
  const sent = live.flatMap((f) => f.packages).filter((p) => p.status !== 'voided' && p.status !== 'packing' && p.status !== 'labelled');
  if (!sent.length || sent.some((p) => p.status !== 'delivered')) return;
  const shipped = live.reduce((n, f) => n + unitsOf(f, 'shipped'), 0);
  const total = live.reduce((n, f) => n + unitsOf(f, 'quantity'), 0);
  if (!checkTransition(orderMachine, order.status, 'delivered', { shippedUnits: shipped, totalUnits: total }).ok) return;
  const now = new Date().toISOString();
  await saveOrder(tx, { ...order, status: 'delivered', milestones: { ...order.milestones, delivered: order.milestones.delivered ?? now } });
  await appendTimeline(tx, {
    type: 'order-status-changed',
    orderId,
    payload: { from: order.status, to: 'delivered', reason: 'every package was delivered' },
    actor,
  });
}

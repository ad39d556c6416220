import type { Queryable } from '../db/database';
import { toInt } from '../db/database';
import { derivedOrderStatus } from '../../shared/domain/order-progress';
import { checkTransition } from '../../shared/domain/state-machine';
import { orderMachine } from '../../shared/domain/order-status';
import type { Actor } from '../../shared/events/station-events';
import { unitsOf, type FulfillmentDocument } from '../../shared/sync/fulfillment-document';
import type { OrderDocument } from '../../shared/api/orders';
import { saveOrders } from './order-store';
import { appendTimelineBatch, type TimelineEntry } from '../timeline/timeline';

/** Moves the order to the status its fulfillment progress implies (processing, partially shipped, shipped). */
export async function refreshOrderProgress(tx: Queryable, orderId: string, actor: Actor): Promise<void> {
  await refreshOrdersProgress(tx, [orderId], actor);
}

/** refreshOrderProgress for several orders, reading them (locked in id order), their fulfillment orders and backorders in three queries. */
export async function refreshOrdersProgress(tx: Queryable, orderIds: readonly string[], actor: Actor): Promise<void> {
  const ids = [...new Set(orderIds)].sort();
  if (!ids.length) return;
  const orders = await tx.query<{ doc: OrderDocument }>('select doc from orders where id = any($1::uuid[]) order by id for update', [ids]);
  const fos = await tx.query<{ order_id: string; doc: FulfillmentDocument }>(
    'select order_id, doc from fulfillment_orders where order_id = any($1::uuid[])',
    [ids],
  );
  const bos = await tx.query<{ order_id: string; n: unknown }>(
    `select order_id, coalesce(sum(quantity), 0) as n from backorders where order_id = any($1::uuid[]) and status in ('waiting', 'allocated') group by order_id`,
    [ids],
  );
  const backordered = new Map(bos.map((b) => [b.order_id, toInt(b.n)]));
  const fosByOrder = new Map<string, FulfillmentDocument[]>();
  for (const f of fos) fosByOrder.set(f.order_id, [...(fosByOrder.get(f.order_id) ?? []), f.doc]);
  const moved: OrderDocument[] = [];
  const changes: TimelineEntry[] = [];
  const now = new Date().toISOString();
  for (const { doc: order } of orders) {
    const target = derivedOrderStatus(
      order.status,
      (fosByOrder.get(order.id) ?? []).map((f) => ({ status: f.status, quantity: unitsOf(f, 'quantity'), shipped: unitsOf(f, 'shipped') })),
      backordered.get(order.id) ?? 0,
    );
    if (!target) continue;
    const check = checkTransition(orderMachine, order.status, target, {});
    if (!check.ok) continue;
    moved.push({ ...order, status: target, milestones: { ...order.milestones, [target]: order.milestones[target] ?? now } });
    changes.push({
      type: 'order-status-changed',
      orderId: order.id,
      payload: { from: order.status, to: target, reason: 'fulfillment progress' },
      actor,
    });
  }
  await saveOrders(tx, moved);
  await appendTimelineBatch(tx, changes);
}

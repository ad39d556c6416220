import type { Queryable } from '../db/database';
import type { OrderLine } from '../../shared/api/orders';
import type { OrderStatus } from '../../shared/domain/order-status';
import type { Actor } from '../../shared/events/station-events';
import type { FulfillmentDocument } from '../../shared/sync/fulfillment-document';
import { insertFulfillmentOrder } from '../fulfillment/fulfillment-store';
import { refreshOrderProgress } from '../orders/order-progress';
import { loadOrder } from '../orders/order-store';
import { newFulfillmentDocument } from '../orders/routing';
import { appendTimeline } from '../timeline/timeline';
import { BACKORDER_COLUMNS, backorderView, setBackorderStatus, type BackorderRow } from './backorder-store';

/** Orders whose allocated backorders may go to a warehouse floor; on hold they wait allocated. */
export const RELEASABLE_ORDER_STATUSES: readonly OrderStatus[] = ['confirmed', 'processing', 'partially_shipped'];

/**
 * Releases allocated backorders: those of one order at one warehouse become one new fulfillment
 * order (through insertFulfillmentOrder, so stations pull it). Backorders of orders that cannot
 * ship now (on hold, pending) stay allocated; call this again when they can, e.g. on release of
 * an order hold. Returns the fulfillment orders created.
 */
export async function releaseBackorders(
  tx: Queryable,
  backorderIds: readonly string[],
  actor: Actor,
  reason: string,
): Promise<FulfillmentDocument[]> {
  if (!backorderIds.length) return [];
  const rows = await tx.query<BackorderRow>(
    `select ${BACKORDER_COLUMNS} from backorders b join orders o on o.id = b.order_id
      where b.id = any($1::uuid[]) and b.status = 'allocated' order by b.order_id, b.warehouse_id, b.created_at, b.id for update of b`,
    [backorderIds],
  );
  const groups = new Map<string, BackorderRow[]>();
  for (const r of rows) groups.set(`${r.order_id}/${r.warehouse_id}`, [...(groups.get(`${r.order_id}/${r.warehouse_id}`) ?? []), r]);

  const created: FulfillmentDocument[] = [];
  for (const group of groups.values()) {
    const { order_id: orderId, warehouse_id: warehouseId } = group[0]!;
    const order = await loadOrder(tx, orderId, true);
    if (!RELEASABLE_ORDER_STATUSES.includes(order.status) || !warehouseId) continue;
    // Pieces of one line split earlier are shipped as one fulfillment line.
    const quantities = new Map<string, number>();
    for (const r of group) quantities.set(r.line_id, (quantities.get(r.line_id) ?? 0) + Number(r.quantity));
    const lines = [...quantities].map(([lineId, quantity]) => ({ ...order.lines.find((l) => l.id === lineId)!, quantity })) as OrderLine[];
    const doc = newFulfillmentDocument(order, warehouseId, lines);
    await insertFulfillmentOrder(tx, doc);
    for (const r of group) {
      await setBackorderStatus(tx, backorderView(r), 'released', { fulfillmentOrderId: doc.id });
      await appendTimeline(tx, {
        type: 'backorder-released',
        orderId,
        fulfillmentOrderId: doc.id,
        entityIds: { backorderId: r.id, lineId: r.line_id, warehouseId, fulfillmentOrderId: doc.id },
        payload: { sku: r.sku, quantity: Number(r.quantity), reason },
        actor,
      });
    }
    await appendTimeline(tx, {
      type: 'fulfillment-order-created',
      orderId,
      fulfillmentOrderId: doc.id,
      entityIds: { fulfillmentOrderId: doc.id, warehouseId },
      payload: { source: 'backorder', lines: doc.lines.map((l) => ({ lineId: l.lineId, sku: l.sku, quantity: l.quantity })), reason },
      actor,
    });
    await refreshOrderProgress(tx, orderId, { kind: 'system', id: 'order-progress' });
    created.push(doc);
  }
  return created;
}

/** Releases every allocated backorder of an order, e.g. when its hold is lifted. */
export async function releaseOrderBackorders(tx: Queryable, orderId: string, actor: Actor, reason: string): Promise<FulfillmentDocument[]> {
  const rows = await tx.query<{ id: string }>(`select id from backorders where order_id = $1 and status = 'allocated'`, [orderId]);
  return releaseBackorders(
    tx,
    rows.map((r) => r.id),
    actor,
    reason,
  );
}

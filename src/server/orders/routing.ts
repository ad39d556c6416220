import type { Queryable } from '../db/database';
import type { OrderDocument, OrderLine } from '../../shared/api/orders';
import type { FulfillmentDocument } from '../../shared/sync/fulfillment-document';
import type { Actor } from '../../shared/events/station-events';
import { insertFulfillmentOrder } from '../fulfillment/fulfillment-store';
import { appendTimeline } from './timeline';

export interface RoutingResult {
  fulfillmentOrders: FulfillmentDocument[];
  backorders: { id: string; lineId: string; sku: string; quantity: number }[];
}

/**
 * Routes a confirmed order (seed 002): each line is allocated from the highest-priority
 * warehouse that has the stock (reserving it), else it waits as a backorder. Lines allocated
 * to the same warehouse become one fulfillment order; an order can split across several.
 */
export async function routeOrder(tx: Queryable, order: OrderDocument, actor: Actor): Promise<RoutingResult> {
  const byWarehouse = new Map<string, OrderLine[]>();
  const backorders: RoutingResult['backorders'] = [];
  for (const line of order.lines) {
    const [stock] = await tx.query<{ warehouse_id: string }>(
      `select i.warehouse_id from inventory i join warehouses w on w.id = i.warehouse_id
        where i.sku = $1 and i.on_hand - i.reserved >= $2
        order by w.priority, w.code limit 1 for update of i`,
      [line.sku, line.quantity],
    );
    if (stock) {
      await tx.query('update inventory set reserved = reserved + $3 where warehouse_id = $1 and sku = $2', [stock.warehouse_id, line.sku, line.quantity]);
      byWarehouse.set(stock.warehouse_id, [...(byWarehouse.get(stock.warehouse_id) ?? []), line]);
    } else {
      const id = crypto.randomUUID();
      const now = new Date().toISOString();
      await tx.query(
        `insert into backorders (id, order_id, line_id, sku, quantity, status, created_at, updated_at) values ($1,$2,$3,$4,$5,'waiting',$6,$6)`,
        [id, order.id, line.id, line.sku, line.quantity, now],
      );
      backorders.push({ id, lineId: line.id, sku: line.sku, quantity: line.quantity });
      await appendTimeline(tx, { type: 'line-backordered', orderId: order.id, entityIds: { backorderId: id, lineId: line.id }, payload: { sku: line.sku, quantity: line.quantity }, actor });
    }
  }

  const fulfillmentOrders: FulfillmentDocument[] = [];
  for (const [warehouseId, lines] of byWarehouse) {
    const doc = newFulfillmentDocument(order, warehouseId, lines);
    await insertFulfillmentOrder(tx, doc);
    await appendTimeline(tx, {
      type: 'fulfillment-order-created',
      orderId: order.id,
      fulfillmentOrderId: doc.id,
      entityIds: { fulfillmentOrderId: doc.id, warehouseId },
      payload: { lines: lines.map((l) => ({ lineId: l.id, sku: l.sku, quantity: l.quantity })) },
      actor,
    });
    fulfillmentOrders.push(doc);
  }
  return { fulfillmentOrders, backorders };
}

export function newFulfillmentDocument(order: OrderDocument, warehouseId: string, lines: readonly Pick<OrderLine, 'id' | 'sku' | 'barcode' | 'name' | 'quantity'>[]): FulfillmentDocument {
  const now = new Date().toISOString();
  return {
    id: crypto.randomUUID(),
    orderId: order.id,
    orderNumber: order.number,
    warehouseId,
    status: 'open',
    holds: [],
    claimedBy: null,
    customerName: order.customer.name,
    shipTo: order.shippingAddress,
    lines: lines.map((l) => ({ lineId: l.id, sku: l.sku, barcode: l.barcode, name: l.name, quantity: l.quantity, verified: 0, packed: 0, shipped: 0 })),
    packages: [],
    appliedSeq: {},
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
}

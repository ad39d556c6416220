import type { Queryable } from '../db/database';
import type { OrderDocument, OrderLine } from '../../shared/api/orders';
import type { FulfillmentDocument } from '../../shared/sync/fulfillment-document';
import type { Actor } from '../../shared/events/station-events';
import {
  planRouting,
  type DropshipOffer,
  type PlannedAllocation,
  type RankedWarehouse,
  type StockMap,
} from '../../shared/domain/routing-plan';
import { insertBackorder } from '../backorders/backorder-store';
import { insertFulfillmentOrder } from '../fulfillment/fulfillment-store';
import { loadRoutingPolicy } from '../fulfillment/routing-policy';
import { takeSupplierStock } from '../fulfillment/supplier-store';
import { reserve } from '../inventory/inventory-store';
import { appendTimeline } from '../timeline/timeline';

export interface RoutingResult {
  fulfillmentOrders: FulfillmentDocument[];
  backorders: { id: string; lineId: string; sku: string; quantity: number }[];
}

/** Part of a line to route; routing a whole order passes every line with its quantity. */
export interface LineToRoute {
  line: OrderLine;
  quantity: number;
}

/**
 * Routes a confirmed order by its channel's policy (docs/architecture.md, Domain: fulfillment order): each line is allocated from a
 * warehouse with stock (reserving it), else a dropship supplier that carries it, else it waits
 * as a backorder. Allocations to one location become one fulfillment order, so an order can
 * split across several. Stock rows are locked first, in a fixed order, so concurrent routings
 * never promise the same units twice and never deadlock.
 */
export async function routeOrder(tx: Queryable, order: OrderDocument, actor: Actor, only?: readonly LineToRoute[]): Promise<RoutingResult> {
  const toRoute = (only ?? order.lines.map((line) => ({ line, quantity: line.quantity }))).filter((l) => l.quantity > 0);
  const skus = [...new Set(toRoute.map((l) => l.line.sku))].sort();
  const { policy, warehouseOrder } = await loadRoutingPolicy(tx, order.channel);
  const warehouses = await rankedWarehouses(tx, warehouseOrder);
  const stock = await lockStock(tx, skus);
  const offers = policy.allowDropship ? await lockOffers(tx, skus) : [];

  const plan = planRouting(
    toRoute.map((l) => ({ lineId: l.line.id, sku: l.line.sku, quantity: l.quantity })),
    warehouses,
    stock,
    offers,
    policy,
  );

  const lineById = new Map(toRoute.map((l) => [l.line.id, l.line]));
  const byLocation = new Map<string, PlannedAllocation[]>();
  for (const a of plan.allocations) {
    if (a.source === 'warehouse') await reserve(tx, a.warehouseId, a.sku, a.quantity);
    else await takeSupplierStock(tx, a.supplierId!, a.sku, a.quantity);
    byLocation.set(a.warehouseId, [...(byLocation.get(a.warehouseId) ?? []), a]);
  }

  const backorders: RoutingResult['backorders'] = [];
  const now = new Date().toISOString();
  for (const b of plan.backorders) {
    const id = crypto.randomUUID();
    await insertBackorder(tx, { id, orderId: order.id, lineId: b.lineId, sku: b.sku, quantity: b.quantity, createdAt: now });
    backorders.push({ id, lineId: b.lineId, sku: b.sku, quantity: b.quantity });
    await appendTimeline(tx, {
      type: 'line-backordered',
      orderId: order.id,
      entityIds: { backorderId: id, lineId: b.lineId },
      payload: { sku: b.sku, quantity: b.quantity, reason: 'no warehouse or supplier had the stock at routing' },
      actor,
    });
  }

  const fulfillmentOrders: FulfillmentDocument[] = [];
  for (const [warehouseId, allocations] of byLocation) {
    const doc = newFulfillmentDocument(
      order,
      warehouseId,
      allocations.map((a) => ({ ...lineById.get(a.lineId)!, quantity: a.quantity })),
    );
    await insertFulfillmentOrder(tx, doc);
    const supplierId = allocations[0]!.supplierId;
    await appendTimeline(tx, {
      type: 'fulfillment-order-created',
      orderId: order.id,
      fulfillmentOrderId: doc.id,
      entityIds: { fulfillmentOrderId: doc.id, warehouseId, ...(supplierId ? { supplierId } : {}) },
      payload: {
        source: supplierId ? 'dropship' : 'warehouse',
        strategy: policy.strategy,
        lines: allocations.map((a) => ({ lineId: a.lineId, sku: a.sku, quantity: a.quantity })),
        reason: supplierId ? 'routed to a dropship supplier: no warehouse had the stock' : `routed by ${policy.strategy} strategy`,
      },
      actor,
    });
    fulfillmentOrders.push(doc);
  }
  return { fulfillmentOrders, backorders };
}

/** Stocking warehouses in the channel's order: its listed warehouses first, then by global priority. */
async function rankedWarehouses(tx: Queryable, channelOrder: readonly string[]): Promise<RankedWarehouse[]> {
  const rows = await tx.query<{ id: string }>(`select id from warehouses where kind = 'warehouse' order by priority, code`);
  const rank = (id: string) => {
    const i = channelOrder.indexOf(id);
    return i === -1 ? channelOrder.length : i;
  };
  return rows
    .map((r, i) => ({ id: r.id, i }))
    .sort((a, b) => rank(a.id) - rank(b.id) || a.i - b.i)
    .map(({ id }) => ({ id }));
}

async function lockStock(tx: Queryable, skus: readonly string[]): Promise<StockMap> {
  const rows = await tx.query<{ warehouse_id: string; sku: string; on_hand: number; reserved: number }>(
    `select i.warehouse_id, i.sku, i.on_hand, i.reserved from inventory i join warehouses w on w.id = i.warehouse_id
      where w.kind = 'warehouse' and i.sku = any($1::text[]) order by i.warehouse_id, i.sku for update of i`,
    [skus],
  );
  const stock: StockMap = {};
  for (const r of rows) (stock[r.warehouse_id] ??= {})[r.sku] = Number(r.on_hand) - Number(r.reserved);
  return stock;
}

async function lockOffers(tx: Queryable, skus: readonly string[]): Promise<DropshipOffer[]> {
  const rows = await tx.query<{
    supplier_id: string;
    warehouse_id: string;
    sku: string;
    available: number | null;
    priority: number;
    lead_time_days: number;
  }>(
    `select s.id as supplier_id, s.warehouse_id, p.sku, p.available, s.priority, p.lead_time_days
       from supplier_products p join suppliers s on s.id = p.supplier_id
      where s.active and p.sku = any($1::text[]) order by s.id, p.sku for update of p`,
    [skus],
  );
  return rows.map((r) => ({
    supplierId: r.supplier_id,
    warehouseId: r.warehouse_id,
    sku: r.sku,
    available: r.available === null ? null : Number(r.available),
    priority: r.priority,
    leadTimeDays: r.lead_time_days,
  }));
}

export function newFulfillmentDocument(
  order: OrderDocument,
  warehouseId: string,
  lines: readonly Pick<OrderLine, 'id' | 'sku' | 'barcode' | 'name' | 'quantity'>[],
): FulfillmentDocument {
  const now = new Date().toISOString();
  return {
    id: crypto.randomUUID(),
    orderId: order.id,
    orderNumber: order.number,
    warehouseId,
    status: 'open',
    holds: [],
    claimedBy: null,
    lease: null,
    customerName: order.customer.name,
    shipTo: order.shippingAddress,
    channel: order.channel,
    orderValueMinor: order.totals.totalMinor,
    lines: lines.map((l) => ({
      lineId: l.id,
      sku: l.sku,
      barcode: l.barcode,
      name: l.name,
      quantity: l.quantity,
      verified: 0,
      packed: 0,
      shipped: 0,
    })),
    packages: [],
    appliedSeq: {},
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
}

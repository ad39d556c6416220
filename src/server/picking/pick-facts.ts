import type { FulfillmentStationEvent } from '../../shared/events/station-events';
import type { FulfillmentDocument } from '../../shared/sync/fulfillment-document';
import type { Queryable } from '../db/database';
import { consume } from '../inventory/inventory-store';
import { loadOrder } from '../orders/order-store';
import { routeOrder } from '../orders/routing';
import { openTask } from '../tasks/task-store';
import { takeFromBins } from './bin-store';

/** A pick or short pick a push recorded, with what the server needs to act on it. */
export interface PickFact {
  eventId: string;
  kind: 'picked' | 'shorted';
  /** The fulfillment order took the event (applied): only then do short units leave it to be routed again. */
  applied: boolean;
  orderId: string;
  orderNumber: string;
  fulfillmentOrderId: string;
  warehouseId: string;
  lineId: string;
  sku: string;
  binId: string;
  binCode: string;
  quantity: number;
  /** What the picker counted left in the bin (short picks). */
  remainingInBin: number | null;
}

export function pickFactOf(event: FulfillmentStationEvent, doc: FulfillmentDocument, applied: boolean): PickFact | null {
  if (event.type !== 'item-picked' && event.type !== 'pick-shorted') return null;
  const line = doc.lines.find((l) => l.lineId === event.payload.lineId);
  if (!line) return null;
  const shorted = event.type === 'pick-shorted';
  return {
    eventId: event.id,
    kind: shorted ? 'shorted' : 'picked',
    applied,
    orderId: doc.orderId,
    orderNumber: doc.orderNumber,
    fulfillmentOrderId: doc.id,
    warehouseId: doc.warehouseId,
    lineId: line.lineId,
    sku: line.sku,
    binId: event.payload.binId,
    binCode: event.payload.binCode,
    quantity: shorted ? event.payload.shortQuantity : event.payload.quantity,
    remainingInBin: shorted ? event.payload.remainingInBin : null,
  };
}

const SHORT_PICK_ACTOR = { kind: 'system' as const, id: 'short-pick', name: 'Short pick' };

/**
 * What a batch's picks do beyond the documents: picked units leave their bins; a short pick sets
 * the bin to what the picker counted, and when applied its missing units leave the warehouse's on
 * hand (and the reservation) and are routed again by the order's routing rules: to a warehouse
 * with stock, or a backorder. A supervisor task asks for the bin to be counted and says where
 * the units went. Returns the orders whose progress this may have moved.
 */
export async function applyPickFacts(tx: Queryable, facts: readonly PickFact[]): Promise<string[]> {
  if (!facts.length) return [];
  const byWarehouse = new Map<string, PickFact[]>();
  for (const f of facts) byWarehouse.set(f.warehouseId, [...(byWarehouse.get(f.warehouseId) ?? []), f]);
  for (const [warehouseId, list] of [...byWarehouse].sort(([a], [b]) => a.localeCompare(b))) {
    await takeFromBins(
      tx,
      warehouseId,
      list.map((f) => ({ binId: f.binId, sku: f.sku, taken: f.kind === 'picked' ? f.quantity : 0, remaining: f.remainingInBin })),
    );
  }
  const touched: string[] = [];
  for (const f of facts) {
    if (f.kind !== 'shorted' || !f.applied) continue;
    await consume(tx, f.warehouseId, f.sku, f.quantity);
    const order = await loadOrder(tx, f.orderId, true);
    const line = order.lines.find((l) => l.id === f.lineId);
    const routing = line ? await routeOrder(tx, order, SHORT_PICK_ACTOR, [{ line, quantity: f.quantity }]) : null;
    const placed = routing?.fulfillmentOrders.map((fo) => ({ fulfillmentOrderId: fo.id, warehouseId: fo.warehouseId })) ?? [];
    const backordered = routing?.backorders.map((b) => ({ backorderId: b.id, quantity: b.quantity })) ?? [];
    await openTask(tx, {
      id: crypto.randomUUID(),
      kind: 'pick-short',
      title: `Bin ${f.binCode} was short of ${f.quantity} × ${f.sku} for ${f.orderNumber}: count the bin${
        backordered.length ? '; the missing units are backordered' : placed.length ? '; the missing units were routed again' : ''
      }`,
      orderId: f.orderId,
      fulfillmentOrderId: f.fulfillmentOrderId,
      eventId: f.eventId,
      warehouseId: f.warehouseId,
      detail: {
        binId: f.binId,
        binCode: f.binCode,
        sku: f.sku,
        shortQuantity: f.quantity,
        remainingInBin: f.remainingInBin,
        routedTo: placed,
        backorders: backordered,
      },
    });
    touched.push(f.orderId);
  }
  return touched;
}

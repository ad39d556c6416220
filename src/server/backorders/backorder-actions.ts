import type { Queryable } from '../db/database';
import type { BackorderView } from '../../shared/api/fulfillment';
import type { RefundView } from '../../shared/api/payments';
import type { RefundRequestView } from '../../shared/api/returns';
import type { Actor } from '../../shared/events/station-events';
import type { FulfillmentDocument } from '../../shared/sync/fulfillment-document';
import { isTerminal } from '../../shared/domain/state-machine';
import { backorderMachine } from '../../shared/domain/backorder-status';
import { backorderRefusalWords, orderNotReleasableWords } from '../../shared/words/refusal-words';
import { problems } from '../http/problem';
import { insertFulfillmentOrder } from '../fulfillment/fulfillment-store';
import { requirePackingStation } from '../stations/station-store';
import type { LeasePolicy } from '../leases/lease-policy';
import { assignToStation } from '../leases/lease-store';
import { readLevel, requireStockingWarehouse, reserve, unreserve } from '../inventory/inventory-store';
import { refreshOrderProgress } from '../orders/order-progress';
import { loadOrder } from '../orders/order-store';
import { newFulfillmentDocument } from '../orders/routing';
import { appendTimeline } from '../timeline/timeline';
import { raiseRefundRequest } from '../returns/refund-requests';
import { cancelUnitsOfCancelledWork } from '../orders/commands/cancel-units-of-cancelled-work';
import { hasNothingLeftToShip, isPaidInFullFor } from './cancelled-backorder-order';
import { loadBackorder, setBackorderPriority, setBackorderStatus } from './backorder-store';
import { RELEASABLE_ORDER_STATUSES, releaseBackorders } from './release-backorders';

const entityIds = (b: BackorderView) => ({ backorderId: b.id, lineId: b.lineId });

/** Supervisor override of the FIFO queue: higher priority is allocated first. */
export async function prioritizeBackorder(
  tx: Queryable,
  id: string,
  priority: number,
  reason: string,
  actor: Actor,
): Promise<BackorderView> {
  const b = await loadBackorder(tx, id, true);
  if (isTerminal(backorderMachine, b.status)) throw problems.conflict('backorder_status_final', backorderRefusalWords(b, 'move'));
  await setBackorderPriority(tx, id, priority);
  await appendTimeline(tx, {
    type: 'backorder-prioritized',
    orderId: b.orderId,
    entityIds: entityIds(b),
    payload: { from: b.priority, to: priority, reason },
    actor,
  });
  return loadBackorder(tx, id);
}

/** Releases an allocated backorder into a new fulfillment order now. */
export async function releaseBackorder(
  tx: Queryable,
  id: string,
  reason: string,
  actor: Actor,
): Promise<{ backorder: BackorderView; fulfillmentOrder: FulfillmentDocument }> {
  const b = await loadBackorder(tx, id, true);
  if (b.status !== 'allocated')
    throw problems.conflict(
      b.status === 'waiting' ? 'backorder_not_allocated' : 'backorder_status_final',
      backorderRefusalWords(b, 'release'),
    );
  await requireReleasableOrder(tx, b.orderId);
  const [fo] = await releaseBackorders(tx, [id], actor, reason);
  return { backorder: await loadBackorder(tx, id), fulfillmentOrder: fo! };
}

/**
 * Ships a backorder from a warehouse the supervisor chooses, ahead of the queue: its stock there
 * is reserved and a fulfillment order is created at once (optionally assigned to a station).
 */
export async function reassignBackorder(
  tx: Queryable,
  id: string,
  target: { warehouseId: string; stationId?: string; reason: string },
  actor: Actor,
  leases: LeasePolicy,
): Promise<{ backorder: BackorderView; fulfillmentOrder: FulfillmentDocument }> {
  const b = await loadBackorder(tx, id, true);
  if (b.status !== 'waiting' && b.status !== 'allocated')
    throw problems.conflict('backorder_status_final', backorderRefusalWords(b, 'reassign'));
  await requireStockingWarehouse(tx, target.warehouseId);
  const station = target.stationId ? await requirePackingStation(tx, target.stationId, target.warehouseId) : null;
  const order = await requireReleasableOrder(tx, b.orderId);

  if (b.status === 'allocated' && b.warehouseId) {
    // Give back the stock it held elsewhere before taking it here.
    await setBackorderStatus(tx, b, 'waiting', { warehouseId: null });
    await unreserve(tx, b.warehouseId, b.sku, b.quantity);
  }
  const level = await readLevel(tx, target.warehouseId, b.sku, true);
  if (level.available < b.quantity) {
    throw problems.conflict('insufficient_stock', `${b.sku}: ${b.quantity} needed, ${level.available} available at that warehouse`, {
      short: [{ sku: b.sku, needed: b.quantity, available: level.available }],
    });
  }
  await reserve(tx, target.warehouseId, b.sku, b.quantity);
  const line = order.lines.find((l) => l.id === b.lineId)!;
  let doc = newFulfillmentDocument(order, target.warehouseId, [{ ...line, quantity: b.quantity }]);
  await insertFulfillmentOrder(tx, doc);
  await setBackorderStatus(tx, { id: b.id, status: 'waiting' }, 'reassigned', {
    warehouseId: target.warehouseId,
    fulfillmentOrderId: doc.id,
  });
  await appendTimeline(tx, {
    type: 'backorder-reassigned',
    orderId: b.orderId,
    fulfillmentOrderId: doc.id,
    entityIds: {
      ...entityIds(b),
      warehouseId: target.warehouseId,
      fulfillmentOrderId: doc.id,
      ...(station ? { stationId: station.id } : {}),
    },
    payload: { sku: b.sku, quantity: b.quantity, fromWarehouseId: b.warehouseId, reason: target.reason },
    actor,
  });
  await appendTimeline(tx, {
    type: 'fulfillment-order-created',
    orderId: b.orderId,
    fulfillmentOrderId: doc.id,
    entityIds: { fulfillmentOrderId: doc.id, warehouseId: target.warehouseId },
    payload: { source: 'backorder', lines: [{ lineId: b.lineId, sku: b.sku, quantity: b.quantity }], reason: target.reason },
    actor,
  });
  if (station) doc = await assignToStation(tx, doc, station, actor, { takeover: true, reason: target.reason }, leases);
  await refreshOrderProgress(tx, b.orderId, { kind: 'system', id: 'order-progress' });
  return { backorder: await loadBackorder(tx, id), fulfillmentOrder: doc };
}

/**
 * Cancels a backorder: its units will not ship. Stock it held is given back. Units the customer
 * paid for in full stay on their line and get a refund request from the frozen prices while the
 * order has more to ship. Otherwise they leave the order as a cancelled fulfillment order's do
 * (cancelUnitsOfCancelledWork): what is still owed for them is no longer owed, only what was
 * captured for them is refunded, and an order left with nothing to ship and nothing shipped is
 * cancelled with what it paid (shipping too) refunded.
 */
export async function cancelBackorder(
  tx: Queryable,
  id: string,
  reason: string,
  actor: Actor,
): Promise<{ backorder: BackorderView; refundRequest: RefundRequestView | null; refund: RefundView | null }> {
  const b = await loadBackorder(tx, id, true);
  if (isTerminal(backorderMachine, b.status)) throw problems.conflict('backorder_status_final', backorderRefusalWords(b, 'cancel'));
  await setBackorderStatus(tx, b, 'cancelled', { note: reason });
  if (b.status === 'allocated' && b.warehouseId) await unreserve(tx, b.warehouseId, b.sku, b.quantity);
  const order = await loadOrder(tx, b.orderId, true);
  let refundRequest: RefundRequestView | null = null;
  let refund: RefundView | null = null;
  if (isPaidInFullFor(order, b) && !(await hasNothingLeftToShip(tx, order))) {
    refundRequest = await raiseRefundRequest(tx, {
      order,
      source: 'backorder_cancelled',
      backorderId: b.id,
      units: [{ lineId: b.lineId, quantity: b.quantity }],
      refundShipping: false,
      method: 'original_payment',
      reason: `backorder cancelled: ${reason}`,
      actor,
    });
  } else {
    const units = [{ lineId: b.lineId, quantity: b.quantity }];
    refund = (await cancelUnitsOfCancelledWork(tx, b.orderId, units, { reason, backorderId: b.id }, actor)).refund;
  }
  await appendTimeline(tx, {
    type: 'backorder-cancelled',
    orderId: b.orderId,
    entityIds: { ...entityIds(b), ...(refundRequest ? { refundRequestId: refundRequest.id } : {}) },
    payload: { sku: b.sku, quantity: b.quantity, reason, refundMinor: refundRequest?.amountMinor ?? refund?.amountMinor ?? 0 },
    actor,
  });
  await refreshOrderProgress(tx, b.orderId, { kind: 'system', id: 'order-progress' });
  return { backorder: await loadBackorder(tx, id), refundRequest, refund };
}

async function requireReleasableOrder(tx: Queryable, orderId: string) {
  const order = await loadOrder(tx, orderId, true);
  if (!RELEASABLE_ORDER_STATUSES.includes(order.status))
    throw problems.conflict('order_not_releasable', orderNotReleasableWords(order.number, order.status));
  return order;
}

import type { Actor } from '../../shared/events/station-events';
import type { FulfillmentDocument } from '../../shared/sync/fulfillment-document';
import type { Queryable } from '../db/database';
import { unreserveFulfillmentOrder } from '../inventory/inventory-store';
import { cancelUnitsOfCancelledWork } from '../orders/commands/cancel-units-of-cancelled-work';
import { applyAdminChange } from './apply-admin-event';

/**
 * A supervisor's cancel of a fulfillment order: its units will not ship, to this customer at
 * all (work handed to another warehouse or station is moved, not cancelled). The fulfillment
 * order is cancelled and its reservation given back, then its units are cancelled on the order
 * (total, balance due, refund of what was captured for them), all in the caller's transaction.
 * `doc` is locked by the caller; a refusal (units shipped, already ended) changes nothing.
 */
export async function cancelFulfillmentOrder(
  tx: Queryable,
  doc: FulfillmentDocument,
  reason: string,
  actor: Actor,
): Promise<FulfillmentDocument> {
  const cancelled = await applyAdminChange(tx, doc, { type: 'fulfillment-order-cancelled', payload: { reason }, actor });
  await unreserveFulfillmentOrder(tx, doc);
  await cancelUnitsOfCancelledWork(tx, doc.orderId, unshippedUnitsOf(doc), { reason, fulfillmentOrderId: doc.id }, actor);
  return cancelled;
}

/** The fulfillment order's units not shipped, by order line. */
function unshippedUnitsOf(doc: FulfillmentDocument): { lineId: string; quantity: number }[] {
  const byLine = new Map<string, number>();
  for (const l of doc.lines) byLine.set(l.lineId, (byLine.get(l.lineId) ?? 0) + l.quantity - l.shipped);
  return [...byLine].map(([lineId, quantity]) => ({ lineId, quantity }));
}

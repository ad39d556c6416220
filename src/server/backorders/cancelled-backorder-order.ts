import type { Queryable } from '../db/database';
import type { BackorderView } from '../../shared/api/fulfillment';
import type { OrderDocument } from '../../shared/api/orders';
import type { Actor } from '../../shared/events/station-events';
import { cancelOrder } from '../orders/commands/cancel-order';
import { LIVE_FULFILLMENT, shippedUnitsOf } from '../orders/fulfillment-effects';
import { paidShareOf, withoutUnits } from '../orders/order-math';
import { loadOrder } from '../orders/order-store';
import { fulfillmentOrdersOfForUpdate } from '../fulfillment/fulfillment-store';

/**
 * True when the customer has paid for every one of the backorder's units (their whole price is
 * beyond what they still owe): such units stay on the line and are paid back by a refund request
 * from their frozen prices. Units not paid for, or paid for only in part (a capture short of the
 * total), leave the order instead, and only the captured part goes back. Decided by money, not by
 * payment status: a first partial capture already makes the status paid.
 */
export function isPaidInFullFor(order: OrderDocument, b: BackorderView): boolean {
  if (order.paymentStatus !== 'paid' && order.paymentStatus !== 'partially_refunded') return false;
  const line = order.lines.find((l) => l.id === b.lineId);
  if (!line) return false;
  const price = withoutUnits(line, Math.min(b.quantity, line.quantity)).removedMinor;
  return paidShareOf(order, price) >= price;
}

/**
 * True when the order, still open, has shipped nothing and has nothing left to ship: no waiting or
 * allocated backorder, no live fulfillment order (the one just cancelled counts as gone).
 */
export async function hasNothingLeftToShip(tx: Queryable, order: OrderDocument): Promise<boolean> {
  if (!['confirmed', 'processing', 'on_hold'].includes(order.status)) return false;
  if ((await shippedUnitsOf(tx, order.id)).total > 0) return false;
  const [open] = await tx.query<{ n: unknown }>(
    `select coalesce(sum(quantity), 0) as n from backorders where order_id = $1 and status in ('waiting', 'allocated')`,
    [order.id],
  );
  if (Number(open?.n ?? 0) > 0) return false;
  return !(await fulfillmentOrdersOfForUpdate(tx, order.id)).some((f) => LIVE_FULFILLMENT.has(f.status));
}

/**
 * An order none of whose units shipped, with nothing left to ship once its last backorder (or
 * fulfillment order) is cancelled, is cancelled: otherwise it would wait as confirmed forever.
 * The cancelled work's units were cut off the lines, so what the order paid (shipping too) goes
 * back with it when asked, as a full cancel refunds.
 */
export async function cancelOrderLeftWithNothing(
  tx: Queryable,
  orderId: string,
  reason: string,
  actor: Actor,
  refund = false,
): Promise<boolean> {
  const order = await loadOrder(tx, orderId, true);
  if (!(await hasNothingLeftToShip(tx, order))) return false;
  await cancelOrder({ tx, order, actor }, { reason: `nothing left to ship: ${reason}`, restock: true, refund });
  return true;
}

import type { Queryable } from '../db/database';
import type { BackorderView } from '../../shared/api/fulfillment';
import type { OrderDocument } from '../../shared/api/orders';
import type { Actor } from '../../shared/events/station-events';
import { cancelOrder } from '../orders/commands/cancel-order';
import { LIVE_FULFILLMENT, shippedUnitsOf } from '../orders/fulfillment-effects';
import { paidShareOf, totalsOf, withoutUnits } from '../orders/order-math';
import { loadOrder } from '../orders/order-store';
import { recordChange } from '../orders/order-transition';
import { fulfillmentOrdersOfForUpdate } from '../fulfillment/fulfillment-store';

/**
 * True when the backorder's units are not paid for yet: their price is still within what the
 * customer owes (nothing captured, or only a part such as the first shipment's), so the order's
 * total, and what is still to capture, must drop with them. Decided by money, not by payment
 * status: a first partial capture already makes the status paid.
 */
export function isUnpaidFor(order: OrderDocument, b: BackorderView): boolean {
  const line = order.lines.find((l) => l.id === b.lineId);
  if (!line) return false;
  return paidShareOf(order, withoutUnits(line, Math.min(b.quantity, line.quantity)).removedMinor) === 0;
}

/**
 * Takes a cancelled backorder's units off its order line, as a partial cancel does (each unit
 * with its frozen share of discount and tax), so an order's total and balance due no longer
 * include unpaid units that will not ship. Units already paid for stay on the line and get a refund request instead.
 */
export async function takeCancelledUnitsOffOrder(
  tx: Queryable,
  order: OrderDocument,
  b: BackorderView,
  reason: string,
  actor: Actor,
): Promise<void> {
  const line = order.lines.find((l) => l.id === b.lineId);
  if (!line) return;
  const cut = withoutUnits(line, Math.min(b.quantity, line.quantity));
  const changed = { ...order, lines: order.lines.map((l) => (l.id === line.id ? cut.line : l)) };
  await recordChange(tx, { ...changed, totals: totalsOf(changed) }, actor, 'order-partially-cancelled', {
    reason: `backorder cancelled: ${reason}`,
    backorderId: b.id,
    restock: false,
    refund: false,
    lines: [{ lineId: line.id, quantity: b.quantity, amountMinor: cut.removedMinor }],
    removedMinor: cut.removedMinor,
  });
}

/**
 * An order none of whose units shipped, with nothing left to ship once its last backorder (or
 * fulfillment order) is cancelled, is cancelled: otherwise it would wait as confirmed forever.
 * After a backorder its money was settled already (an unpaid order's lines were cut; a paid one
 * got a refund request), so no refund unless asked: a cancelled fulfillment order's units were
 * cut off the lines, and what the order paid (shipping too) goes back with it.
 */
export async function cancelOrderLeftWithNothing(
  tx: Queryable,
  orderId: string,
  reason: string,
  actor: Actor,
  refund = false,
): Promise<boolean> {
  const order = await loadOrder(tx, orderId, true);
  if (!['confirmed', 'processing', 'on_hold'].includes(order.status)) return false;
  if ((await shippedUnitsOf(tx, orderId)).total > 0) return false;
  const [open] = await tx.query<{ n: unknown }>(
    `select coalesce(sum(quantity), 0) as n from backorders where order_id = $1 and status in ('waiting', 'allocated')`,
    [orderId],
  );
  if (Number(open?.n ?? 0) > 0) return false;
  if ((await fulfillmentOrdersOfForUpdate(tx, orderId)).some((f) => LIVE_FULFILLMENT.has(f.status))) return false;
  await cancelOrder({ tx, order, actor }, { reason: `nothing left to ship: ${reason}`, restock: true, refund });
  return true;
}

import type { CancelUnitStates, OrderCancelPreview } from '../../shared/api/order-commands';
import type { OrderDocument } from '../../shared/api/orders';
import type { Queryable } from '../db/database';
import { fulfillmentOrdersOf } from '../fulfillment/fulfillment-store';
import { cancelRefundOf } from './commands/cancel-order';
import { LIVE_FULFILLMENT, offTheShelf } from './fulfillment-effects';
import { totalUnits } from './order-math';

/**
 * What cancelling the whole order would do, for whoever asks before cancelling: its units (all
 * that are still on it, none of which will ship), how many of them each warehouse holds in live
 * work, where they stand (picked, not picked yet, on backorder: what becomes of each), and the
 * money as the payment stands: what the cancel refunds, by the cancel's own rule, or an
 * authorization no longer needed, or nothing.
 */
export async function orderCancelPreview(
  q: Queryable,
  order: OrderDocument,
): Promise<OrderCancelPreview & { unitStates: CancelUnitStates }> {
  const byWarehouse = new Map<string, number>();
  const unitStates = { picked: 0, notPicked: 0, backordered: await backorderedUnitsOf(q, order.id) };
  for (const fo of await fulfillmentOrdersOf(q, order.id)) {
    if (!LIVE_FULFILLMENT.has(fo.status)) continue;
    const units = fo.lines.reduce((n, l) => n + l.quantity - l.shipped, 0);
    if (units > 0) byWarehouse.set(fo.warehouseId, (byWarehouse.get(fo.warehouseId) ?? 0) + units);
    const picked = fo.lines.reduce((n, l) => n + offTheShelf(l), 0);
    unitStates.picked += picked;
    unitStates.notPicked += units - picked;
  }
  const codes = await q.query<{ id: string; code: string }>('select id, code from warehouses where id = any($1::uuid[])', [
    [...byWarehouse.keys()],
  ]);
  const code = new Map(codes.map((w) => [w.id, w.code]));
  return {
    id: order.id,
    number: order.number,
    customerName: order.customer.name,
    units: totalUnits(order),
    warehouses: [...byWarehouse].map(([warehouseId, units]) => ({
      warehouseId,
      code: code.get(warehouseId) ?? 'another warehouse',
      units,
    })),
    unitStates,
    money: cancelMoneyOf(order),
  };
}

/** Units waiting on backorder (for stock, or allocated and not released yet): never picked. */
async function backorderedUnitsOf(q: Queryable, orderId: string): Promise<number> {
  const [row] = await q.query<{ n: unknown }>(
    `select coalesce(sum(quantity), 0) as n from backorders where order_id = $1 and status in ('waiting', 'allocated')`,
    [orderId],
  );
  return Number(row?.n ?? 0);
}

function cancelMoneyOf(order: OrderDocument): OrderCancelPreview['money'] {
  const amountMinor = cancelRefundOf(order);
  if (amountMinor > 0) return { kind: 'refund', amountMinor, currency: order.currency };
  // Authorized and never captured: the cancel refunds nothing; the hold on the customer's money is simply not needed.
  if (order.paymentStatus === 'authorized') return { kind: 'authorization' };
  return { kind: 'none' };
}

import type { FulfillmentStatus } from './fulfillment-status';
import type { OrderStatus } from './order-status';

export interface FulfillmentProgress {
  status: FulfillmentStatus;
  quantity: number;
  shipped: number;
}

/**
 * Fulfillment progress is derived, never typed in: the order's status follows what its
 * fulfillment orders and packages say. Returns the status the order should move to, or null.
 */
export function derivedOrderStatus(
  current: OrderStatus,
  fulfillments: readonly FulfillmentProgress[],
  backorderedUnits = 0,
): OrderStatus | null {
  if (!['confirmed', 'processing', 'partially_shipped'].includes(current)) return null;
  const live = fulfillments.filter((f) => f.status !== 'cancelled' && f.status !== 'incomplete');
  const quantity = live.reduce((n, f) => n + f.quantity, 0) + backorderedUnits;
  const shipped = live.reduce((n, f) => n + f.shipped, 0);
  let target: OrderStatus = current;
  if (quantity > 0 && shipped >= quantity) target = 'shipped';
  else if (shipped > 0) target = 'partially_shipped';
  else if (live.some((f) => f.status === 'in_progress')) target = 'processing';
  return target === current ? null : target;
}

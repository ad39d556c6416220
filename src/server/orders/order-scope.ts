import type { Principal } from '../auth/principal';
import type { Queryable } from '../db/database';
import { problems } from '../http/problem';

/** A principal bound to a warehouse sees an order only when part of it is routed there (else: not found, not forbidden). */
export async function requireOrderInScope(db: Queryable, principal: Principal, orderId: string): Promise<void> {
  if (!principal.warehouseId) return;
  const [row] = await db.query('select 1 from fulfillment_orders where order_id = $1 and warehouse_id = $2 limit 1', [
    orderId,
    principal.warehouseId,
  ]);
  if (!row) throw problems.notFound(`order ${orderId}`);
}

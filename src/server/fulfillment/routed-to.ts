import { sql, type RawBuilder, type SqlBool } from 'kysely';

/**
 * The order whose id is in column `orderIdColumn` (e.g. 'o.id') has a fulfillment order at the
 * warehouse: how a warehouse-bound caller's scope, or a warehouse filter, reaches orders.
 */
export function routedTo(orderIdColumn: string, warehouseId: string): RawBuilder<SqlBool> {
  return sql<SqlBool>`exists (select 1 from fulfillment_orders routed where routed.order_id = ${sql.ref(orderIdColumn)} and routed.warehouse_id = ${warehouseId})`;
}

import type { Queryable } from '../db/database';

/**
 * Dropship suppliers and what they can ship (suppliers, supplier_products). Routing takes from
 * a supplier's stated availability here; a supplier with no stated availability (null) is unlimited.
 */
export async function takeSupplierStock(tx: Queryable, supplierId: string, sku: string, quantity: number): Promise<void> {
  await tx.query('update supplier_products set available = available - $3 where supplier_id = $1 and sku = $2 and available is not null', [supplierId, sku, quantity]);
}

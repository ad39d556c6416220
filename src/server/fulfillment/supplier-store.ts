import type { SupplierView } from '../../shared/api/inventory';
import type { Queryable } from '../db/database';
import { problems } from '../http/problem';

/** A supplier and the SKUs it ships (404 when there is none). */
export async function supplierView(q: Queryable, id: string): Promise<SupplierView> {
  const [s] = await q.query<{ id: string; code: string; name: string; warehouse_id: string; priority: number; active: boolean }>(
    'select id, code, name, warehouse_id, priority, active from suppliers where id = $1',
    [id],
  );
  if (!s) throw problems.notFound(`supplier ${id}`);
  const products = await q.query<{ sku: string; lead_time_days: number; available: number | null }>(
    'select sku, lead_time_days, available from supplier_products where supplier_id = $1 order by sku',
    [id],
  );
  return {
    id: s.id,
    code: s.code,
    name: s.name,
    warehouseId: s.warehouse_id,
    priority: s.priority,
    active: s.active,
    products: products.map((p) => ({
      sku: p.sku,
      leadTimeDays: p.lead_time_days,
      available: p.available === null ? null : Number(p.available),
    })),
  };
}

export async function listSupplierIds(q: Queryable): Promise<string[]> {
  const rows = await q.query<{ id: string }>('select id from suppliers order by priority, code');
  return rows.map((r) => r.id);
}

/** A new supplier shipping from its location; false when its code is taken. */
export async function insertSupplier(
  q: Queryable,
  s: { id: string; code: string; name: string; warehouseId: string; priority: number },
): Promise<boolean> {
  const rows = await q.query(
    'insert into suppliers (id, code, name, warehouse_id, priority) values ($1,$2,$3,$4,$5) on conflict (code) do nothing returning id',
    [s.id, s.code, s.name, s.warehouseId, s.priority],
  );
  return rows.length > 0;
}

/** Sets what a supplier reports for a SKU: lead time and stock (null: not reported). */
export async function upsertSupplierProduct(
  q: Queryable,
  supplierId: string,
  p: { sku: string; leadTimeDays: number; available: number | null },
): Promise<void> {
  await q.query(
    'insert into supplier_products (supplier_id, sku, lead_time_days, available) values ($1,$2,$3,$4) on conflict (supplier_id, sku) do update set lead_time_days = excluded.lead_time_days, available = excluded.available',
    [supplierId, p.sku, p.leadTimeDays, p.available],
  );
}

/**
 * Dropship suppliers and what they can ship (suppliers, supplier_products). Routing takes from
 * a supplier's stated availability here; a supplier with no stated availability (null) is unlimited.
 */
export async function takeSupplierStock(tx: Queryable, supplierId: string, sku: string, quantity: number): Promise<void> {
  await tx.query('update supplier_products set available = available - $3 where supplier_id = $1 and sku = $2 and available is not null', [
    supplierId,
    sku,
    quantity,
  ]);
}

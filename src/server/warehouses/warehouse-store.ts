import type { Queryable } from '../db/database';

export interface NewWarehouse {
  code: string;
  name: string;
  priority: number;
  address: unknown;
}

/**
 * The warehouses table's writer. Adds a warehouse unless its code exists; returns the id the
 * code has either way (so demo data can be loaded twice).
 */
export async function ensureWarehouse(q: Queryable, w: NewWarehouse): Promise<string> {
  await q.query(`insert into warehouses (id, code, name, priority, address) values ($1,$2,$3,$4,$5) on conflict (code) do nothing`, [
    crypto.randomUUID(), w.code, w.name, w.priority, JSON.stringify(w.address),
  ]);
  const [row] = await q.query<{ id: string }>('select id from warehouses where code = $1', [w.code]);
  return row!.id;
}

import type { Queryable } from '../db/database';

/** A new stocking warehouse; false when its code is taken. */
export async function insertWarehouse(
  q: Queryable,
  w: { id: string; code: string; name: string; priority: number; address?: unknown },
): Promise<boolean> {
  const rows = await q.query(
    'insert into warehouses (id, code, name, priority, address) values ($1,$2,$3,$4,$5) on conflict (code) do nothing returning id',
    [w.id, w.code, w.name, w.priority, w.address ? JSON.stringify(w.address) : null],
  );
  return rows.length > 0;
}

/** A dropship supplier's own fulfillment location; false when its code is taken. */
export async function insertDropshipLocation(
  q: Queryable,
  w: { id: string; code: string; name: string; priority: number },
): Promise<boolean> {
  const rows = await q.query(
    'insert into warehouses (id, code, name, priority, kind) values ($1,$2,$3,$4,$5) on conflict (code) do nothing returning id',
    [w.id, w.code, w.name, w.priority, 'dropship'],
  );
  return rows.length > 0;
}

export function listWarehouses(q: Queryable) {
  return q.query('select id, code, name, priority, address from warehouses order by priority, code');
}

/** Of these ids, the ones that are not stocking warehouses (unknown, or a dropship location). */
export async function notStockingWarehouses(q: Queryable, ids: readonly string[]): Promise<string[]> {
  if (!ids.length) return [];
  const found = await q.query<{ id: string }>(`select id from warehouses where kind = 'warehouse' and id = any($1::uuid[])`, [ids]);
  return ids.filter((id) => !found.some((f) => f.id === id));
}

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
    crypto.randomUUID(),
    w.code,
    w.name,
    w.priority,
    JSON.stringify(w.address),
  ]);
  const [row] = await q.query<{ id: string }>('select id from warehouses where code = $1', [w.code]);
  return row!.id;
}

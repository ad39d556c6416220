import type { Queryable } from '../db/database';
import type { InventoryLevel } from '../../shared/api/inventory';
import type { FulfillmentDocument } from '../../shared/sync/fulfillment-document';
import { problems } from '../http/problem';

/**
 * Inventory per warehouse and SKU: on_hand is what is physically there, reserved what routing
 * promised to fulfillment orders and has not shipped yet. available = on_hand - reserved.
 * Dropship locations hold no rows; every helper here is a no-op for them.
 */
interface Row {
  warehouse_id: string;
  sku: string;
  on_hand: number;
  reserved: number;
}

export function levelOf(row: Row): InventoryLevel {
  return {
    warehouseId: row.warehouse_id,
    sku: row.sku,
    onHand: Number(row.on_hand),
    reserved: Number(row.reserved),
    available: Number(row.on_hand) - Number(row.reserved),
  };
}

export async function readLevel(q: Queryable, warehouseId: string, sku: string, forUpdate = false): Promise<InventoryLevel> {
  const [row] = await q.query<Row>(
    `select warehouse_id, sku, on_hand, reserved from inventory where warehouse_id = $1 and sku = $2${forUpdate ? ' for update' : ''}`,
    [warehouseId, sku],
  );
  return row ? levelOf(row) : { warehouseId, sku, onHand: 0, reserved: 0, available: 0 };
}

/** A stocking warehouse (not a dropship location), or 404/422. */
export async function requireStockingWarehouse(q: Queryable, warehouseId: string): Promise<void> {
  const [wh] = await q.query<{ kind: string }>('select kind from warehouses where id = $1', [warehouseId]);
  if (!wh) throw problems.notFound(`warehouse ${warehouseId}`);
  if (wh.kind !== 'warehouse') throw problems.unprocessable('warehouse_is_dropship', 'a dropship location holds no inventory of ours');
}

export async function setOnHand(
  tx: Queryable,
  warehouseId: string,
  sku: string,
  onHand: number,
): Promise<{ before: InventoryLevel; after: InventoryLevel }> {
  const before = await readLevel(tx, warehouseId, sku, true);
  const [row] = await tx.query<Row>(
    `insert into inventory (warehouse_id, sku, on_hand) values ($1,$2,$3)
     on conflict (warehouse_id, sku) do update set on_hand = excluded.on_hand returning warehouse_id, sku, on_hand, reserved`,
    [warehouseId, sku, onHand],
  );
  return { before, after: levelOf(row!) };
}

export async function addOnHand(tx: Queryable, warehouseId: string, sku: string, quantity: number): Promise<InventoryLevel> {
  const [row] = await tx.query<Row>(
    `insert into inventory (warehouse_id, sku, on_hand) values ($1,$2,$3)
     on conflict (warehouse_id, sku) do update set on_hand = inventory.on_hand + excluded.on_hand returning warehouse_id, sku, on_hand, reserved`,
    [warehouseId, sku, quantity],
  );
  return levelOf(row!);
}

export async function reserve(tx: Queryable, warehouseId: string, sku: string, quantity: number): Promise<void> {
  await tx.query('update inventory set reserved = reserved + $3 where warehouse_id = $1 and sku = $2', [warehouseId, sku, quantity]);
}

/** Reserves units per SKU with one statement, raising on hand where it would not cover them (bulk-loaded orders). */
export async function reserveRaisingStock(tx: Queryable, warehouseId: string, units: ReadonlyMap<string, number>): Promise<void> {
  const skus = [...units.keys()];
  await tx.query(
    `insert into inventory (warehouse_id, sku, on_hand, reserved)
     select $1, sku, qty + 100, qty from unnest($2::text[], $3::int[]) as t(sku, qty)
     on conflict (warehouse_id, sku) do update
       set reserved = inventory.reserved + excluded.reserved,
           on_hand = greatest(inventory.on_hand, inventory.reserved + excluded.reserved)`,
    [warehouseId, skus, skus.map((s) => units.get(s)!)],
  );
}

/** Gives reserved units back (a cancelled or moved fulfillment order, a cancelled backorder). */
export async function unreserve(tx: Queryable, warehouseId: string, sku: string, quantity: number): Promise<void> {
  if (quantity <= 0) return;
  await tx.query('update inventory set reserved = greatest(reserved - $3, 0) where warehouse_id = $1 and sku = $2', [
    warehouseId,
    sku,
    quantity,
  ]);
}

/** Units left the building: they are no longer on hand nor reserved. */
export async function consume(tx: Queryable, warehouseId: string, sku: string, quantity: number): Promise<void> {
  if (quantity <= 0) return;
  await tx.query(
    'update inventory set on_hand = greatest(on_hand - $3, 0), reserved = greatest(reserved - $3, 0) where warehouse_id = $1 and sku = $2',
    [warehouseId, sku, quantity],
  );
}

/** Units left the building that no reservation held (a parcel shipped for an order cancelled meanwhile): off hand only. */
export async function takeOffHand(tx: Queryable, warehouseId: string, sku: string, quantity: number): Promise<InventoryLevel> {
  const [row] = await tx.query<Row>(
    `update inventory set on_hand = greatest(on_hand - $3, 0) where warehouse_id = $1 and sku = $2
     returning warehouse_id, sku, on_hand, reserved`,
    [warehouseId, sku, quantity],
  );
  return row ? levelOf(row) : readLevel(tx, warehouseId, sku);
}

/**
 * `consume` for many SKUs with two statements, whatever their number (a sync batch). The rows
 * are locked first in (warehouse, sku) order, so stations shipping the same SKUs don't deadlock.
 */
export async function consumeMany(tx: Queryable, units: readonly { warehouseId: string; sku: string; quantity: number }[]): Promise<void> {
  if (!units.length) return;
  const warehouses = units.map((u) => u.warehouseId);
  const skus = units.map((u) => u.sku);
  await tx.query(
    `select 1 from inventory i join unnest($1::uuid[], $2::text[]) as t(warehouse_id, sku) on i.warehouse_id = t.warehouse_id and i.sku = t.sku
      order by i.warehouse_id, i.sku for update of i`,
    [warehouses, skus],
  );
  await tx.query(
    `update inventory i set on_hand = greatest(i.on_hand - t.quantity, 0), reserved = greatest(i.reserved - t.quantity, 0)
       from unnest($1::uuid[], $2::text[], $3::int[]) as t(warehouse_id, sku, quantity)
      where i.warehouse_id = t.warehouse_id and i.sku = t.sku`,
    [warehouses, skus, units.map((u) => u.quantity)],
  );
}

/** Releases what a fulfillment order still holds: its unshipped units. */
export async function unreserveFulfillmentOrder(tx: Queryable, doc: FulfillmentDocument): Promise<void> {
  for (const line of doc.lines) await unreserve(tx, doc.warehouseId, line.sku, line.quantity - line.shipped);
}

/** Reserves a fulfillment order's unshipped units at its warehouse; refuses when any SKU is short. */
export async function reserveFulfillmentOrder(tx: Queryable, doc: FulfillmentDocument): Promise<void> {
  const need = new Map<string, number>();
  for (const l of doc.lines) need.set(l.sku, (need.get(l.sku) ?? 0) + l.quantity - l.shipped);
  const short: { sku: string; needed: number; available: number }[] = [];
  for (const [sku, needed] of [...need].sort(([a], [b]) => a.localeCompare(b))) {
    const level = await readLevel(tx, doc.warehouseId, sku, true);
    if (level.available < needed) short.push({ sku, needed, available: level.available });
  }
  if (short.length) {
    throw problems.conflict(
      'insufficient_stock',
      `not enough stock: ${short.map((s) => `${s.sku} needs ${s.needed}, ${s.available} available`).join('; ')}`,
      { short },
    );
  }
  for (const [sku, needed] of need) await reserve(tx, doc.warehouseId, sku, needed);
}

/**
 * Stock a shipped package takes out of its warehouse (the API's ship route). Station pushes
 * take theirs out per batch with `consumeMany` (sync/push-store.ts).
 */
export async function consumeShippedPackage(tx: Queryable, doc: FulfillmentDocument, packageId: string): Promise<void> {
  const pkg = doc.packages.find((p) => p.id === packageId);
  if (!pkg) return;
  for (const c of pkg.contents) {
    const line = doc.lines.find((l) => l.lineId === c.lineId);
    if (line) await consume(tx, doc.warehouseId, line.sku, c.quantity);
  }
}

/** Stock levels by SKU then warehouse, of one warehouse or all, of one SKU or all. */
export async function listLevels(
  q: Queryable,
  f: { warehouseId: string | null; sku: string | null; limit: number },
): Promise<InventoryLevel[]> {
  const rows = await q.query<Row>(
    `select warehouse_id, sku, on_hand, reserved from inventory where ($1::uuid is null or warehouse_id = $1) and ($2::text is null or sku = $2)
      order by sku, warehouse_id limit $3`,
    [f.warehouseId, f.sku, f.limit],
  );
  return rows.map(levelOf);
}

/** Each stocking warehouse (by priority, then code) with the units of `sku` available there. */
export async function availableByWarehouse(
  q: Queryable,
  sku: string,
): Promise<{ warehouseId: string; code: string; name: string; available: number }[]> {
  const rows = await q.query<{ id: string; code: string; name: string; available: string | number }>(
    `select w.id, w.code, w.name, coalesce(i.on_hand - i.reserved, 0) as available
       from warehouses w left join inventory i on i.warehouse_id = w.id and i.sku = $1
      where w.kind = 'warehouse' order by w.priority, w.code`,
    [sku],
  );
  return rows.map((r) => ({ warehouseId: r.id, code: r.code, name: r.name, available: Number(r.available) }));
}

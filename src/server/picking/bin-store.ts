import type { Queryable } from '../db/database';
import { toIso } from '../db/database';
import type { Row } from '../db/schema';
import { binCodeOf, type BinLocationDocument, type BinStock, type PickMode } from '../../shared/sync/bin-location-document';
import type { PutBinRequest } from '../../shared/api/bins';
import { problems } from '../http/problem';
import { nextRev, nextRevs, notifyChange } from '../sync/revisions';

/**
 * The writer of warehouse_pick_modes, bin_locations and bin_stock. Every change to a bin or its
 * stock takes a new sync revision, so the warehouse's stations pull it (collection `bins`).
 */

export async function readPickMode(q: Queryable, warehouseId: string): Promise<PickMode> {
  const [row] = await q.query<{ mode: PickMode }>('select mode from warehouse_pick_modes where warehouse_id = $1', [warehouseId]);
  return row?.mode ?? 'pack-only';
}

/** A change of mode re-sends every bin: a pack-only warehouse's stations get them as tombstones. */
export async function setPickMode(tx: Queryable, warehouseId: string, mode: PickMode): Promise<void> {
  await tx.query(
    `insert into warehouse_pick_modes (warehouse_id, mode) values ($1, $2)
     on conflict (warehouse_id) do update set mode = excluded.mode, updated_at = now()`,
    [warehouseId, mode],
  );
  const bins = await tx.query<{ id: string }>(
    'select id from bin_locations where warehouse_id = $1 and removed_at is null order by id for update',
    [warehouseId],
  );
  await bumpRevs(
    tx,
    warehouseId,
    bins.map((b) => b.id),
  );
}

async function bumpRevs(tx: Queryable, warehouseId: string, binIds: readonly string[]): Promise<void> {
  const ids = [...new Set(binIds)];
  if (!ids.length) return;
  const revs = await nextRevs(tx, ids.length);
  await tx.query(
    `update bin_locations b set rev = t.rev, updated_at = now() from unnest($1::uuid[], $2::bigint[]) as t(id, rev) where b.id = t.id`,
    [ids, revs],
  );
  await notifyChange(tx, warehouseId, revs[revs.length - 1]!, 'bins');
}

/** Adds a bin, or changes the one with its code (bringing it back if it was removed); `stock`, when given, replaces what it held. Returns whether it was new. */
export async function putBin(tx: Queryable, warehouseId: string, input: PutBinRequest): Promise<{ id: string; created: boolean }> {
  const code = binCodeOf(input);
  const rev = await nextRev(tx);
  const [clash] = await tx.query<{ code: string }>(
    'select code from bin_locations where warehouse_id = $1 and barcode = $2 and code <> $3 and removed_at is null',
    [warehouseId, input.barcode, code],
  );
  if (clash) throw problems.conflict('bin_barcode_taken', `barcode ${input.barcode} already labels bin ${clash.code}`);
  const [row] = await tx.query<{ id: string; created: boolean }>(
    `insert into bin_locations (id, warehouse_id, zone, aisle, bay, level, bin, code, barcode, walk_order, rev)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
     on conflict (warehouse_id, code) do update set barcode = excluded.barcode, walk_order = excluded.walk_order, rev = excluded.rev,
       updated_at = now(), removed_at = null
     returning id, (xmax = 0) as created`,
    [
      crypto.randomUUID(),
      warehouseId,
      input.zone,
      input.aisle,
      input.bay,
      input.level,
      input.bin,
      code,
      input.barcode,
      input.walkOrder,
      rev,
    ],
  );
  if (input.stock) {
    await tx.query('delete from bin_stock where bin_id = $1', [row!.id]);
    await insertStock(tx, row!.id, input.stock);
  }
  await notifyChange(tx, warehouseId, rev, 'bins');
  return { id: row!.id, created: Boolean(row!.created) };
}

async function insertStock(tx: Queryable, binId: string, stock: readonly BinStock[]): Promise<void> {
  const bySku = new Map<string, number>();
  for (const s of stock) bySku.set(s.sku, (bySku.get(s.sku) ?? 0) + s.quantity);
  if (!bySku.size) return;
  await tx.query(
    `insert into bin_stock (bin_id, sku, quantity) select $1, sku, qty from unnest($2::text[], $3::int[]) as t(sku, qty)
     on conflict (bin_id, sku) do update set quantity = excluded.quantity`,
    [binId, [...bySku.keys()], [...bySku.values()]],
  );
}

/** The bin of a warehouse, in use, or 404. */
export async function requireBin(q: Queryable, warehouseId: string, binId: string, forUpdate = false): Promise<Row<'bin_locations'>> {
  const [row] = await q.query<Row<'bin_locations'>>(
    `select * from bin_locations where id = $1 and warehouse_id = $2 and removed_at is null${forUpdate ? ' for update' : ''}`,
    [binId, warehouseId],
  );
  if (!row) throw problems.notFound(`bin ${binId}`);
  return row;
}

/**
 * Removes a bin that holds nothing: it leaves the list, and the warehouse's stations pull its
 * removal. One with units in it is refused (count them out or move them first): a picker would
 * otherwise be sent to stock the warehouse no longer shows. Answers the bin as it was.
 */
export async function removeBin(tx: Queryable, warehouseId: string, binId: string): Promise<Row<'bin_locations'>> {
  const bin = await requireBin(tx, warehouseId, binId, true);
  const held = await tx.query<{ sku: string; quantity: number }>(
    'select sku, quantity from bin_stock where bin_id = $1 and quantity > 0 order by sku',
    [binId],
  );
  if (held.length)
    throw problems.conflict(
      'bin_not_empty',
      `bin ${bin.code} still holds ${held.map((h) => `${Number(h.quantity)} × ${h.sku}`).join(', ')}: count it empty or move the units first`,
    );
  await tx.query('delete from bin_stock where bin_id = $1', [binId]);
  const rev = await nextRev(tx);
  await tx.query('update bin_locations set removed_at = now(), rev = $2, updated_at = now() where id = $1', [binId, rev]);
  await notifyChange(tx, warehouseId, rev, 'bins');
  return bin;
}

/** The units of `sku` counted in a bin. */
export async function setBinStock(tx: Queryable, warehouseId: string, binId: string, sku: string, quantity: number): Promise<number> {
  await requireBin(tx, warehouseId, binId, true);
  const [before] = await tx.query<{ quantity: number }>('select quantity from bin_stock where bin_id = $1 and sku = $2', [binId, sku]);
  await insertStock(tx, binId, [{ sku, quantity }]);
  await bumpRevs(tx, warehouseId, [binId]);
  return before ? Number(before.quantity) : 0;
}

/**
 * Units that left bins (picked into totes, or found missing): each bin's quantity of the SKU
 * goes down by `taken`, or becomes `remaining` when the picker counted what was left. A bin of
 * another warehouse, or one that is gone, is skipped (the event is still on the record).
 */
export async function takeFromBins(
  tx: Queryable,
  warehouseId: string,
  moves: readonly { binId: string; sku: string; taken: number; remaining: number | null }[],
): Promise<void> {
  if (!moves.length) return;
  const ids = [...new Set(moves.map((m) => m.binId))].sort();
  const owned = await tx.query<{ id: string }>(
    'select id from bin_locations where warehouse_id = $1 and id = any($2::uuid[]) and removed_at is null order by id for update',
    [warehouseId, ids],
  );
  const ours = new Set(owned.map((b) => b.id));
  for (const m of moves) {
    if (!ours.has(m.binId)) continue;
    await tx.query(
      `insert into bin_stock (bin_id, sku, quantity) values ($1, $2, $3)
       on conflict (bin_id, sku) do update set quantity = case when $4::int is null then greatest(bin_stock.quantity - $5, 0) else $4::int end`,
      [m.binId, m.sku, m.remaining ?? 0, m.remaining, m.taken],
    );
  }
  await bumpRevs(tx, warehouseId, [...ours]);
}

/** A warehouse's bins in walk order, with their stock. */
export async function listBins(q: Queryable, warehouseId: string, limit = 5000): Promise<BinLocationDocument[]> {
  const rows = await q.query<Row<'bin_locations'>>(
    'select * from bin_locations where warehouse_id = $1 and removed_at is null order by walk_order, code limit $2',
    [warehouseId, limit],
  );
  return binDocuments(q, rows);
}

export async function binDocuments(q: Queryable, rows: readonly Row<'bin_locations'>[]): Promise<BinLocationDocument[]> {
  if (!rows.length) return [];
  const stock = await q.query<{ bin_id: string; sku: string; quantity: number }>(
    'select bin_id, sku, quantity from bin_stock where bin_id = any($1::uuid[]) order by sku',
    [rows.map((r) => r.id)],
  );
  const byBin = new Map<string, BinStock[]>();
  for (const s of stock) byBin.set(s.bin_id, [...(byBin.get(s.bin_id) ?? []), { sku: s.sku, quantity: Number(s.quantity) }]);
  return rows.map((r) => ({
    id: r.id,
    warehouseId: r.warehouse_id,
    zone: r.zone,
    aisle: r.aisle,
    bay: r.bay,
    level: r.level,
    bin: r.bin,
    code: r.code,
    barcode: r.barcode,
    walkOrder: Number(r.walk_order),
    stock: byBin.get(r.id) ?? [],
    updatedAt: toIso(r.updated_at),
  }));
}

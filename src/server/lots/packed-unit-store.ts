import type { Queryable } from '../db/database';
import type { Row } from '../db/schema';
import { toIso } from '../db/database';
import type { TrackedUnits } from '../../shared/domain/unit-tracking';

/** One packed lot or serial (table packed_units): which package of which order holds it. */
export interface PackedUnitRow {
  id: string;
  packageId: string;
  fulfillmentOrderId: string;
  orderId: string;
  warehouseId: string;
  lineId: string;
  sku: string;
  unit: TrackedUnits;
  packedAt: string;
}

/** Where a serial was packed: the package and the orders it belongs to. */
export interface PackedSerial {
  sku: string;
  serial: string;
  packageId: string;
  fulfillmentOrderId: string;
  orderId: string;
  orderNumber: string | null;
  warehouseId: string;
  packedAt: string;
}

export const serialKey = (sku: string, serial: string) => `${sku}\u0000${serial}`;

interface SerialRow {
  sku: string;
  serial: string;
  package_id: string;
  fulfillment_order_id: string;
  order_id: string;
  number: string | null;
  warehouse_id: string;
  packed_at: unknown;
}

const SERIAL_COLUMNS = `p.sku, p.serial, p.package_id, p.fulfillment_order_id, p.order_id, o.number, p.warehouse_id, p.packed_at
  from packed_units p left join orders o on o.id = p.order_id`;

function packedSerialOf(r: SerialRow): PackedSerial {
  return {
    sku: r.sku,
    serial: r.serial,
    packageId: r.package_id,
    fulfillmentOrderId: r.fulfillment_order_id,
    orderId: r.order_id,
    orderNumber: r.number,
    warehouseId: r.warehouse_id,
    packedAt: toIso(r.packed_at),
  };
}

/** The packed serials among `pairs`, by serialKey. */
export async function findPackedSerials(
  q: Queryable,
  pairs: readonly { sku: string; serial: string }[],
): Promise<Map<string, PackedSerial>> {
  if (!pairs.length) return new Map();
  const rows = await q.query<SerialRow>(
    `select ${SERIAL_COLUMNS}
      join unnest($1::text[], $2::text[]) as t(sku, serial) on t.sku = p.sku and t.serial = p.serial`,
    [pairs.map((p) => p.sku), pairs.map((p) => p.serial)],
  );
  return new Map(rows.map((r) => [serialKey(r.sku, r.serial), packedSerialOf(r)]));
}

/** Every package a serial number was packed in (one per SKU that has it), for returns and support. */
export async function packedSerialsNamed(q: Queryable, serial: string): Promise<PackedSerial[]> {
  const rows = await q.query<SerialRow>(`select ${SERIAL_COLUMNS} where p.serial = $1 order by p.packed_at, p.sku`, [serial]);
  return rows.map(packedSerialOf);
}

/** The lots and serials packed for an order, by package. */
export async function packedUnitsOfOrder(q: Queryable, orderId: string): Promise<PackedUnitRow[]> {
  const rows = await q.query<Row<'packed_units'>>(
    'select * from packed_units where order_id = $1 order by packed_at, package_id, sku, serial, lot',
    [orderId],
  );
  return rows.map((r) => ({
    id: r.id,
    packageId: r.package_id,
    fulfillmentOrderId: r.fulfillment_order_id,
    orderId: r.order_id,
    warehouseId: r.warehouse_id,
    lineId: r.line_id,
    sku: r.sku,
    unit: { serial: r.serial, lot: r.lot, expiry: r.expiry, quantity: Number(r.quantity) },
    packedAt: toIso(r.packed_at),
  }));
}

/** Records packed units in one statement; a serial recorded before stays with its first package. */
export async function recordPackedUnits(tx: Queryable, rows: readonly PackedUnitRow[]): Promise<void> {
  if (!rows.length) return;
  await tx.query(
    `insert into packed_units (id, package_id, fulfillment_order_id, order_id, warehouse_id, line_id, sku, serial, lot, expiry, quantity, packed_at)
     select * from unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::uuid[], $6::uuid[], $7::text[], $8::text[], $9::text[], $10::text[], $11::int[], $12::timestamptz[])
     on conflict do nothing`,
    [
      rows.map((r) => r.id),
      rows.map((r) => r.packageId),
      rows.map((r) => r.fulfillmentOrderId),
      rows.map((r) => r.orderId),
      rows.map((r) => r.warehouseId),
      rows.map((r) => r.lineId),
      rows.map((r) => r.sku),
      rows.map((r) => r.unit.serial),
      rows.map((r) => r.unit.lot),
      rows.map((r) => r.unit.expiry),
      rows.map((r) => r.unit.quantity),
      rows.map((r) => r.packedAt),
    ],
  );
}

/** Voided packages' lots and serials are no longer packed: they may go into another package. */
export async function releasePackedUnits(tx: Queryable, packageIds: readonly string[]): Promise<void> {
  if (!packageIds.length) return;
  await tx.query('delete from packed_units where package_id = any($1::uuid[])', [packageIds]);
}

/**
 * Lots and serials (issue #13). `sku_tracking` is the per-SKU flag (no row: not tracked), stamped
 * on the fulfillment lines stations replicate. `packed_units` is every lot and serial packed, by
 * package: a serial of a SKU is packed once (the unique index is the server's last word), and a
 * returned unit is matched to the package it shipped in: a return line keeps the serials its
 * order line shipped with (`return_lines.shipped_serials`), which the returns desk replicates.
 */
export const sql = /* sql */ `
create table sku_tracking (
  sku text primary key,
  tracking text not null check (tracking in ('lot', 'serial')),
  updated_at timestamptz not null default now()
);

create table packed_units (
  id uuid primary key,
  package_id uuid not null,
  fulfillment_order_id uuid not null references fulfillment_orders(id),
  order_id uuid not null references orders(id),
  warehouse_id uuid not null,
  line_id uuid not null,
  sku text not null,
  serial text,
  lot text,
  expiry text check (expiry ~ '^\\d{4}-\\d{2}-\\d{2}$'),
  quantity integer not null check (quantity > 0),
  packed_at timestamptz not null,
  check ((serial is null) <> (lot is null)),
  check (serial is null or quantity = 1)
);
create unique index packed_units_sku_serial on packed_units (sku, serial) where serial is not null;
create index packed_units_order on packed_units (order_id);
create index packed_units_serial on packed_units (serial) where serial is not null;

alter table return_lines add column shipped_serials jsonb;
`;

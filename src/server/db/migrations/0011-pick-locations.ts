/**
 * Pick before pack (src/server/picking/): a warehouse's pick mode, its bin locations (address,
 * label barcode, place on the walk) and the units of each SKU in each bin. Bins replicate to the
 * warehouse's stations (sync collection `bins`) on the shared revision counter. Bin stock is a
 * breakdown of the warehouse's on hand (inventory), never added to it.
 */
export const sql = /* sql */ `
create table warehouse_pick_modes (
  warehouse_id uuid primary key references warehouses(id),
  mode text not null check (mode in ('pack-only', 'pick-and-pack')),
  updated_at timestamptz not null default now()
);

create table bin_locations (
  id uuid primary key,
  warehouse_id uuid not null references warehouses(id),
  zone text not null,
  aisle text not null,
  bay text not null,
  level text not null,
  bin text not null,
  code text not null,
  barcode text not null,
  walk_order integer not null,
  rev bigint not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (warehouse_id, code),
  unique (warehouse_id, barcode)
);
create index bin_locations_warehouse_rev on bin_locations (warehouse_id, rev);

create table bin_stock (
  bin_id uuid not null references bin_locations(id),
  sku text not null,
  quantity integer not null check (quantity >= 0),
  primary key (bin_id, sku)
);
`;

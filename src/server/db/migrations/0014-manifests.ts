/**
 * End of day and return labels (issue 12). A manifest closes out one carrier at one warehouse:
 * the packages shipped since its last manifest. `manifest_packages.package_id` is the key, so a
 * package is on one manifest at most, whoever closes out at the same time. A return label is the
 * RMA's one label, numbered from the carrier account's counter (or bought, later, through an adapter).
 */
export const sql = /* sql */ `
create table manifests (
  id uuid primary key,
  warehouse_id uuid not null references warehouses(id),
  carrier text not null,
  sequence integer not null,
  package_count integer not null,
  total_weight_grams bigint not null,
  unweighed_count integer not null,
  closed_at timestamptz not null default now(),
  closed_by jsonb not null,
  unique (warehouse_id, carrier, sequence)
);
create index manifests_closed_idx on manifests (warehouse_id, closed_at);

create table manifest_packages (
  package_id uuid primary key,
  manifest_id uuid not null references manifests(id),
  fulfillment_order_id uuid not null references fulfillment_orders(id),
  order_id uuid not null references orders(id),
  order_number text not null,
  service text,
  tracking_number text,
  weight_grams integer,
  shipped_at timestamptz not null
);
create index manifest_packages_manifest_idx on manifest_packages (manifest_id, shipped_at);

create table return_labels (
  return_id uuid primary key references returns(id),
  account_id uuid not null references carrier_accounts(id),
  carrier text not null,
  service_code text not null,
  service_name text not null,
  tracking_number text not null unique,
  tracking_url text not null,
  source text not null check (source in ('block', 'adapter')),
  created_at timestamptz not null default now(),
  created_by jsonb not null
);
`;

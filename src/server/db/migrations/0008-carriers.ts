/**
 * Carriers (issue 12): carrier accounts per warehouse with their services, a warehouse's ordered
 * shipping rules, and the tracking-number blocks handed to stations. `next_serial` is the one
 * counter per account: a block is carved from it in the same statement that moves it, so no
 * serial is ever handed out twice (carriers/tracking-blocks.ts).
 */
export const sql = /* sql */ `
create table carrier_accounts (
  id uuid primary key,
  warehouse_id uuid not null references warehouses(id),
  carrier text not null,
  account_number text not null,
  usps_channel text not null,
  name text not null,
  label_format text not null,
  -- Sealed like webhook secrets (webhooks/secret-box.ts): JSON of the named credentials.
  credentials text,
  credential_names jsonb not null default '[]',
  block_size integer not null,
  low_water integer not null,
  active boolean not null default true,
  next_serial bigint not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  -- One counter per shipper number / mailer id, whichever warehouse uses it.
  unique (carrier, account_number)
);
create index carrier_accounts_warehouse_idx on carrier_accounts (warehouse_id);

create table carrier_services (
  account_id uuid not null references carrier_accounts(id) on delete cascade,
  code text not null,
  name text not null,
  position integer not null,
  primary key (account_id, code)
);

create table shipping_rules (
  warehouse_id uuid not null references warehouses(id),
  position integer not null,
  name text not null,
  conditions jsonb not null,
  account_id uuid not null references carrier_accounts(id),
  service_code text not null,
  primary key (warehouse_id, position)
);

create table tracking_blocks (
  id uuid primary key,
  account_id uuid not null references carrier_accounts(id),
  station_id uuid not null references stations(id),
  first_serial bigint not null,
  last_serial bigint not null,
  issued_at timestamptz not null default now()
);
create index tracking_blocks_account_idx on tracking_blocks (account_id, first_serial);
`;

/** Warehouses, credentials, orders, routing, fulfillment orders, the timeline and sync bookkeeping. */
export const sql = /* sql */ `
create table warehouses (
  id uuid primary key,
  code text not null unique,
  name text not null,
  priority integer not null default 100,
  address jsonb,
  created_at timestamptz not null default now()
);

create table api_keys (
  id uuid primary key,
  name text not null,
  role text not null,
  warehouse_id uuid references warehouses(id),
  -- First 12 hex of the key's SHA-256: finds the candidate rows; the scrypt hash proves the key.
  lookup_prefix text not null,
  secret_hash text not null,
  created_at timestamptz not null default now(),
  revoked_at timestamptz
);
create index api_keys_lookup_idx on api_keys (lookup_prefix);

create table stations (
  id uuid primary key,
  name text not null,
  warehouse_id uuid not null references warehouses(id),
  enrollment_code_hash text,
  enrollment_expires_at timestamptz,
  credential_hash text,
  enrolled_at timestamptz,
  revoked_at timestamptz,
  last_seq bigint not null default 0,
  last_seen_at timestamptz,
  created_at timestamptz not null default now()
);

-- Daily document numbers (ORD-YYYYMMDD-NNNNN): one row per prefix and day, bumped in the order's transaction.
create table number_sequences (
  prefix text not null,
  day text not null,
  last integer not null,
  primary key (prefix, day)
);

create table orders (
  id uuid primary key,
  number text not null unique,
  status text not null,
  payment_status text not null,
  order_type text not null,
  channel text not null,
  customer_id text,
  customer_name text not null,
  customer_email text,
  currency char(3) not null,
  total_minor bigint not null,
  doc jsonb not null,
  version integer not null default 1,
  created_at timestamptz not null,
  updated_at timestamptz not null
);
create index orders_status_idx on orders (status);
create index orders_created_idx on orders (created_at);

create table inventory (
  warehouse_id uuid not null references warehouses(id),
  sku text not null,
  on_hand integer not null default 0,
  reserved integer not null default 0,
  primary key (warehouse_id, sku),
  check (reserved >= 0),
  check (on_hand >= 0)
);

-- Sync revisions: every change a station may pull takes the next value (see sync/revisions.ts).
create sequence sync_rev;

create table fulfillment_orders (
  id uuid primary key,
  order_id uuid not null references orders(id),
  warehouse_id uuid not null references warehouses(id),
  status text not null,
  claimed_by uuid references stations(id),
  doc jsonb not null,
  rev bigint not null,
  created_at timestamptz not null,
  updated_at timestamptz not null
);
create index fulfillment_orders_order_idx on fulfillment_orders (order_id);
create index fulfillment_orders_sync_idx on fulfillment_orders (warehouse_id, rev);

-- A document that left a warehouse's scope: stations of that warehouse pull it as deleted.
create table sync_tombstones (
  collection text not null,
  doc_id uuid not null,
  warehouse_id uuid not null,
  rev bigint not null,
  primary key (collection, doc_id, warehouse_id)
);
create index sync_tombstones_sync_idx on sync_tombstones (warehouse_id, rev);

create table backorders (
  id uuid primary key,
  order_id uuid not null references orders(id),
  line_id uuid not null,
  sku text not null,
  quantity integer not null check (quantity > 0),
  status text not null,
  warehouse_id uuid references warehouses(id),
  created_at timestamptz not null,
  updated_at timestamptz not null
);
create index backorders_waiting_idx on backorders (sku, status, created_at);

-- The append-only timeline. Station events keep their (station_id, station_seq): the idempotency key.
create table timeline_events (
  position bigint generated always as identity primary key,
  id uuid not null unique,
  type text not null,
  order_id uuid,
  fulfillment_order_id uuid,
  entity_ids jsonb not null default '{}',
  payload jsonb not null default '{}',
  actor jsonb not null,
  station_id uuid,
  station_seq bigint,
  occurred_at timestamptz not null,
  recorded_at timestamptz not null default now(),
  outcome text not null default 'applied',
  outcome_code text,
  outcome_message text,
  unique (station_id, station_seq)
);
create index timeline_events_order_idx on timeline_events (order_id, position);

create table tasks (
  id uuid primary key,
  kind text not null,
  status text not null default 'open',
  title text not null,
  order_id uuid,
  fulfillment_order_id uuid,
  event_id uuid,
  warehouse_id uuid,
  detail jsonb not null default '{}',
  created_at timestamptz not null default now(),
  resolved_at timestamptz
);
`;

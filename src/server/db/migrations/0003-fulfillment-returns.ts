/**
 * Routing configuration (channel strategies, dropship suppliers), backorder queue ordering,
 * package details and tracking, returns (RMA) and the refund requests they raise.
 */
export const sql = /* sql */ `
-- A dropship supplier is a fulfillment location too (as Shopify models fulfillment services):
-- its fulfillment orders go through the same documents, packages and tracking, but it holds no
-- inventory of ours and no station pulls its work.
alter table warehouses add column kind text not null default 'warehouse';
alter table warehouses add constraint warehouses_kind_check check (kind in ('warehouse', 'dropship'));

create table suppliers (
  id uuid primary key,
  code text not null unique,
  name text not null,
  warehouse_id uuid not null unique references warehouses(id),
  priority integer not null default 100,
  active boolean not null default true,
  created_at timestamptz not null default now()
);

create table supplier_products (
  supplier_id uuid not null references suppliers(id),
  sku text not null,
  lead_time_days integer not null default 0 check (lead_time_days >= 0),
  -- Units the supplier says it can ship; null when it does not report stock (always accepts).
  available integer check (available >= 0),
  primary key (supplier_id, sku)
);
create index supplier_products_sku_idx on supplier_products (sku);

-- Per sales channel: how lines pick a warehouse. Channels without a row use the default policy.
create table channel_routing (
  channel text primary key,
  strategy text not null check (strategy in ('priority', 'most_stock')),
  -- Warehouse ids ranked first for this channel, before the others' global priority.
  warehouse_order jsonb not null default '[]',
  prefer_single_warehouse boolean not null default true,
  split_lines boolean not null default true,
  allow_dropship boolean not null default true,
  updated_at timestamptz not null default now()
);

-- Backorder queue: higher priority first, then oldest first (FIFO). A split keeps its place.
alter table backorders add column priority integer not null default 0;
alter table backorders add column fulfillment_order_id uuid references fulfillment_orders(id);
alter table backorders add column split_from uuid references backorders(id);
alter table backorders add column note text;
create index backorders_queue_idx on backorders (sku, status, priority desc, created_at, id);
create index backorders_order_idx on backorders (order_id);

-- Finds the fulfillment order holding a package (station-created packages live only in the document).
create index fulfillment_orders_packages_idx on fulfillment_orders using gin ((doc -> 'packages') jsonb_path_ops);
create index fulfillment_orders_status_idx on fulfillment_orders (warehouse_id, status, created_at);

-- What the replicated document does not carry about a package: service, dimensions, all
-- tracking numbers, the label reference. Keyed by the package id the document uses.
create table package_details (
  package_id uuid primary key,
  fulfillment_order_id uuid not null references fulfillment_orders(id),
  order_id uuid not null references orders(id),
  service text,
  dimensions jsonb,
  tracking_numbers jsonb not null default '[]',
  label jsonb,
  void_reason text,
  delivered_at timestamptz,
  updated_at timestamptz not null
);
create index package_details_order_idx on package_details (order_id);

create table tracking_events (
  id uuid primary key,
  package_id uuid not null,
  status text not null,
  description text,
  location text,
  -- The carrier's own event id: a redelivered carrier update is recorded once.
  external_id text,
  occurred_at timestamptz not null,
  recorded_at timestamptz not null default now(),
  actor jsonb not null,
  unique (package_id, external_id)
);
create index tracking_events_package_idx on tracking_events (package_id, occurred_at);

-- Returns (RMA). rev takes the sync revision counter so stations can replicate returns later.
create table returns (
  id uuid primary key,
  number text not null unique,
  order_id uuid not null references orders(id),
  warehouse_id uuid references warehouses(id),
  status text not null,
  resolution text not null check (resolution in ('refund', 'store_credit', 'exchange')),
  method text not null check (method in ('ship', 'dropoff', 'pickup')),
  customer_note text,
  rejection_reason text,
  replacement_order_id uuid references orders(id),
  refund_request_id uuid,
  milestones jsonb not null default '{}',
  rev bigint not null,
  version integer not null default 1,
  created_at timestamptz not null,
  updated_at timestamptz not null
);
create index returns_order_idx on returns (order_id);
create index returns_status_idx on returns (status, created_at);
create index returns_sync_idx on returns (warehouse_id, rev);

create table return_lines (
  id uuid primary key,
  return_id uuid not null references returns(id),
  position integer not null,
  order_line_id uuid not null,
  sku text not null,
  barcode text,
  name text not null,
  quantity integer not null check (quantity > 0),
  received_quantity integer not null default 0 check (received_quantity >= 0 and received_quantity <= quantity),
  reason_code text not null,
  reason_note text,
  -- Exchange: what the replacement order ships instead (null: the same item again).
  exchange_sku text,
  exchange_name text,
  exchange_barcode text,
  -- One entry per inspected unit: condition grade, disposition, notes, inspectedAt, actor.
  units jsonb not null default '[]',
  unique (return_id, position)
);
create index return_lines_return_idx on return_lines (return_id);
create index return_lines_order_line_idx on return_lines (order_line_id);

-- A refund the payments code must execute. Written here, read and settled by payments:
-- status requested -> processing -> refunded | failed; cancelled if withdrawn.
create table refund_requests (
  id uuid primary key,
  order_id uuid not null references orders(id),
  source text not null check (source in ('return', 'backorder_cancelled')),
  return_id uuid references returns(id),
  backorder_id uuid references backorders(id),
  status text not null default 'requested' check (status in ('requested', 'processing', 'refunded', 'failed', 'cancelled')),
  method text not null check (method in ('original_payment', 'store_credit')),
  currency char(3) not null,
  amount_minor bigint not null check (amount_minor >= 0),
  items_minor bigint not null,
  discount_minor bigint not null,
  tax_minor bigint not null,
  shipping_minor bigint not null,
  -- [{orderLineId, sku, quantity, itemsMinor, discountMinor, taxMinor, amountMinor, firstUnit}]
  lines jsonb not null,
  reason text not null,
  requested_by jsonb not null,
  payment_reference text,
  failure_reason text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index refund_requests_status_idx on refund_requests (status, created_at);
create index refund_requests_order_idx on refund_requests (order_id);
`;

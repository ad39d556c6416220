/** The order lifecycle API: idempotency records, notes, payments, refunds, inbound payment webhooks. */
export const sql = /* sql */ `
-- One row per (principal, Idempotency-Key): written in the mutation's own transaction, so a
-- retried request sees either nothing (the first one failed and rolled back) or its stored response.
create table idempotency_keys (
  principal_id text not null,
  key text not null,
  request_hash text not null,
  method text not null,
  path text not null,
  status integer,
  headers jsonb not null default '{}',
  -- The response body as sent (text, not jsonb, so a replay is byte-for-byte the same).
  body text,
  created_at timestamptz not null default now(),
  primary key (principal_id, key)
);
create index idempotency_keys_created_idx on idempotency_keys (created_at);

create table order_notes (
  id uuid primary key,
  order_id uuid not null references orders(id),
  visibility text not null,
  text text not null,
  author jsonb not null,
  created_at timestamptz not null
);
create index order_notes_order_idx on order_notes (order_id, created_at);

-- Payments are references to the gateway's records (never card data), kept for reconciliation.
create table payments (
  id uuid primary key,
  order_id uuid not null references orders(id),
  provider text not null,
  reference text not null,
  status text not null,
  amount_minor bigint not null,
  currency char(3) not null,
  failure_reason text,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  unique (order_id, provider, reference)
);

create table refunds (
  id uuid primary key,
  order_id uuid not null references orders(id),
  amount_minor bigint not null check (amount_minor > 0),
  shipping_minor bigint not null default 0,
  currency char(3) not null,
  -- cancellation: pays back units taken off the order; return / adjustment: the order total stays.
  kind text not null,
  reason text not null,
  destination text not null,
  lines jsonb not null default '[]',
  status text not null,
  provider_reference text,
  refund_request_id uuid,
  actor jsonb not null,
  created_at timestamptz not null
);
create index refunds_order_idx on refunds (order_id, created_at);
create unique index refunds_provider_reference_idx on refunds (order_id, provider_reference) where provider_reference is not null;

-- Inbound payment webhook deliveries, by the gateway's event id: a redelivery is answered, not reapplied.
create table payment_webhook_events (
  event_id text primary key,
  type text not null,
  order_id uuid,
  payload jsonb not null,
  outcome text not null,
  outcome_code text,
  received_at timestamptz not null default now()
);

-- Tasks (table from 0001) get a version for If-Match, and an index for the open-task queue.
alter table tasks add column if not exists version integer not null default 1;
create index if not exists tasks_status_idx on tasks (status, created_at);
create index if not exists tasks_order_idx on tasks (order_id);

create index orders_customer_idx on orders (customer_id);
create index orders_payment_status_idx on orders (payment_status);
create index orders_channel_idx on orders (channel);
create index timeline_events_recorded_idx on timeline_events (recorded_at);
`;

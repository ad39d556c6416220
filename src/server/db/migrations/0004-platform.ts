/**
 * Platform: people who sign in at stations, outgoing webhooks and their deliveries, async
 * export/import jobs. Filled in before any release, never edited after.
 */
export const sql = /* sql */ `
-- People. They sign in at a station by badge or PIN, offline too, from a synced hashed list
-- (GET /v1/sync/users). The PIN is kept only as a scrypt hash, the badge only as its SHA-256.
create table users (
  id uuid primary key,
  name text not null,
  role text not null check (role in ('admin', 'supervisor', 'packer', 'returns')),
  -- null: not bound to a warehouse (admins, roaming supervisors); signs in at every station.
  warehouse_id uuid references warehouses(id),
  badge_hash text unique,
  pin_hash text not null,
  active boolean not null default true,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  deactivated_at timestamptz
);
create index users_warehouse_idx on users (warehouse_id) where active;

-- Outgoing webhooks. The signing secret must be usable to sign, so it is stored sealed
-- (AES-256-GCM under DOCKSIDE_SECRET_KEY) when a key is configured; see webhooks/secret-box.ts.
create table webhooks (
  id uuid primary key,
  url text not null,
  events text[] not null,
  secret text not null,
  secret_hint text not null,
  description text,
  active boolean not null default true,
  created_by jsonb not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

-- One row per (webhook, timeline event): the delivery and its attempt log.
create table webhook_deliveries (
  id uuid primary key,
  webhook_id uuid not null references webhooks(id) on delete cascade,
  event_id uuid,
  event_position bigint,
  event_type text not null,
  -- Only for test pings; timeline deliveries read their (append-only) event when sent.
  payload jsonb,
  status text not null default 'pending' check (status in ('pending', 'succeeded', 'failed')),
  attempts integer not null default 0,
  -- null: the server's DOCKSIDE_WEBHOOK_MAX_ATTEMPTS; set for test pings (1) and redeliveries.
  max_attempts integer,
  next_attempt_at timestamptz not null default now(),
  -- A worker that took the delivery holds it until then; a crashed worker's lease runs out.
  locked_until timestamptz,
  last_attempt_at timestamptz,
  last_status_code integer,
  last_error text,
  attempt_log jsonb not null default '[]',
  created_at timestamptz not null default now(),
  completed_at timestamptz
);
create index webhook_deliveries_due_idx on webhook_deliveries (next_attempt_at) where status = 'pending';
create index webhook_deliveries_webhook_idx on webhook_deliveries (webhook_id, created_at desc, id);

-- The names a timeline event is published under: its type, the dotted form (order-created ->
-- order.created), and for status changes order.<new status> (order.confirmed, order.shipped...).
create function dockside_webhook_event_names(t text, payload jsonb) returns text[] language sql immutable as $fn$
  select array_remove(array[
    t,
    replace(t, '-', '.'),
    case when t = 'order-status-changed' and payload ? 'to' then 'order.' || (payload->>'to') end,
    case when t in ('return-requested', 'return-created') then 'return.created' end
  ], null)
$fn$;

-- Deliveries are enqueued by the database in the transaction that writes the event: a delivery
-- exists exactly when its event committed, whichever process or code path wrote it, and no
-- poller has to guess whether a lower position is still uncommitted.
create function dockside_enqueue_webhook_deliveries() returns trigger language plpgsql as $fn$
declare
  names text[];
  n integer;
begin
  if new.outcome = 'rejected' then
    return null;
  end if;
  names := dockside_webhook_event_names(new.type, new.payload);
  insert into webhook_deliveries (id, webhook_id, event_id, event_position, event_type)
    select gen_random_uuid(), w.id, new.id, new.position, new.type
      from webhooks w
     where w.active and (w.events && names or '*' = any (w.events));
  get diagnostics n = row_count;
  if n > 0 then
    perform pg_notify('dockside_webhooks', '');
  end if;
  return null;
end
$fn$;
create trigger timeline_events_webhooks after insert on timeline_events
  for each row execute function dockside_enqueue_webhook_deliveries();

-- Async jobs (exports, imports). Any server process may run a queued job (SKIP LOCKED + lease).
create table jobs (
  id uuid primary key,
  kind text not null check (kind in ('export', 'import')),
  status text not null default 'queued' check (status in ('queued', 'running', 'succeeded', 'failed')),
  format text not null check (format in ('csv', 'ndjson')),
  params jsonb not null default '{}',
  -- A warehouse-bound principal's jobs only reach that warehouse's orders.
  warehouse_id uuid references warehouses(id),
  created_by jsonb not null,
  progress jsonb not null default '{}',
  result jsonb,
  error text,
  attempts integer not null default 0,
  locked_until timestamptz,
  created_at timestamptz not null default now(),
  started_at timestamptz,
  finished_at timestamptz
);
create index jobs_queued_idx on jobs (created_at) where status in ('queued', 'running');

-- Job input (an uploaded import) and output (an export), in chunks, so every process can serve them.
create table job_files (
  job_id uuid not null references jobs(id) on delete cascade,
  role text not null check (role in ('input', 'output')),
  chunk integer not null,
  data text not null,
  primary key (job_id, role, chunk)
);

-- Lookups the reconciliation report and imports make.
create index orders_status_updated_idx on orders (status, updated_at);
-- The order list filtered by status, newest first.
create index orders_status_created_idx on orders (status, created_at, id);
create index orders_external_reference_idx on orders ((doc->>'externalReference')) where doc->>'externalReference' is not null;
`;

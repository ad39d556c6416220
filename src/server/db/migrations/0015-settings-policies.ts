/**
 * Settings and automation policies (src/server/settings, src/server/policies), and the customer
 * notifications they and the order flow were missing: a split order, a cancellation, a return
 * authorized and received. Never edited after release.
 */
export const sql = /* sql */ `
-- The tenant's settings: one typed document (src/shared/api/settings.ts), replaced whole under a
-- version check, so two admins saving at once cannot lose each other's change.
create table settings (
  id smallint primary key default 1 check (id = 1),
  doc jsonb not null,
  version integer not null,
  updated_by jsonb,
  updated_at timestamptz not null default now()
);
insert into settings (id, doc, version) values (1, '{}', 1);

-- The policy scheduler's queue: one row per policy, due at next_run_at (the scheduler's clock),
-- taken under a lease (for update skip locked) by one server process at a time.
create table policy_schedule (
  policy text primary key,
  next_run_at timestamptz not null default now(),
  locked_until timestamptz,
  last_run_at timestamptz,
  last_result jsonb
);
insert into policy_schedule (policy) values ('cancelUnpaid'), ('autoConfirm'), ('partialShipments'), ('reviewHold'), ('retention');

-- What a policy did to an order, once: a hold a supervisor released is not placed again.
create table policy_actions (
  policy text not null,
  order_id uuid not null references orders(id),
  action text not null,
  acted_at timestamptz not null default now(),
  detail jsonb not null default '{}',
  primary key (policy, order_id, action)
);

-- Notifications: a cancellation and a return are news to the customer too.
create or replace function dockside_notification_event(t text, payload jsonb) returns text language sql immutable as $fn$
  select case
    when t = 'order-status-changed' and payload->>'from' is distinct from 'on_hold' then
      case payload->>'to'
        when 'confirmed' then 'order.confirmed'
        when 'partially_shipped' then 'order.partially_shipped'
        when 'shipped' then 'order.shipped'
        when 'delivered' then 'order.delivered'
        when 'cancelled' then 'order.cancelled'
      end
    when t = 'order-status-changed' and payload->>'to' = 'cancelled' then 'order.cancelled'
    when t = 'line-backordered' then 'order.backordered'
    when t = 'refund-created' then 'order.refunded'
    when t = 'return-authorized' then 'order.return_authorized'
    when t = 'return-received' then 'order.return_received'
  end
$fn$;

-- As in 0009, plus a split: a fulfillment order created for an order that already had one from an
-- earlier transaction (a released backorder, a move) means the order now ships in more parts than
-- its confirmation said. recorded_at defaults to the transaction's start, so "earlier" is exact.
create or replace function dockside_enqueue_notifications() returns trigger language plpgsql as $fn$
declare
  ev text;
  n integer;
begin
  if new.outcome <> 'applied' or new.order_id is null then
    return null;
  end if;
  ev := dockside_notification_event(new.type, new.payload);
  if ev is null and new.type = 'fulfillment-order-created' and exists (
    select 1 from timeline_events e
     where e.order_id = new.order_id and e.type = 'fulfillment-order-created' and e.outcome = 'applied' and e.recorded_at < new.recorded_at
  ) then
    ev := 'order.split';
  end if;
  if ev is null then
    return null;
  end if;
  insert into notification_outbox (id, order_id, event, channel, timeline_event_id, tx_id)
    select gen_random_uuid(), new.order_id, ev, s.channel, new.id, txid_current()
      from notification_settings s
     where s.enabled and s.transport_configured and ev = any (s.events)
    on conflict (order_id, event, channel, tx_id) do nothing;
  get diagnostics n = row_count;
  if n > 0 then
    perform pg_notify('dockside_notifications', '');
  end if;
  return null;
end
$fn$;

update notification_settings
   set events = events || array['order.split', 'order.cancelled', 'order.return_authorized', 'order.return_received']
 where channel = 'email';
`;

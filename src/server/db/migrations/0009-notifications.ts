/**
 * Customer notifications (src/server/notifications): which events each channel sends, and the
 * outbox the background worker sends from, with its delivery log. Never edited after release.
 */
export const sql = /* sql */ `
-- Per channel: on or off, and which notification events it sends. Transport settings (SMTP host,
-- Slack URL, SMS account) are configuration, not data: they come from the environment.
create table notification_settings (
  channel text primary key check (channel in ('email', 'slack', 'sms')),
  enabled boolean not null,
  events text[] not null,
  -- Set by the first server process that starts with this channel's transport configured; until
  -- then its events are not enqueued (a server without SMTP fills no outbox). Never unset by a
  -- process that lacks it: rows it cannot send are logged as skipped instead.
  transport_configured boolean not null default false,
  updated_by jsonb,
  updated_at timestamptz not null default now()
);
insert into notification_settings (channel, enabled, events) values
  ('email', true, array['order.confirmed', 'order.partially_shipped', 'order.shipped', 'order.backordered', 'order.delivered', 'order.refunded']),
  ('slack', false, array['order.backordered', 'order.refunded']),
  ('sms', false, array['order.shipped', 'order.delivered']);

-- The outbox: one row per (order, event, channel, writing transaction). The recipient and the
-- content are resolved when sent, from the order and the (append-only) timeline event.
create table notification_outbox (
  id uuid primary key,
  order_id uuid not null references orders(id),
  event text not null,
  channel text not null check (channel in ('email', 'slack', 'sms')),
  timeline_event_id uuid,
  -- The transaction that wrote the fact: several facts of one kind in one transaction (three
  -- lines backordered at routing) make one notification.
  tx_id bigint not null,
  -- Set when a person asked for it (resend-confirmation).
  requested_by jsonb,
  status text not null default 'pending' check (status in ('pending', 'sent', 'failed', 'skipped')),
  attempts integer not null default 0,
  next_attempt_at timestamptz not null default now(),
  -- A worker that took the row holds it until then; a crashed worker's lease runs out.
  locked_until timestamptz,
  last_attempt_at timestamptz,
  last_error text,
  recipient text,
  subject text,
  locale text,
  provider_message_id text,
  attempt_log jsonb not null default '[]',
  created_at timestamptz not null default now(),
  sent_at timestamptz,
  unique (order_id, event, channel, tx_id)
);
create index notification_outbox_due_idx on notification_outbox (next_attempt_at) where status = 'pending';
create index notification_outbox_order_idx on notification_outbox (order_id, created_at);
create index notification_outbox_recent_idx on notification_outbox (created_at desc, id desc);

-- The customer notification a timeline event stands for, or null. A status regained after a hold
-- is not news to the customer.
create function dockside_notification_event(t text, payload jsonb) returns text language sql immutable as $fn$
  select case
    when t = 'order-status-changed' and payload->>'from' is distinct from 'on_hold' then
      case payload->>'to'
        when 'confirmed' then 'order.confirmed'
        when 'partially_shipped' then 'order.partially_shipped'
        when 'shipped' then 'order.shipped'
        when 'delivered' then 'order.delivered'
      end
    when t = 'line-backordered' then 'order.backordered'
    when t = 'refund-created' then 'order.refunded'
  end
$fn$;

-- Written by the database in the transaction that records the fact, like webhook deliveries: a
-- notification exists exactly when its event committed, whichever code path wrote it.
create function dockside_enqueue_notifications() returns trigger language plpgsql as $fn$
declare
  ev text;
  n integer;
begin
  if new.outcome <> 'applied' or new.order_id is null then
    return null;
  end if;
  ev := dockside_notification_event(new.type, new.payload);
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
create trigger timeline_events_notifications after insert on timeline_events
  for each row execute function dockside_enqueue_notifications();
`;

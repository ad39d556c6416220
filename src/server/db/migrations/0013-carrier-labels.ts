/**
 * Labels bought from a carrier API (issue 12, online half). An account either numbers its own
 * parcels from tracking-number blocks ('blocks') or buys each label through a multi-carrier API
 * ('easypost'). A bought label is claimed ('buying') before the carrier is called, so two
 * requests for one package never pay twice; the row then holds what the carrier answered, the
 * label bytes for reprints, and the refund's progress when it is voided.
 */
export const sql = /* sql */ `
alter table carrier_accounts add column label_source text not null default 'blocks';

create table carrier_labels (
  id uuid primary key,
  package_id uuid not null,
  fulfillment_order_id uuid not null references fulfillment_orders(id),
  account_id uuid not null references carrier_accounts(id),
  provider text not null,
  service_code text not null,
  -- buying, bought, refund_submitted, refunded, refund_rejected
  status text not null,
  claimed_at timestamptz not null default now(),
  shipment_id text,
  rate_id text,
  carrier_service text,
  tracking_number text,
  tracking_url text,
  label_format text,
  label_url text,
  -- The carrier's label file, base64: reprinted byte for byte without asking the carrier again.
  label_data text,
  amount_minor bigint,
  currency text,
  bought_by jsonb not null,
  bought_at timestamptz,
  voided_at timestamptz,
  void_reason text
);
create unique index carrier_labels_live_idx on carrier_labels (package_id) where status in ('buying', 'bought');
create index carrier_labels_tracking_idx on carrier_labels (account_id, tracking_number);
`;

/**
 * Return labels bought from a carrier API (an EasyPost account): the label keeps the carrier's
 * file and what it cost, and the purchase is claimed before the carrier is called (outside any
 * transaction), so two asks for one RMA never pay twice. A claim is removed when its label is
 * recorded or the carrier says no. A bought label not used can be voided for a refund (asked for,
 * or in the background when its RMA is cancelled); it is then kept, voided, and never printed again.
 */
export const sql = /* sql */ `
alter table return_labels add column shipment_id text;
alter table return_labels add column label_format text check (label_format in ('zpl', 'pdf'));
alter table return_labels add column label_data text;
alter table return_labels add column amount_minor bigint check (amount_minor >= 0);
alter table return_labels add column currency text;
alter table return_labels add column voided_at timestamptz;
alter table return_labels add column void_reason text;
alter table return_labels add column refund_status text check (refund_status in ('submitted', 'refunded', 'rejected', 'not_applicable'));
-- A refund asked for in the background (the RMA was cancelled): due now, retried until the carrier answers.
alter table return_labels add column void_due_at timestamptz;
alter table return_labels add column void_attempts integer not null default 0;
alter table return_labels add column void_error text;
create index return_labels_void_due on return_labels (void_due_at) where void_due_at is not null;
alter table return_labels add constraint return_labels_bought_have_file
  check (source = 'block' or (label_format is not null and label_data is not null and shipment_id is not null));

create table return_label_purchases (
  return_id uuid primary key references returns(id),
  account_id uuid not null references carrier_accounts(id),
  service_code text not null,
  claimed_at timestamptz not null default now()
);
`;

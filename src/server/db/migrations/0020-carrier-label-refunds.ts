/**
 * A bought label whose package was unpacked at a station is refunded in the background: the
 * station recorded it offline, so nobody is waiting to hear the carrier's answer. Due now,
 * retried with backoff while the carrier cannot be reached, as cancelled RMAs' return labels are.
 */
export const sql = /* sql */ `
alter table carrier_labels add column void_due_at timestamptz;
alter table carrier_labels add column void_attempts integer not null default 0;
alter table carrier_labels add column void_error text;
create index carrier_labels_void_due on carrier_labels (void_due_at) where void_due_at is not null;
`;

/**
 * Assigned work: a station holds a fulfillment order on a lease kept in its document
 * (doc.lease, see src/server/leases). A station renews what it holds, and the sweep finds holds
 * that ran out; both read only held rows.
 */
export const sql = /* sql */ `
create index fulfillment_orders_holder_idx on fulfillment_orders (claimed_by) where claimed_by is not null;
create index fulfillment_orders_lease_expiry_idx on fulfillment_orders ((doc -> 'lease' ->> 'expiresAt')) where claimed_by is not null;
`;

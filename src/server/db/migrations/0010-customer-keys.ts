/**
 * Customer keys (src/server/auth/api-keys.ts): an API key with the role `customer` is bound to one
 * customer id, and reaches only that customer's orders (GET /v1/my/orders, GraphQL myOrders).
 * Every other key has none.
 */
export const sql = /* sql */ `
alter table api_keys add column customer_id text;
alter table api_keys add constraint api_keys_customer_bound check ((role = 'customer') = (customer_id is not null));
`;

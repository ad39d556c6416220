/**
 * Quoted edits and billing documents (issue 14, seed 003 §6 and §8).
 *
 * order_quotes: a previewed edit of an order's lines, priced from the order as it was at
 * `order_version`; applying it needs the order still at that version and the quote unexpired
 * (src/server/orders/quotes/). Written by quote-store.ts.
 *
 * billing_documents: invoices and credit notes, each a frozen copy of the lines and totals it
 * bills, numbered without gaps per kind and calendar year (INV-2026-000001, CN-2026-000001): the
 * number is taken from number_sequences (prefix INV or CN, "day" the year) in the transaction that
 * inserts the document, so a rolled-back transaction gives its number back. Written by
 * src/server/billing/billing-store.ts.
 */
export const sql = /* sql */ `
create table order_quotes (
  id uuid primary key,
  order_id uuid not null references orders(id),
  order_version integer not null,
  request jsonb not null,
  preview jsonb not null,
  actor jsonb not null,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  applied_at timestamptz
);
create index order_quotes_order on order_quotes (order_id, created_at);

create table billing_documents (
  id uuid primary key,
  order_id uuid not null references orders(id),
  kind text not null check (kind in ('invoice', 'credit_note')),
  number text not null unique,
  currency text not null,
  lines jsonb not null,
  subtotal_minor bigint not null,
  discount_minor bigint not null,
  tax_minor bigint not null,
  shipping_minor bigint not null,
  total_minor bigint not null,
  bill_to jsonb not null,
  reason text not null,
  corrects_id uuid references billing_documents(id),
  refund_id uuid,
  quote_id uuid references order_quotes(id),
  actor jsonb not null,
  issued_at timestamptz not null default now()
);
create index billing_documents_order on billing_documents (order_id, issued_at);
`;

import type { Queryable } from '../db/database';
import type { OrderDocument } from '../../shared/api/orders';
import { problems } from '../http/problem';

/** Orders are stored as a document plus the columns we filter and sort on. */
export async function insertOrder(tx: Queryable, o: OrderDocument): Promise<void> {
  await insertOrders(tx, [o]);
}

/** Many orders with one statement (bulk loads). */
export async function insertOrders(tx: Queryable, orders: readonly OrderDocument[]): Promise<void> {
  if (!orders.length) return;
  const column = <T>(f: (o: OrderDocument) => T) => orders.map(f);
  await tx.query(
    `insert into orders (id, number, status, payment_status, order_type, channel, customer_id, customer_name, customer_email, currency, total_minor, doc, version, created_at, updated_at)
     select * from unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::bigint[], $12::jsonb[], $13::int[], $14::timestamptz[], $15::timestamptz[])`,
    [
      column((o) => o.id),
      column((o) => o.number),
      column((o) => o.status),
      column((o) => o.paymentStatus),
      column((o) => o.orderType),
      column((o) => o.channel),
      column((o) => o.customer.id),
      column((o) => o.customer.name),
      column((o) => o.customer.email),
      column((o) => o.currency),
      column((o) => o.totals.totalMinor),
      column((o) => JSON.stringify(o)),
      column((o) => o.version),
      column((o) => o.createdAt),
      column((o) => o.updatedAt),
    ],
  );
}

export async function loadOrder(q: Queryable, id: string, forUpdate = false): Promise<OrderDocument> {
  const [row] = await q.query<{ doc: OrderDocument }>(`select doc from orders where id = $1${forUpdate ? ' for update' : ''}`, [id]);
  if (!row) throw problems.notFound(`order ${id}`);
  return row.doc;
}

/** Saves a changed order, bumping its version (optimistic concurrency for API clients). */
export async function saveOrder(tx: Queryable, o: OrderDocument): Promise<OrderDocument> {
  return (await saveOrders(tx, [o]))[0]!;
}

/**
 * saveOrder for many orders in one statement: a push that moves hundreds of orders (each shipped
 * box can) wrote them one statement each, most of the push's database time.
 */
export async function saveOrders(tx: Queryable, orders: readonly OrderDocument[]): Promise<OrderDocument[]> {
  if (!orders.length) return [];
  const updatedAt = new Date().toISOString();
  const next = orders.map((o) => ({ ...o, version: o.version + 1, updatedAt }));
  const column = <T>(f: (o: OrderDocument) => T) => next.map(f);
  await tx.query(
    `update orders o set status = t.status, payment_status = t.payment_status, customer_name = t.customer_name, customer_email = t.customer_email,
            total_minor = t.total_minor, doc = t.doc, version = t.version, updated_at = t.updated_at
       from unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::bigint[], $7::jsonb[], $8::int[], $9::timestamptz[])
            as t(id, status, payment_status, customer_name, customer_email, total_minor, doc, version, updated_at)
      where o.id = t.id`,
    [
      column((o) => o.id),
      column((o) => o.status),
      column((o) => o.paymentStatus),
      column((o) => o.customer.name),
      column((o) => o.customer.email),
      column((o) => o.totals.totalMinor),
      column((o) => JSON.stringify(o)),
      column((o) => o.version),
      column((o) => o.updatedAt),
    ],
  );
  return next;
}

/** Takes the next `count` numbers of the prefix's day; returns the last one taken. */
export async function nextDocumentSequence(tx: Queryable, prefix: string, day: string, count = 1): Promise<number> {
  const [row] = await tx.query<{ last: number }>(
    `insert into number_sequences (prefix, day, last) values ($1, $2, $3)
     on conflict (prefix, day) do update set last = number_sequences.last + $3 returning last`,
    [prefix, day, count],
  );
  return row!.last;
}

import type { Queryable } from '../db/database';
import type { OrderDocument } from '../../shared/api/orders';
import { problems } from '../http/problem';

/** Orders are stored as a document plus the columns we filter and sort on. */
export async function insertOrder(tx: Queryable, o: OrderDocument): Promise<void> {
  await tx.query(
    `insert into orders (id, number, status, payment_status, order_type, channel, customer_id, customer_name, customer_email, currency, total_minor, doc, version, created_at, updated_at)
     values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15)`,
    [o.id, o.number, o.status, o.paymentStatus, o.orderType, o.channel, o.customer.id, o.customer.name, o.customer.email, o.currency, o.totals.totalMinor, JSON.stringify(o), o.version, o.createdAt, o.updatedAt],
  );
}

export async function loadOrder(q: Queryable, id: string, forUpdate = false): Promise<OrderDocument> {
  const [row] = await q.query<{ doc: OrderDocument }>(`select doc from orders where id = $1${forUpdate ? ' for update' : ''}`, [id]);
  if (!row) throw problems.notFound(`order ${id}`);
  return row.doc;
}

/** Saves a changed order, bumping its version (optimistic concurrency for API clients). */
export async function saveOrder(tx: Queryable, o: OrderDocument): Promise<OrderDocument> {
  const next = { ...o, version: o.version + 1, updatedAt: new Date().toISOString() };
  await tx.query(
    `update orders set status=$2, payment_status=$3, customer_name=$4, customer_email=$5, total_minor=$6, doc=$7, version=$8, updated_at=$9 where id=$1`,
    [next.id, next.status, next.paymentStatus, next.customer.name, next.customer.email, next.totals.totalMinor, JSON.stringify(next), next.version, next.updatedAt],
  );
  return next;
}

export async function nextDocumentSequence(tx: Queryable, prefix: string, day: string): Promise<number> {
  const [row] = await tx.query<{ last: number }>(
    `insert into number_sequences (prefix, day, last) values ($1, $2, 1)
     on conflict (prefix, day) do update set last = number_sequences.last + 1 returning last`,
    [prefix, day],
  );
  return row!.last;
}

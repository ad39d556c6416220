import type { Queryable } from '../db/database';
import type { FulfillmentDocument } from '../../shared/sync/fulfillment-document';
import { problems } from '../http/problem';
import { nextRev, nextRevs, notifyChange } from '../sync/revisions';
import { stampTracking } from '../lots/sku-tracking-store';

/** Fulfillment orders are the replicated documents: every save takes a new sync revision. */
export async function insertFulfillmentOrder(tx: Queryable, doc: FulfillmentDocument): Promise<void> {
  await insertFulfillmentOrders(tx, [doc]);
}

/** Many with one statement (bulk loads); each warehouse's stations are told once. Returns their sync revisions. The documents are stored with their lines' tracking flags. */
export async function insertFulfillmentOrders(tx: Queryable, given: readonly FulfillmentDocument[]): Promise<number[]> {
  if (!given.length) return [];
  // Each line says whether its SKU's units are tracked by lot or serial (lots/sku-tracking-store.ts).
  const docs = await stampTracking(tx, given);
  const revs = await nextRevs(tx, docs.length);
  await tx.query(
    `insert into fulfillment_orders (id, order_id, warehouse_id, status, claimed_by, doc, rev, created_at, updated_at)
     select * from unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::uuid[], $6::jsonb[], $7::bigint[], $8::timestamptz[], $9::timestamptz[])`,
    [
      docs.map((d) => d.id),
      docs.map((d) => d.orderId),
      docs.map((d) => d.warehouseId),
      docs.map((d) => d.status),
      docs.map((d) => d.claimedBy),
      docs.map((d) => JSON.stringify(d)),
      revs,
      docs.map((d) => d.createdAt),
      docs.map((d) => d.updatedAt),
    ],
  );
  const lastRevOf = new Map<string, number>();
  docs.forEach((d, i) => lastRevOf.set(d.warehouseId, revs[i]!));
  for (const [warehouseId, rev] of lastRevOf) await notifyChange(tx, warehouseId, rev);
  return revs;
}

export async function loadFulfillmentOrder(q: Queryable, id: string, forUpdate = false): Promise<FulfillmentDocument | null> {
  const [row] = await q.query<{ doc: FulfillmentDocument }>(
    `select doc from fulfillment_orders where id = $1${forUpdate ? ' for update' : ''}`,
    [id],
  );
  return row?.doc ?? null;
}

export async function requireFulfillmentOrder(q: Queryable, id: string, forUpdate = false): Promise<FulfillmentDocument> {
  const doc = await loadFulfillmentOrder(q, id, forUpdate);
  if (!doc) throw problems.notFound(`fulfillment order ${id}`);
  return doc;
}

export async function saveFulfillmentOrder(tx: Queryable, doc: FulfillmentDocument): Promise<FulfillmentDocument> {
  const rev = await nextRev(tx);
  const next = { ...doc, version: doc.version + 1 };
  await tx.query(`update fulfillment_orders set status=$2, claimed_by=$3, warehouse_id=$4, doc=$5, rev=$6, updated_at=$7 where id=$1`, [
    next.id,
    next.status,
    next.claimedBy,
    next.warehouseId,
    JSON.stringify(next),
    rev,
    next.updatedAt,
  ]);
  await notifyChange(tx, next.warehouseId, rev);
  return next;
}

/** Several fulfillment orders, locked in id order (so concurrent pushes cannot deadlock on them). */
export async function loadFulfillmentOrdersForUpdate(q: Queryable, ids: readonly string[]): Promise<Map<string, FulfillmentDocument>> {
  const unique = [...new Set(ids)].sort();
  if (!unique.length) return new Map();
  const rows = await q.query<{ doc: FulfillmentDocument }>(
    'select doc from fulfillment_orders where id = any($1::uuid[]) order by id for update',
    [unique],
  );
  return new Map(rows.map((r) => [r.doc.id, r.doc]));
}

/**
 * saveFulfillmentOrder for many documents in one statement: each takes a new revision (taken
 * together, under the revision lock, as late as possible in the transaction) and each
 * warehouse's stations are told once.
 */
export async function saveFulfillmentOrders(tx: Queryable, docs: readonly FulfillmentDocument[]): Promise<FulfillmentDocument[]> {
  if (!docs.length) return [];
  const next = docs.map((d) => ({ ...d, version: d.version + 1 }));
  // Serialised before the revisions are taken: a push's 500 documents took part of the time the
  // revision lock was held.
  const json = next.map((d) => JSON.stringify(d));
  const revs = await nextRevs(tx, docs.length);
  await tx.query(
    `update fulfillment_orders f set status = t.status, claimed_by = t.claimed_by, warehouse_id = t.warehouse_id, doc = t.doc::jsonb, rev = t.rev, updated_at = t.updated_at
       from unnest($1::uuid[], $2::text[], $3::uuid[], $4::uuid[], $5::text[], $6::bigint[], $7::timestamptz[]) as t(id, status, claimed_by, warehouse_id, doc, rev, updated_at)
      where f.id = t.id`,
    [
      next.map((d) => d.id),
      next.map((d) => d.status),
      next.map((d) => d.claimedBy),
      next.map((d) => d.warehouseId),
      json,
      revs,
      next.map((d) => d.updatedAt),
    ],
  );
  const lastRevByWarehouse = new Map<string, number>();
  next.forEach((d, i) => lastRevByWarehouse.set(d.warehouseId, Math.max(lastRevByWarehouse.get(d.warehouseId) ?? 0, revs[i]!)));
  for (const [warehouseId, rev] of lastRevByWarehouse) await notifyChange(tx, warehouseId, rev);
  return next;
}

export async function fulfillmentOrdersOf(q: Queryable, orderId: string): Promise<FulfillmentDocument[]> {
  const rows = await q.query<{ doc: FulfillmentDocument }>(
    'select doc from fulfillment_orders where order_id = $1 order by created_at, id',
    [orderId],
  );
  return rows.map((r) => r.doc);
}

/**
 * An order's fulfillment orders, locked for a change made from what they hold now: without the
 * lock a station's push or a lease taken meanwhile would be overwritten by the older copy. Locked
 * in id order, as pushes lock them, so the two cannot deadlock; returned in creation order.
 */
export async function fulfillmentOrdersOfForUpdate(tx: Queryable, orderId: string): Promise<FulfillmentDocument[]> {
  const rows = await tx.query<{ doc: FulfillmentDocument; created_at: unknown }>(
    'select doc, created_at::text as created_at from fulfillment_orders where order_id = $1 order by id for update',
    [orderId],
  );
  return rows
    .sort((a, b) => String(a.created_at).localeCompare(String(b.created_at)) || a.doc.id.localeCompare(b.doc.id))
    .map((r) => r.doc);
}

/** One page of fulfillment orders, oldest first, after the cursor's key; one row more than limit tells there is a next page. */
export function listFulfillmentOrderRows(
  q: Queryable,
  filter: {
    warehouseId: string | null;
    status: string | null;
    orderId: string | null;
    after: { createdAt: string; id: string } | null;
    limit: number;
  },
) {
  return q.query<{ doc: FulfillmentDocument; created_at: Date | string; id: string }>(
    `select doc, created_at, id from fulfillment_orders
      where ($1::uuid is null or warehouse_id = $1) and ($2::text is null or status = $2) and ($3::uuid is null or order_id = $3)
        and ($4::timestamptz is null or (created_at, id) > ($4::timestamptz, $5::uuid))
      order by created_at, id limit $6`,
    [filter.warehouseId, filter.status, filter.orderId, filter.after?.createdAt ?? null, filter.after?.id ?? null, filter.limit + 1],
  );
}

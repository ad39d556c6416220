import type { Queryable } from '../db/database';
import type { FulfillmentDocument } from '../../shared/sync/fulfillment-document';
import { problems } from '../http/problem';
import { nextRev, notifyChange } from '../sync/revisions';

/** Fulfillment orders are the replicated documents: every save takes a new sync revision. */
export async function insertFulfillmentOrder(tx: Queryable, doc: FulfillmentDocument): Promise<void> {
  const rev = await nextRev(tx);
  await tx.query(
    `insert into fulfillment_orders (id, order_id, warehouse_id, status, claimed_by, doc, rev, created_at, updated_at) values ($1,$2,$3,$4,$5,$6,$7,$8,$9)`,
    [doc.id, doc.orderId, doc.warehouseId, doc.status, doc.claimedBy, JSON.stringify(doc), rev, doc.createdAt, doc.updatedAt],
  );
  await notifyChange(tx, doc.warehouseId, rev);
}

export async function loadFulfillmentOrder(q: Queryable, id: string, forUpdate = false): Promise<FulfillmentDocument | null> {
  const [row] = await q.query<{ doc: FulfillmentDocument }>(`select doc from fulfillment_orders where id = $1${forUpdate ? ' for update' : ''}`, [id]);
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
  await tx.query(
    `update fulfillment_orders set status=$2, claimed_by=$3, warehouse_id=$4, doc=$5, rev=$6, updated_at=$7 where id=$1`,
    [next.id, next.status, next.claimedBy, next.warehouseId, JSON.stringify(next), rev, next.updatedAt],
  );
  await notifyChange(tx, next.warehouseId, rev);
  return next;
}

export async function fulfillmentOrdersOf(q: Queryable, orderId: string): Promise<FulfillmentDocument[]> {
  const rows = await q.query<{ doc: FulfillmentDocument }>('select doc from fulfillment_orders where order_id = $1 order by created_at, id', [orderId]);
  return rows.map((r) => r.doc);
}

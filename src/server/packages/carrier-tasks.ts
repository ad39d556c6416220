import type { Queryable } from '../db/database';
import type { FulfillmentDocument } from '../../shared/sync/fulfillment-document';

/**
 * A parcel in trouble needs a person: an exception (damaged, address problem, held at depot) or
 * a parcel coming back to us. Opens a supervisor task on the order, scoped to the warehouse.
 */
export async function openCarrierTask(tx: Queryable, doc: FulfillmentDocument, packageId: string, status: 'exception' | 'returned_to_sender', description: string | null): Promise<string> {
  const id = crypto.randomUUID();
  const title = status === 'exception'
    ? `Carrier exception on ${doc.orderNumber}: contact the carrier or the customer`
    : `Parcel of ${doc.orderNumber} is coming back: receive it, then reship or refund`;
  await tx.query(
    `insert into tasks (id, kind, title, order_id, fulfillment_order_id, warehouse_id, detail) values ($1,$2,$3,$4,$5,$6,$7)`,
    [id, status === 'exception' ? 'package-exception' : 'package-returned-to-sender', title, doc.orderId, doc.id, doc.warehouseId, JSON.stringify({ packageId, description })],
  );
  return id;
}

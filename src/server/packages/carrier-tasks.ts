import type { Queryable } from '../db/database';
import type { FulfillmentDocument } from '../../shared/sync/fulfillment-document';
import { openTask } from '../tasks/task-store';

/**
 * A parcel in trouble needs a person: an exception (damaged, address problem, held at depot) or
 * a parcel coming back to us. Opens a supervisor task on the order, scoped to the warehouse.
 */
export async function openCarrierTask(
  tx: Queryable,
  doc: FulfillmentDocument,
  packageId: string,
  status: 'exception' | 'returned_to_sender',
  description: string | null,
): Promise<string> {
  const title =
    status === 'exception'
      ? `Carrier exception on ${doc.orderNumber}: contact the carrier or the customer`
      : `Parcel of ${doc.orderNumber} is coming back: receive it, then reship or refund`;
  const task = await openTask(tx, {
    id: crypto.randomUUID(),
    kind: status === 'exception' ? 'package-exception' : 'package-returned-to-sender',
    title,
    orderId: doc.orderId,
    fulfillmentOrderId: doc.id,
    eventId: null,
    warehouseId: doc.warehouseId,
    detail: { packageId, description },
  });
  return task.id;
}

import type { Queryable } from '../db/database';
import type { FulfillmentDocument } from '../../shared/sync/fulfillment-document';
import { requireWarehouse, type Principal } from '../auth/principal';
import { requireFulfillmentOrder } from './fulfillment-store';

/** The fulfillment order, if the principal's warehouse scope reaches it (403 otherwise). */
export async function fulfillmentOrderInScope(
  q: Queryable,
  principal: Principal,
  id: string,
  forUpdate = false,
): Promise<FulfillmentDocument> {
  const doc = await requireFulfillmentOrder(q, id, forUpdate);
  requireWarehouse(principal, doc.warehouseId);
  return doc;
}

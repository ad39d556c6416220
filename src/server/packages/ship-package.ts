import type { Actor } from '../../shared/events/station-events';
import { applyPackageShipped } from '../../shared/sync/fulfillment-admin';
import type { FulfillmentDocument } from '../../shared/sync/fulfillment-document';
import type { Queryable } from '../db/database';
import { refusalProblem } from '../fulfillment/apply-admin-event';
import { saveFulfillmentOrder } from '../fulfillment/fulfillment-store';
import { consumeShippedPackage } from '../inventory/inventory-store';
import { refreshOrderProgress } from '../orders/order-progress';
import { appendTimeline } from '../timeline/timeline';

export interface Shipment {
  packageId: string;
  occurredAt: string;
  actor: Actor;
  /** The station the parcel left from, when there is one. */
  stationId: string | null;
  note: string | null;
  reason: string;
}

/**
 * Hands a labelled package of a locked document to the carrier: its units are shipped, its stock
 * leaves the warehouse, the timeline says so (customer notifications follow from it) and the order
 * progresses. A refusal throws the reducer's code. The ship route and an accepted shipment share it.
 */
export async function shipPackage(tx: Queryable, doc: FulfillmentDocument, s: Shipment): Promise<FulfillmentDocument> {
  const result = applyPackageShipped(doc, { packageId: s.packageId, occurredAt: s.occurredAt, actor: s.actor, stationId: s.stationId });
  if (!result.ok) throw refusalProblem(result);
  const saved = await saveFulfillmentOrder(tx, result.doc);
  await consumeShippedPackage(tx, saved, s.packageId);
  await appendTimeline(tx, {
    type: 'package-shipped',
    orderId: doc.orderId,
    fulfillmentOrderId: doc.id,
    entityIds: { fulfillmentOrderId: doc.id, packageId: s.packageId },
    payload: { packageId: s.packageId, note: s.note, reason: s.reason },
    actor: s.actor,
    occurredAt: s.occurredAt,
  });
  await refreshOrderProgress(tx, doc.orderId, { kind: 'system', id: 'order-progress' });
  return saved;
}

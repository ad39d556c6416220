import type { FulfillmentDocument } from '../../../shared/sync/fulfillment-document';
import type { StationDatabase } from '../../db/station-database';

/**
 * A parcel of this order that this station shipped while offline and the server recorded as a
 * conflict (the order had been moved, pooled or held meanwhile), which is still not on the order:
 * a supervisor has to accept it or settle its task. Its label's SSCC when known, else its package id.
 */
export async function unsettledParcelHere(db: StationDatabase, doc: FulfillmentDocument): Promise<string | null> {
  // Read by state (its index): a station has few conflicted events, mostly none, so every order's open stays cheap.
  const conflicted = await db.outbox.find({ selector: { state: 'conflicted' } }).exec();
  const shipped = conflicted.filter((e) => e.subjectId === doc.id && e.type === 'package-shipped');
  if (!shipped.length) return null;
  const onOrder = new Set(doc.packages.map((p) => p.id));
  const packageId = shipped.map((e) => (e.toJSON().payload as { packageId?: string }).packageId).find((id) => id && !onOrder.has(id));
  if (!packageId) return null;
  const labelled = await db.outbox.find({ selector: { subjectId: doc.id, type: 'label-printed' } }).exec();
  const sscc = labelled
    .map((e) => e.toJSON().payload as { packageId?: string; sscc?: string | null })
    .find((p) => p.packageId === packageId)?.sscc;
  return sscc ? `SSCC ${sscc}` : `package ${packageId.slice(0, 8)}`;
}

/** What the packer is told when such an order is scanned and the server cannot be asked. */
export function unsettledParcelMessage(doc: FulfillmentDocument, parcel: string): string {
  return `${doc.orderNumber}: this station shipped a parcel of it while offline (${parcel}) that a supervisor has not settled. Put it aside and call a supervisor (do not pack it again)`;
}

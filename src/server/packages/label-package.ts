import type { Actor } from '../../shared/events/station-events';
import type { FulfillmentDocument } from '../../shared/sync/fulfillment-document';
import type { Queryable } from '../db/database';
import { applyAdminChange } from '../fulfillment/apply-admin-event';
import { saveDetails } from './package-store';
import { flagSharedSsccs } from './shared-sscc';

export interface PackageLabel {
  carrier: string | null;
  /** The first is the master tracking number shown to stations. */
  trackingNumbers: string[];
  sscc: string | null;
  format: 'zpl' | 'escpos' | 'pdf' | 'png';
  printJobId: string | null;
  labelUrl: string | null;
  /** The carrier service, kept beside the package. */
  service: string | null;
  /** A label numbered at a station names its service and tracking page on the document too, as the station's own fold does. */
  onDocument?: { service?: string; trackingUrl?: string };
}

/**
 * Records a package's label (carrier, tracking numbers, SSCC, format) on a locked document, and
 * what the document does not carry (service, every tracking number, the label) beside it. The
 * label route and an accepted shipment share it.
 */
export async function labelPackage(
  tx: Queryable,
  doc: FulfillmentDocument,
  id: string,
  label: PackageLabel,
  by: { actor: Actor; stationId: string | null; reason?: string },
): Promise<FulfillmentDocument> {
  const saved = await applyAdminChange(tx, doc, {
    type: 'package-labelled',
    payload: {
      packageId: id,
      printJobId: label.printJobId,
      format: label.format,
      sscc: label.sscc,
      trackingNumber: label.trackingNumbers[0] ?? null,
      carrier: label.carrier,
      ...label.onDocument,
    },
    actor: by.actor,
    stationId: by.stationId,
    ...(by.reason ? { reason: by.reason } : {}),
  });
  await flagSharedSsccs(tx, [{ before: doc, after: saved }]);
  await saveDetails(tx, saved, id, {
    ...(label.service ? { service: label.service } : {}),
    trackingNumbers: label.trackingNumbers,
    label: { url: label.labelUrl, format: label.format },
  });
  return saved;
}

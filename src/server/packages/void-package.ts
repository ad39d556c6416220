import type { Actor } from '../../shared/events/station-events';
import type { FulfillmentDocument } from '../../shared/sync/fulfillment-document';
import type { Queryable } from '../db/database';
import { applyAdminChange } from '../fulfillment/apply-admin-event';
import { releasePackedUnits } from '../lots/packed-unit-store';
import { saveDetails } from './package-store';

/**
 * Voids a package before it ships, the one way both void routes do it: the package is voided and
 * its units are unpacked (the shared fold), the reason is kept with it, and its lots and serials
 * are no longer packed, so they can go into the next package.
 */
export async function voidPackage(
  tx: Queryable,
  doc: FulfillmentDocument,
  p: { packageId: string; reason: string; actor: Actor; stationId: string | null; words?: string },
): Promise<FulfillmentDocument> {
  const voided = await applyAdminChange(tx, doc, {
    type: 'package-voided',
    payload: { packageId: p.packageId, reason: p.words ?? p.reason },
    actor: p.actor,
    stationId: p.stationId,
  });
  await saveDetails(tx, voided, p.packageId, { voidReason: p.reason });
  await releasePackedUnits(tx, [p.packageId]);
  return voided;
}

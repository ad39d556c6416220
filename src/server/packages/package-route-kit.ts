import type { Principal } from '../auth/principal';
import { requireWarehouse } from '../auth/principal';
import type { Queryable } from '../db/database';
import { z } from 'zod';
import { ShipPackageRequest, TrackingUpdateRequest } from '../../shared/api/fulfillment';
import { findPackage } from './package-store';

/** What the package routes share: their tag, who may call them, and the schemas they extend. */
export const TAG = ['Packages'];
export const READERS = ['supervisor', 'packer', 'returns', 'integrator', 'station'] as const;
export const PACKERS = ['supervisor', 'packer', 'integrator', 'station'] as const;
export const ShipWithLabel = ShipPackageRequest.extend({
  carrier: z.string().trim().min(1).max(64).optional(),
  trackingNumbers: z.array(z.string().trim().min(1).max(64)).min(1).max(50).optional(),
});
export const DeliverRequest = TrackingUpdateRequest.omit({ status: true });
export const view = { description: 'the package: status, contents, carrier, service, tracking numbers, SSCC, label, tracking events' };
/** The station that acts, when the caller is one (recorded on the package's events). */
export const stationOf = (p: Principal) => (p.kind === 'station' ? p.id : null);

/** A package the caller's warehouse may see; locked when it is about to change. */
export async function packageInScope(q: Queryable, principal: Principal, id: string, forUpdate: boolean) {
  const found = await findPackage(q, id, forUpdate);
  requireWarehouse(principal, found.doc.warehouseId);
  return found;
}

import { checkTransition } from '../domain/state-machine';
import { packageMachine, type PackageStatus } from '../domain/package-status';
import type { FulfillmentDocument, PackageDoc } from './fulfillment-document';

type Refusal = { ok: false; code: string; message: string };

/**
 * Moves package `packageId` of `next` (a document being folded) to `to`, as the package machine
 * allows; the package to fill in further, or why it cannot move. Station and admin folds share it.
 */
export function movePackage(next: FulfillmentDocument, packageId: string, to: PackageStatus): { ok: true; pkg: PackageDoc } | Refusal {
  const pkg = next.packages.find((p) => p.id === packageId);
  if (!pkg) return { ok: false, code: 'package_not_found', message: 'no such package on this order' };
  const t = checkTransition(packageMachine, pkg.status, to, {});
  if (!t.ok) return { ok: false, code: t.code, message: t.message };
  pkg.status = to;
  return { ok: true, pkg };
}

/** No package is labelled or shipped on an order that was cancelled or closed incomplete. */
export function orderEndedRefusal(doc: FulfillmentDocument): Refusal | null {
  if (doc.status !== 'cancelled' && doc.status !== 'incomplete') return null;
  return { ok: false, code: `fulfillment_order_${doc.status}`, message: `the fulfillment order is ${doc.status}` };
}

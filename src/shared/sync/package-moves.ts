import { checkTransition } from '../domain/state-machine';
import { packageMachine, type PackageStatus } from '../domain/package-status';
import { sameIdentity, type TrackedUnits } from '../domain/unit-tracking';
import type { FulfillmentDocument, PackageDoc } from './fulfillment-document';
import { orderStateWords } from '../words/order-words';

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

/** An order that was cancelled, or closed incomplete (moved to another warehouse): nothing of it ships. */
export const orderEnded = (doc: Pick<FulfillmentDocument, 'status'>) => doc.status === 'cancelled' || doc.status === 'incomplete';

/** No package is labelled or shipped on an order that was cancelled or closed incomplete. */
export function orderEndedRefusal(doc: FulfillmentDocument): Refusal | null {
  if (!orderEnded(doc)) return null;
  return { ok: false, code: `fulfillment_order_${doc.status}`, message: `${doc.orderNumber} is ${orderStateWords(doc)}` };
}

/**
 * Voids package `packageId` of `next`: its units come out of the box, to be packed again. They
 * stay scanned, and their lots or serials go back to their lines' captured units, so the next
 * package holds the same serials without scanning them again.
 */
export function unpackPackage(next: FulfillmentDocument, packageId: string): { ok: true; pkg: PackageDoc } | Refusal {
  const moved = movePackage(next, packageId, 'voided');
  if (!moved.ok) return moved;
  for (const c of moved.pkg.contents) {
    const line = next.lines.find((l) => l.lineId === c.lineId);
    if (!line) continue;
    line.packed = Math.max(0, line.packed - c.quantity);
    if (c.units?.length) line.captured = c.units.reduce(putBack, line.captured ?? []);
  }
  return moved;
}

function putBack(list: TrackedUnits[], unit: TrackedUnits): TrackedUnits[] {
  const same = unit.lot !== null ? list.find((u) => u.lot !== null && sameIdentity(u, unit)) : undefined;
  if (same) return list.map((u) => (u === same ? { ...u, quantity: u.quantity + unit.quantity } : u));
  return [...list, { ...unit }];
}

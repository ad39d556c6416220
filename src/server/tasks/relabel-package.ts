import { SharedSsccDetail, type RelabelledPackage, type RelabelPackageRequest, type TaskView } from '../../shared/api/tasks';
import { manifestNumber } from '../../shared/api/manifests';
import type { Actor } from '../../shared/events/station-events';
import type { ShippingLabelData } from '../../shared/labels/label-data';
import type { FulfillmentDocument } from '../../shared/sync/fulfillment-document';
import { toIso, type Queryable } from '../db/database';
import { applyAdminChange } from '../fulfillment/apply-admin-event';
import { requireFulfillmentOrder } from '../fulfillment/fulfillment-store';
import { problems } from '../http/problem';
import { SHARED_SSCC_TASK } from '../packages/shared-sscc';
import { allocateServerSscc } from '../sscc/sscc-block-store';
import { TASK_CLOSED } from './accept-shipment';
import { updateTask } from './task-store';

type PackageDoc = FulfillmentDocument['packages'][number];
type Listed = SharedSsccDetail['packages'][number];

/** Statuses the carrier reports once it has the parcel (a package merely shipped may still be on the dock). */
const WITH_CARRIER: ReadonlySet<PackageDoc['status']> = new Set(['in_transit', 'delivered', 'exception', 'returned_to_sender']);

/**
 * A supervisor relabels one of the parcels a duplicate-sscc task names (shared-sscc.ts): in the
 * caller's transaction, on the locked task and fulfillment order, the parcel gets a new SSCC from
 * the server's counter (sscc-block-store.ts), recorded as package-relabelled on its order's
 * timeline; the task is resolved once at most one parcel carries the old SSCC. A parcel the
 * carrier already has (on a closed manifest, or reported by the carrier) is refused: the label on
 * it cannot be changed any more. The station prints the new label from the answer.
 */
export async function relabelPackage(
  tx: Queryable,
  task: TaskView,
  by: { actor: Actor; stationId: string | null; stationName?: string | null; warehouseId: string | null },
  request: RelabelPackageRequest,
): Promise<RelabelledPackage> {
  if (task.status !== 'open' && task.status !== 'in_progress') throw problems.conflict('task_not_open', TASK_CLOSED);
  const detail = sharedSsccOf(task);
  const listed = detail.packages.find((p) => p.packageId === request.packageId);
  if (!listed)
    throw problems.unprocessable(
      'package_not_on_task',
      `That parcel is not one of those carrying SSCC ${detail.sscc}: relabel one of ${detail.packages.map((p) => p.orderNumber).join(', ')}`,
    );
  const doc = await requireFulfillmentOrder(tx, listed.fulfillmentOrderId, true);
  // Two warehouses may number alike: each relabels only the parcels on its own floor.
  if (by.warehouseId && doc.warehouseId !== by.warehouseId)
    throw problems.forbidden(
      `${listed.orderNumber}'s parcel is at another warehouse: relabel a parcel of this warehouse, or ask that warehouse's supervisor`,
    );
  const pkg = doc.packages.find((p) => p.id === listed.packageId);
  await refuseUnrelabellable(tx, detail, listed, pkg);
  const sscc = await freshSscc(tx, request.range);
  const others = detail.packages.filter((p) => p.packageId !== listed.packageId).map((p) => p.orderNumber);
  const saved = await applyAdminChange(tx, doc, {
    type: 'package-relabelled',
    payload: { packageId: listed.packageId, previousSscc: detail.sscc, sscc, ...(by.stationName ? { stationName: by.stationName } : {}) },
    actor: by.actor,
    stationId: by.stationId,
    reason: `relabelled with SSCC ${sscc}: SSCC ${detail.sscc} was on the parcel of ${others.join(', ')} too`,
  });
  const left = await parcelsCarrying(tx, detail.sscc);
  const who = by.actor.name ?? by.actor.id;
  const note = `${listed.orderNumber}'s parcel relabelled by ${who}: SSCC ${detail.sscc} → ${sscc}${request.note ? `. ${request.note}` : ''}`;
  const updated = await updateTask(tx, task, { ...(left <= 1 ? { status: 'done' } : {}), note }, by.actor);
  return {
    task: updated,
    fulfillmentOrderId: doc.id,
    orderId: doc.orderId,
    packageId: listed.packageId,
    previousSscc: detail.sscc,
    sscc,
    label: labelOf(saved, listed.packageId, sscc),
  };
}

function sharedSsccOf(task: TaskView): SharedSsccDetail {
  const detail = task.kind === SHARED_SSCC_TASK ? SharedSsccDetail.safeParse(task.detail) : null;
  if (!detail?.success)
    throw problems.conflict(
      'task_not_shared_sscc',
      'This task is not about parcels that carry one SSCC: there is nothing to relabel; resolve it with a note instead',
    );
  return detail.data;
}

/** Unpacked, relabelled already, or with the carrier: each said as what happened and what to do. */
async function refuseUnrelabellable(tx: Queryable, detail: SharedSsccDetail, listed: Listed, pkg: PackageDoc | undefined): Promise<void> {
  const parcel = `${listed.orderNumber}'s parcel`;
  if (!pkg || pkg.status === 'voided')
    throw problems.conflict(
      'package_voided',
      `${parcel} was unpacked, so it has no label to change: relabel another parcel, or resolve the task`,
    );
  if (pkg.sscc !== detail.sscc)
    throw problems.conflict(
      'package_sscc_changed',
      `${parcel} carries SSCC ${pkg.sscc ?? 'none'} now, not ${detail.sscc}: it was relabelled already; refresh to see the task as it is`,
    );
  const manifest = await manifestOf(tx, listed.packageId);
  if (!manifest && !WITH_CARRIER.has(pkg.status)) return;
  const handed = manifest
    ? `was handed to ${pkg.carrier ?? manifest.carrier} on manifest ${manifest.number} (${manifest.closedAt.slice(0, 16).replace('T', ' ')} UTC)`
    : `is with the carrier (${pkg.status.replaceAll('_', ' ')})`;
  throw problems.conflict(
    'package_handed_to_carrier',
    `${parcel} ${handed}: the label on it can no longer be changed. Relabel the other parcel carrying SSCC ${detail.sscc} instead; if that one has left too, tell the carrier that both parcels carry it, then resolve the task with a note`,
  );
}

async function manifestOf(q: Queryable, packageId: string): Promise<{ carrier: string; number: string; closedAt: string } | null> {
  const [row] = await q.query<{ carrier: string; sequence: number; closed_at: unknown; code: string }>(
    `select m.carrier, m.sequence, m.closed_at, w.code
       from manifest_packages mp join manifests m on m.id = mp.manifest_id join warehouses w on w.id = m.warehouse_id
      where mp.package_id = $1`,
    [packageId],
  );
  return row ? { carrier: row.carrier, number: manifestNumber(row.code, row.carrier, row.sequence), closedAt: toIso(row.closed_at) } : null;
}

/** Parcels (not unpacked) carrying an SSCC, found through the packages GIN index as shared-sscc.ts does. */
async function parcelsCarrying(q: Queryable, sscc: string): Promise<number> {
  const [row] = await q.query<{ n: unknown }>(
    `select count(*) as n from fulfillment_orders fo, jsonb_array_elements(fo.doc -> 'packages') as p
      where fo.doc -> 'packages' @> $1::jsonb and p ->> 'sscc' = $2 and p ->> 'status' <> 'voided'`,
    [JSON.stringify([{ sscc }]), sscc],
  );
  return Number(row!.n);
}

/**
 * The server's counter never hands a serial out twice, and its blocks start above any serial a
 * station counted on its own; a parcel carrying it anyway (a label typed in by hand) is passed over.
 */
async function freshSscc(q: Queryable, range: RelabelPackageRequest['range']): Promise<string> {
  for (let tries = 0; tries < 10; tries++) {
    const sscc = await allocateServerSscc(q, range);
    if ((await parcelsCarrying(q, sscc)) === 0) return sscc;
  }
  throw problems.conflict(
    'sscc_numbers_taken',
    `the next SSCCs of extension digit ${range.extensionDigit} and company prefix ${range.companyPrefix} are already on parcels: set another extension digit in the label settings`,
  );
}

/** The new shipping label: the parcel as it was labelled (carrier, service, tracking number), with its new SSCC. */
function labelOf(doc: FulfillmentDocument, packageId: string, sscc: string): ShippingLabelData {
  const live = doc.packages.filter((p) => p.status !== 'voided');
  const pkg = live.find((p) => p.id === packageId)!;
  const allPacked = doc.lines.every((l) => l.packed >= l.quantity);
  return {
    orderNumber: doc.orderNumber,
    packageId,
    packageIndex: live.indexOf(pkg) + 1,
    packageCount: allPacked ? live.length : null,
    shipTo: doc.shipTo,
    carrier: pkg.carrier,
    service: pkg.service ?? null,
    trackingNumber: pkg.trackingNumber,
    weightGrams: pkg.weightGrams,
    sscc,
  };
}

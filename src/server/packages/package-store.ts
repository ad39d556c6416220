import type { Queryable } from '../db/database';
import type { PackageView, TrackingEventView } from '../../shared/api/fulfillment';
import type { FulfillmentDocument, PackageDoc } from '../../shared/sync/fulfillment-document';
import type { Actor } from '../../shared/events/station-events';
import { problems } from '../http/problem';
import { requireFulfillmentOrder } from '../fulfillment/fulfillment-store';

/**
 * A package lives in its fulfillment document (status, contents, master tracking number: what
 * stations replicate) plus a package_details row for what the document does not carry
 * (service, dimensions, every tracking number, the label, carrier tracking events).
 */
export interface PackageDetails {
  service: string | null;
  dimensions: PackageView['dimensions'];
  trackingNumbers: string[];
  label: { url: string | null; format: string } | null;
  voidReason: string | null;
  deliveredAt: string | null;
}

const NO_DETAILS: PackageDetails = {
  service: null,
  dimensions: null,
  trackingNumbers: [],
  label: null,
  voidReason: null,
  deliveredAt: null,
};

/** The fulfillment order holding a package, found through the document's package list (indexed). */
export async function findPackage(
  q: Queryable,
  packageId: string,
  forUpdate = false,
): Promise<{ doc: FulfillmentDocument; pkg: PackageDoc }> {
  const [row] = await q.query<{ id: string }>(`select id from fulfillment_orders where doc -> 'packages' @> $1::jsonb`, [
    JSON.stringify([{ id: packageId }]),
  ]);
  if (!row) throw problems.notFound(`package ${packageId}`);
  const doc = await requireFulfillmentOrder(q, row.id, forUpdate);
  return { doc, pkg: doc.packages.find((p) => p.id === packageId)! };
}

export async function readDetails(q: Queryable, packageId: string): Promise<PackageDetails> {
  const [r] = await q.query<{
    service: string | null;
    dimensions: PackageDetails['dimensions'];
    tracking_numbers: string[];
    label: PackageDetails['label'];
    void_reason: string | null;
    delivered_at: Date | string | null;
  }>('select service, dimensions, tracking_numbers, label, void_reason, delivered_at from package_details where package_id = $1', [
    packageId,
  ]);
  if (!r) return NO_DETAILS;
  return {
    service: r.service,
    dimensions: r.dimensions,
    trackingNumbers: r.tracking_numbers,
    label: r.label,
    voidReason: r.void_reason,
    deliveredAt: r.delivered_at ? new Date(r.delivered_at).toISOString() : null,
  };
}

export async function saveDetails(
  tx: Queryable,
  doc: Pick<FulfillmentDocument, 'id' | 'orderId'>,
  packageId: string,
  change: Partial<PackageDetails>,
): Promise<void> {
  const merged = { ...(await readDetails(tx, packageId)), ...change };
  await tx.query(
    `insert into package_details (package_id, fulfillment_order_id, order_id, service, dimensions, tracking_numbers, label, void_reason, delivered_at, updated_at)
     values ($1,$2,$3,$4,$5,$6,$7,$8,$9, now())
     on conflict (package_id) do update set service = excluded.service, dimensions = excluded.dimensions, tracking_numbers = excluded.tracking_numbers,
       label = excluded.label, void_reason = excluded.void_reason, delivered_at = excluded.delivered_at, updated_at = now()`,
    [
      packageId,
      doc.id,
      doc.orderId,
      merged.service,
      merged.dimensions ? JSON.stringify(merged.dimensions) : null,
      JSON.stringify(merged.trackingNumbers),
      merged.label ? JSON.stringify(merged.label) : null,
      merged.voidReason,
      merged.deliveredAt,
    ],
  );
}

export interface NewTrackingEvent {
  status: string;
  description: string | null;
  location: string | null;
  externalId: string | null;
  occurredAt: string;
  actor: Actor;
}

/** Records a carrier update; false when the carrier already sent this one (same external id). */
export async function insertTrackingEvent(tx: Queryable, packageId: string, e: NewTrackingEvent): Promise<boolean> {
  const rows = await tx.query(
    `insert into tracking_events (id, package_id, status, description, location, external_id, occurred_at, actor) values ($1,$2,$3,$4,$5,$6,$7,$8)
     on conflict (package_id, external_id) do nothing returning id`,
    [crypto.randomUUID(), packageId, e.status, e.description, e.location, e.externalId, e.occurredAt, JSON.stringify(e.actor)],
  );
  return rows.length > 0;
}

export async function readTracking(q: Queryable, packageId: string): Promise<TrackingEventView[]> {
  const rows = await q.query<{
    id: string;
    status: string;
    description: string | null;
    location: string | null;
    external_id: string | null;
    occurred_at: Date | string;
    recorded_at: Date | string;
  }>(
    'select id, status, description, location, external_id, occurred_at, recorded_at from tracking_events where package_id = $1 order by occurred_at, recorded_at, id',
    [packageId],
  );
  return rows.map((r) => ({
    id: r.id,
    status: r.status,
    description: r.description,
    location: r.location,
    externalId: r.external_id,
    occurredAt: new Date(r.occurred_at).toISOString(),
    recordedAt: new Date(r.recorded_at).toISOString(),
  }));
}

export async function packageView(q: Queryable, doc: FulfillmentDocument, packageId: string): Promise<PackageView> {
  const pkg = doc.packages.find((p) => p.id === packageId);
  if (!pkg) throw problems.notFound(`package ${packageId}`);
  const d = await readDetails(q, packageId);
  return {
    id: pkg.id,
    fulfillmentOrderId: doc.id,
    orderId: doc.orderId,
    warehouseId: doc.warehouseId,
    status: pkg.status,
    contents: pkg.contents,
    weightGrams: pkg.weightGrams,
    dimensions: d.dimensions,
    carrier: pkg.carrier,
    service: d.service ?? pkg.service ?? null,
    trackingNumber: pkg.trackingNumber,
    trackingUrl: pkg.trackingUrl ?? null,
    trackingNumbers: d.trackingNumbers.length ? d.trackingNumbers : pkg.trackingNumber ? [pkg.trackingNumber] : [],
    sscc: pkg.sscc,
    labelFormat: pkg.labelFormat,
    labelUrl: d.label?.url ?? null,
    createdAt: pkg.createdAt,
    shippedAt: pkg.shippedAt,
    deliveredAt: d.deliveredAt,
    voidReason: d.voidReason,
    tracking: await readTracking(q, packageId),
  };
}

import {
  manifestNumber,
  manifestTotals,
  type ManifestPackage,
  type ManifestSummary,
  type ManifestView,
  type PendingManifest,
} from '../../shared/api/manifests';
import { HANDED_OVER } from '../../shared/domain/package-status';
import type { Actor } from '../../shared/events/station-events';
import type { FulfillmentDocument } from '../../shared/sync/fulfillment-document';
import type { Queryable } from '../db/database';
import { toInt, toIso } from '../db/database';
import type { Row } from '../db/schema';
import { problems } from '../http/problem';

/**
 * The writer of manifests and manifest_packages. A manifest closes out one carrier at one
 * warehouse: every package handed to that carrier there (shipped or further along) that no
 * earlier manifest holds. A package voided before close-out never shipped, so it is never listed.
 */

/**
 * A ship's transaction stamps its fulfillment order's updated_at when it starts, and can commit
 * after a close-out that began later: look back this far before the last close-out so no late
 * commit is missed (the manifest_packages key keeps a package off a second manifest).
 */
const LATE_COMMIT_MARGIN = "interval '1 day'";

async function unmanifestedPackages(q: Queryable, warehouseId: string, carrier: string): Promise<ManifestPackage[]> {
  const rows = await q.query<{ doc: FulfillmentDocument }>(
    `select doc from fulfillment_orders f
      where warehouse_id = $1
        and updated_at >= coalesce((select max(closed_at) from manifests m where m.warehouse_id = $1 and lower(m.carrier) = lower($2)) - ${LATE_COMMIT_MARGIN}, '-infinity')
        and exists (select 1 from jsonb_array_elements(f.doc -> 'packages') p where lower(p ->> 'carrier') = lower($2) and p ->> 'shippedAt' is not null)`,
    [warehouseId, carrier],
  );
  const candidates = rows.flatMap(({ doc }) =>
    doc.packages
      .filter((p) => p.carrier?.toLowerCase() === carrier.toLowerCase() && p.shippedAt && HANDED_OVER.has(p.status))
      .map((p): ManifestPackage => ({
        packageId: p.id,
        fulfillmentOrderId: doc.id,
        orderId: doc.orderId,
        orderNumber: doc.orderNumber,
        service: p.service ?? null,
        trackingNumber: p.trackingNumber,
        weightGrams: p.weightGrams,
        shippedAt: p.shippedAt!,
      })),
  );
  if (!candidates.length) return [];
  const listed = await q.query<{ package_id: string }>('select package_id from manifest_packages where package_id = any($1::uuid[])', [
    candidates.map((c) => c.packageId),
  ]);
  const onManifest = new Set(listed.map((r) => r.package_id));
  // A service labelled through the API is kept in package_details, not in the document.
  const details = await q.query<{ package_id: string; service: string | null }>(
    'select package_id, service from package_details where package_id = any($1::uuid[]) and service is not null',
    [candidates.map((c) => c.packageId)],
  );
  const serviceOf = new Map(details.map((d) => [d.package_id, d.service]));
  return candidates
    .filter((c) => !onManifest.has(c.packageId))
    .map((c) => ({ ...c, service: serviceOf.get(c.packageId) ?? c.service }))
    .sort((a, b) => a.shippedAt.localeCompare(b.shippedAt) || a.packageId.localeCompare(b.packageId));
}

export async function pendingManifest(q: Queryable, warehouseId: string, carrier: string): Promise<PendingManifest> {
  const packages = await unmanifestedPackages(q, warehouseId, carrier);
  return { warehouseId, carrier, ...manifestTotals(packages).all, packages };
}

async function warehouseCode(q: Queryable, warehouseId: string, lock: boolean): Promise<string> {
  // No-key update: close-outs of a warehouse queue behind each other, while rows that merely reference it do not wait.
  const [row] = await q.query<{ code: string }>(`select code from warehouses where id = $1${lock ? ' for no key update' : ''}`, [
    warehouseId,
  ]);
  if (!row) throw problems.notFound(`warehouse ${warehouseId}`);
  return row.code;
}

/** Closes out a carrier at a warehouse. Run in a transaction: close-outs of one warehouse queue on its row. */
export async function closeManifest(tx: Queryable, warehouseId: string, carrier: string, actor: Actor): Promise<ManifestView> {
  await warehouseCode(tx, warehouseId, true);
  const packages = await unmanifestedPackages(tx, warehouseId, carrier);
  if (!packages.length) throw problems.conflict('manifest_empty', `nothing has shipped with ${carrier} here since the last manifest`);
  const [last] = await tx.query<{ sequence: number | null }>(
    'select max(sequence) as sequence from manifests where warehouse_id = $1 and lower(carrier) = lower($2)',
    [warehouseId, carrier],
  );
  const id = crypto.randomUUID();
  const totals = manifestTotals(packages).all;
  await tx.query(
    `insert into manifests (id, warehouse_id, carrier, sequence, package_count, total_weight_grams, unweighed_count, closed_by)
     values ($1,$2,$3,$4,$5,$6,$7,$8)`,
    [
      id,
      warehouseId,
      carrier.toLowerCase(),
      (last?.sequence ?? 0) + 1,
      totals.packageCount,
      totals.totalWeightGrams,
      totals.unweighedCount,
      JSON.stringify(actor),
    ],
  );
  await tx.query(
    `insert into manifest_packages (package_id, manifest_id, fulfillment_order_id, order_id, order_number, service, tracking_number, weight_grams, shipped_at)
     select p, $1, f, o, n, s, t, w, a
       from unnest($2::uuid[], $3::uuid[], $4::uuid[], $5::text[], $6::text[], $7::text[], $8::int[], $9::timestamptz[]) as x(p, f, o, n, s, t, w, a)`,
    [
      id,
      packages.map((p) => p.packageId),
      packages.map((p) => p.fulfillmentOrderId),
      packages.map((p) => p.orderId),
      packages.map((p) => p.orderNumber),
      packages.map((p) => p.service),
      packages.map((p) => p.trackingNumber),
      packages.map((p) => p.weightGrams),
      packages.map((p) => p.shippedAt),
    ],
  );
  return readManifest(tx, id);
}

type ManifestRow = Row<'manifests'> & { code: string };

function summaryOf(r: ManifestRow, packages: readonly ManifestPackage[]): ManifestSummary {
  const actor = r.closed_by as Actor;
  return {
    id: r.id,
    number: manifestNumber(r.code, r.carrier, r.sequence),
    warehouseId: r.warehouse_id,
    warehouseCode: r.code,
    carrier: r.carrier,
    sequence: r.sequence,
    packageCount: r.package_count,
    totalWeightGrams: toInt(r.total_weight_grams),
    unweighedCount: r.unweighed_count,
    byService: manifestTotals(packages).byService,
    closedAt: toIso(r.closed_at),
    closedBy: actor.name ?? actor.id,
  };
}

async function packagesOf(q: Queryable, manifestIds: readonly string[]): Promise<(ManifestPackage & { manifestId: string })[]> {
  if (!manifestIds.length) return [];
  const rows = await q.query<Row<'manifest_packages'>>(
    'select * from manifest_packages where manifest_id = any($1::uuid[]) order by shipped_at, package_id',
    [manifestIds],
  );
  return rows.map((r) => ({
    manifestId: r.manifest_id,
    packageId: r.package_id,
    fulfillmentOrderId: r.fulfillment_order_id,
    orderId: r.order_id,
    orderNumber: r.order_number,
    service: r.service,
    trackingNumber: r.tracking_number,
    weightGrams: r.weight_grams,
    shippedAt: toIso(r.shipped_at),
  }));
}

const SELECT = 'select m.*, w.code from manifests m join warehouses w on w.id = m.warehouse_id';

export async function readManifest(q: Queryable, id: string): Promise<ManifestView> {
  const [row] = await q.query<ManifestRow>(`${SELECT} where m.id = $1`, [id]);
  if (!row) throw problems.notFound(`manifest ${id}`);
  const packages = (await packagesOf(q, [id])).map(({ manifestId: _m, ...p }) => p);
  return { ...summaryOf(row, packages), packages };
}

/** A warehouse's manifests, newest first. */
export async function listManifests(
  q: Queryable,
  warehouseId: string,
  filter: { carrier?: string; limit: number },
): Promise<ManifestSummary[]> {
  const rows = await q.query<ManifestRow>(
    `${SELECT} where m.warehouse_id = $1 and ($2::text is null or m.carrier = lower($2)) order by m.closed_at desc, m.sequence desc limit $3`,
    [warehouseId, filter.carrier ?? null, filter.limit],
  );
  const packages = await packagesOf(
    q,
    rows.map((r) => r.id),
  );
  return rows.map((r) =>
    summaryOf(
      r,
      packages.filter((p) => p.manifestId === r.id),
    ),
  );
}

import type { Queryable } from '../db/database';
import type { TrackingMode } from '../../shared/domain/unit-tracking';
import type { FulfillmentDocument } from '../../shared/sync/fulfillment-document';
import { saveFulfillmentOrders } from '../fulfillment/fulfillment-store';
import { getSkuTracking, withFlag, writeSkuTracking, type SkuTracking } from './sku-tracking-store';

/** Statuses of fulfillment orders a station may still pack. */
const WORKED = ['open', 'in_progress', 'on_hold'];

/**
 * Sets a SKU's flag and stamps it on the fulfillment orders still being worked (each takes a new
 * revision, so stations replicate it); returns the flag and how many orders changed.
 */
export async function setSkuTracking(tx: Queryable, sku: string, mode: TrackingMode): Promise<{ flag: SkuTracking; restamped: number }> {
  await writeSkuTracking(tx, sku, mode);
  // Locked in id order, as pushes lock them.
  const rows = await tx.query<{ doc: FulfillmentDocument }>(
    `select doc from fulfillment_orders where status = any($1::text[]) and doc->'lines' @> $2::jsonb order by id for update`,
    [WORKED, JSON.stringify([{ sku }])],
  );
  const changed = rows
    .map((r) => r.doc)
    .filter((d) => d.lines.some((l) => l.sku === sku && (l.tracking ?? 'none') !== mode))
    .map((d) => ({ ...d, lines: d.lines.map((l) => (l.sku === sku ? withFlag(l, mode) : l)) }));
  await saveFulfillmentOrders(tx, changed);
  return { flag: await getSkuTracking(tx, sku), restamped: changed.length };
}

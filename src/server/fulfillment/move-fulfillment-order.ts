import type { Queryable } from '../db/database';
import type { Actor } from '../../shared/events/station-events';
import type { FulfillmentDocument } from '../../shared/sync/fulfillment-document';
import { applyFulfillmentAdminEvent } from '../../shared/sync/fulfillment-admin';
import { problems } from '../http/problem';
import { reserveFulfillmentOrder, unreserveFulfillmentOrder } from '../inventory/inventory-store';
import { nextRev, notifyChange } from '../sync/revisions';
import type { LeasePolicy } from '../leases/lease-policy';
import { assignToStation } from '../leases/lease-store';
import { adminEvent, recordAdminEvent, refusalProblem } from './apply-admin-event';
import { saveFulfillmentOrder } from './fulfillment-store';
import { requirePackingStation } from '../stations/station-store';

export interface MoveTarget {
  warehouseId?: string;
  stationId?: string;
  reason: string;
}

/**
 * Moves a fulfillment order to another warehouse and/or station. To another warehouse: refused
 * while a station holds it, or once items were picked or packed. To a station: taken from the
 * station holding it, if any. The same document changes warehouse: its
 * reservation moves with it (refused if the new warehouse is short), the old warehouse's
 * stations get a tombstone and the new warehouse's stations pull it.
 */
export async function moveFulfillmentOrder(
  tx: Queryable,
  doc: FulfillmentDocument,
  target: MoveTarget,
  actor: Actor,
  leases: LeasePolicy,
): Promise<FulfillmentDocument> {
  const station = target.stationId ? await requirePackingStation(tx, target.stationId, target.warehouseId ?? null) : null;
  const toWarehouseId = target.warehouseId ?? station!.warehouseId;
  let current = doc;

  if (toWarehouseId !== doc.warehouseId) {
    const [wh] = await tx.query<{ kind: string }>('select kind from warehouses where id = $1', [toWarehouseId]);
    if (!wh) throw problems.notFound(`warehouse ${toWarehouseId}`);
    const event = adminEvent(doc, {
      type: 'fulfillment-order-moved',
      payload: { fromWarehouseId: doc.warehouseId, toWarehouseId, reason: target.reason },
      actor,
    });
    const result = applyFulfillmentAdminEvent(doc, event);
    if (!result.ok) throw refusalProblem(result, { doc, action: 'fulfillment-order-moved' });
    await unreserveFulfillmentOrder(tx, doc);
    if (wh.kind === 'warehouse') await reserveFulfillmentOrder(tx, result.doc);
    current = await saveFulfillmentOrder(tx, result.doc);
    await tombstone(tx, doc.id, doc.warehouseId);
    await recordAdminEvent(tx, event);
  }

  // A supervisor's move takes the order from whichever station holds it: that station's later work on it is a conflict.
  if (station) current = await assignToStation(tx, current, station, actor, { takeover: true, reason: target.reason }, leases);
  return current;
}

/** The document left this warehouse's scope: its stations pull it as deleted. */
export async function tombstone(tx: Queryable, docId: string, warehouseId: string): Promise<void> {
  const rev = await nextRev(tx);
  await tx.query(
    `insert into sync_tombstones (collection, doc_id, warehouse_id, rev) values ('fulfillment_orders', $1, $2, $3)
     on conflict (collection, doc_id, warehouse_id) do update set rev = excluded.rev`,
    [docId, warehouseId, rev],
  );
  await notifyChange(tx, warehouseId, rev);
}

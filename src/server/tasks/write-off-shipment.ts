import type { TaskView, WrittenOffShipment } from '../../shared/api/tasks';
import { hasShipmentToAccept } from '../../shared/api/tasks';
import type { Actor } from '../../shared/events/station-events';
import { orderEnded } from '../../shared/sync/package-moves';
import type { Queryable } from '../db/database';
import { requireFulfillmentOrder } from '../fulfillment/fulfillment-store';
import { problems } from '../http/problem';
import { takeOffHand } from '../inventory/inventory-store';
import { requireStationOf } from '../stations/station-store';
import { appendTimeline } from '../timeline/timeline';
import { conflictedParcelsOf, parcelName } from './conflicted-parcels';
import { updateTask } from './task-store';
import { NO_PARCEL, TASK_CLOSED } from './accept-shipment';

/**
 * A station shipped a parcel while offline, and meanwhile its order was cancelled, closed
 * incomplete or moved to another warehouse, so the order cannot take it (acceptShipment refuses).
 * The units still left the building: they come off stock at the shipping station's warehouse
 * (the cancellation had given them back), the timeline says so, and the task is resolved with
 * what is left to do, which is the customer's matter.
 */
export async function writeOffShipment(tx: Queryable, task: TaskView, by: { actor: Actor; note?: string }): Promise<WrittenOffShipment> {
  if (task.status !== 'open' && task.status !== 'in_progress') throw problems.conflict('task_not_open', TASK_CLOSED);
  const parcels = hasShipmentToAccept(task) && task.fulfillmentOrderId ? await conflictedParcelsOf(tx, task) : [];
  if (!parcels.length) throw problems.conflict('task_has_no_shipment', NO_PARCEL);
  const doc = await requireFulfillmentOrder(tx, task.fulfillmentOrderId!, true);
  const station = await requireStationOf(tx, parcels[0]!.stationId, null);
  if (!orderEnded(doc) && doc.warehouseId === station.warehouseId)
    throw problems.conflict(
      'shipment_to_accept',
      `${doc.orderNumber} still needs these units: accept the shipment instead, so the order takes the parcel`,
    );
  const bySku = new Map<string, number>();
  for (const parcel of parcels)
    for (const c of parcel.created.contents) {
      const sku = doc.lines.find((l) => l.lineId === c.lineId)?.sku;
      if (sku) bySku.set(sku, (bySku.get(sku) ?? 0) + c.quantity);
    }
  const offAlready = await writtenOffWhenEnded(tx, doc, station.warehouseId);
  const units: WrittenOffShipment['units'] = [];
  for (const [sku, inParcel] of [...bySku].sort(([a], [b]) => a.localeCompare(b))) {
    const alreadyOff = Math.min(inParcel, offAlready.get(sku) ?? 0);
    const level = await takeOffHand(tx, station.warehouseId, sku, inParcel - alreadyOff);
    units.push({ sku, quantity: inParcel - alreadyOff, alreadyOff, onHand: level.onHand });
  }
  const parcelsNamed = parcels.map(parcelName).join(', ');
  await appendTimeline(tx, {
    type: 'parcel-written-off',
    orderId: doc.orderId,
    fulfillmentOrderId: doc.id,
    entityIds: { fulfillmentOrderId: doc.id, warehouseId: station.warehouseId, stationId: station.id, taskId: task.id },
    payload: {
      packageIds: parcels.map((p) => p.packageId),
      units,
      reason: `shipped from ${station.name} after the order ${endedHow(doc, station)}`,
    },
    actor: by.actor,
  });
  const who = by.actor.name ?? by.actor.id;
  const counted = units
    .map((u) => `${u.quantity} × ${u.sku}${u.alreadyOff ? `, ${u.alreadyOff} written off when it ended` : ''}`)
    .join('; ');
  const note =
    `${who} took ${parcelsNamed} off stock (${counted}): it left ${station.name} after ${doc.orderNumber} ${endedHow(doc, station)}. ` +
    `Intercept the parcel or arrange its return, and tell the customer${by.note ? `. ${by.note}` : ''}`;
  const resolved = await updateTask(tx, task, { status: 'done', note }, by.actor);
  return { task: resolved, warehouseId: station.warehouseId, units };
}

function endedHow(doc: { status: string; warehouseId: string }, station: { warehouseId: string }): string {
  if (doc.warehouseId !== station.warehouseId) return 'was moved to another warehouse';
  return doc.status === 'cancelled' ? 'was cancelled' : 'was closed incomplete';
}

/**
 * Units of the order the cancellation (or a partial cancel) wrote off rather than restocked at
 * that warehouse, per SKU: they are off stock already, and must not be taken off twice. Entries
 * name what they wrote off (writtenOff); older ones, from before a cancel wrote off only picked
 * units, wrote off all they released when they did not restock.
 */
async function writtenOffWhenEnded(q: Queryable, doc: { orderId: string; id: string }, warehouseId: string): Promise<Map<string, number>> {
  const rows = await q.query<{ sku: string; units: unknown }>(
    `select r.value ->> 'sku' as sku, (r.value ->> 'units')::int as units
       from timeline_events e,
            jsonb_array_elements(case when e.payload -> 'writtenOff' is not null then e.payload -> 'writtenOff'
                                      when e.payload ->> 'restock' = 'false' then e.payload -> 'released'
                                      else '[]'::jsonb end) as r
      where e.order_id = $1 and e.type = 'reservations-released' and r.value ->> 'warehouseId' = $2
     union all
     select e.payload ->> 'sku', coalesce((e.payload ->> 'writtenOff')::int, (e.payload ->> 'units')::int)
       from timeline_events e
      where e.fulfillment_order_id = $3 and e.type = 'fulfillment-order-lines-reduced' and e.payload ->> 'restock' = 'false'`,
    [doc.orderId, warehouseId, doc.id],
  );
  const off = new Map<string, number>();
  for (const r of rows) off.set(r.sku, (off.get(r.sku) ?? 0) + Number(r.units));
  return off;
}

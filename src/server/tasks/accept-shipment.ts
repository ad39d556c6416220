import { hasShipmentToAccept, type AcceptedShipment, type TaskView } from '../../shared/api/tasks';
import type { Actor } from '../../shared/events/station-events';
import type { FulfillmentDocument } from '../../shared/sync/fulfillment-document';
import { holderOf } from '../../shared/sync/fulfillment-lease';
import { orderEnded } from '../../shared/sync/package-moves';
import type { Queryable } from '../db/database';
import { applyAdminChange } from '../fulfillment/apply-admin-event';
import { requireFulfillmentOrder } from '../fulfillment/fulfillment-store';
import { problems } from '../http/problem';
import type { LeasePolicy } from '../leases/lease-policy';
import { assignToStation } from '../leases/lease-store';
import { recordPackedUnits } from '../lots/packed-unit-store';
import { labelPackage } from '../packages/label-package';
import { shipPackage } from '../packages/ship-package';
import { requireStationOf } from '../stations/station-store';
import { packedUnitsOfPackage } from '../sync/push-serials';
import { conflictedParcelsOf, parcelName, type ConflictedParcel } from './conflicted-parcels';
import { updateTask } from './task-store';

type Station = { id: string; name: string; warehouseId: string };

/** Said when the task was dealt with meanwhile (accept and write-off alike). */
export const TASK_CLOSED =
  'This task was already dealt with (its parcel accepted or written off, or the task resolved): refresh to see what was done';
/** Said when the task is about no parcel to accept or write off. */
export const NO_PARCEL =
  'This task is not about a parcel a station shipped without the server recording it: resolve it with a note instead';

/**
 * A supervisor accepts a parcel a station shipped while its order had been moved away from it
 * (to another station, or back to the pool): the parcel left the building, so the order takes it.
 * In the caller's transaction, on the locked task and fulfillment order: the order goes back to
 * the station that shipped it (the station holding it now is told it was moved away), the package
 * is recorded with its contents and label and shipped through the package routes' own steps (stock,
 * order progress, timeline, customer notification), and the task is resolved saying so.
 */
export async function acceptShipment(
  tx: Queryable,
  task: TaskView,
  by: { actor: Actor; note?: string },
  leases: LeasePolicy,
): Promise<AcceptedShipment> {
  if (task.status !== 'open' && task.status !== 'in_progress') throw problems.conflict('task_not_open', TASK_CLOSED);
  const parcels = hasShipmentToAccept(task) && task.fulfillmentOrderId ? await conflictedParcelsOf(tx, task) : [];
  if (!parcels.length) throw problems.conflict('task_has_no_shipment', NO_PARCEL);
  let doc = await requireFulfillmentOrder(tx, task.fulfillmentOrderId!, true);
  const station = await requireStationOf(tx, parcels[0]!.stationId, null);
  refuseEndedOrder(doc, station);
  refuseUnitsPackedElsewhere(doc, parcels);
  const holder = holderOf(doc);
  if (holder && holder.stationId !== station.id) {
    const reason = `${station.name} shipped it while offline; the shipment was accepted`;
    doc = await assignToStation(tx, doc, station, by.actor, { takeover: true, reason }, leases);
  }
  for (const parcel of parcels) doc = await recordShippedParcel(tx, doc, parcel, station, by.actor);
  const who = by.actor.name ?? by.actor.id;
  const note = `Shipment accepted by ${who}: ${parcels.map(parcelName).join(', ')} recorded as shipped from ${station.name}${by.note ? `. ${by.note}` : ''}`;
  const resolved = await updateTask(tx, task, { status: 'done', note }, by.actor);
  return { task: resolved, fulfillmentOrderId: doc.id, stationId: station.id, packageIds: parcels.map((p) => p.packageId) };
}

/** Cancelled, closed incomplete or moved to another warehouse: nothing ships for it from here any more. */
function refuseEndedOrder(doc: FulfillmentDocument, station: Station): void {
  if (!orderEnded(doc) && doc.warehouseId === station.warehouseId) return;
  const what = doc.warehouseId !== station.warehouseId ? 'was moved to another warehouse' : `is ${doc.status}`;
  throw problems.conflict(
    'shipment_order_ended',
    `${doc.orderNumber} ${what}, so the parcel ${station.name} shipped cannot be accepted onto it: take its units off stock instead; the parcel is a customer-service matter (intercept it or arrange its return, and tell the customer)`,
  );
}

/** The parcel's units must still be to pack: another station may have packed or shipped them meanwhile. */
function refuseUnitsPackedElsewhere(doc: FulfillmentDocument, parcels: readonly ConflictedParcel[]): void {
  const packed = new Map(doc.lines.map((l) => [l.lineId, l.packed]));
  for (const parcel of parcels) {
    if (doc.packages.some((p) => p.id === parcel.packageId))
      throw problems.conflict(
        'shipment_already_recorded',
        `${doc.orderNumber} already has that parcel on it: there is nothing to accept; resolve the task with a note`,
      );
    for (const c of parcel.created.contents) {
      const line = doc.lines.find((l) => l.lineId === c.lineId);
      const before = packed.get(c.lineId) ?? 0;
      if (!line || before + c.quantity > line.quantity)
        throw problems.conflict(
          'shipment_units_already_packed',
          line
            ? `${line.sku}: the parcel holds ${c.quantity}, but only ${Math.max(0, line.quantity - before)} of ${line.quantity} are left to pack: another station already packed or shipped them. Intercept the parcel, or void the other package first`
            : 'the parcel holds an item that is no longer on the order',
        );
      packed.set(c.lineId, before + c.quantity);
    }
  }
}

async function recordShippedParcel(
  tx: Queryable,
  doc: FulfillmentDocument,
  parcel: ConflictedParcel,
  station: Station,
  actor: Actor,
): Promise<FulfillmentDocument> {
  const { packageId, created, label } = parcel;
  const reason = `packed at ${station.name} while offline; shipment accepted`;
  let saved = await applyAdminChange(tx, doc, {
    type: 'package-recorded',
    payload: { packageId, contents: created.contents, weightGrams: created.weightGrams },
    actor,
    stationId: station.id,
    occurredAt: created.occurredAt,
    reason,
  });
  // Lots and serials, as a pushed package records them.
  await recordPackedUnits(tx, packedUnitsOfPackage(created, saved));
  if (label)
    saved = await labelPackage(
      tx,
      saved,
      packageId,
      {
        carrier: label.carrier,
        trackingNumbers: label.trackingNumber ? [label.trackingNumber] : [],
        sscc: label.sscc,
        format: label.format,
        printJobId: label.printJobId,
        labelUrl: null,
        service: label.service ?? null,
        onDocument: {
          ...(label.service ? { service: label.service } : {}),
          ...(label.trackingUrl ? { trackingUrl: label.trackingUrl } : {}),
        },
      },
      { actor, stationId: station.id, reason: `label printed at ${station.name} while offline; shipment accepted` },
    );
  return shipPackage(tx, saved, {
    packageId,
    occurredAt: parcel.shipped.occurredAt,
    actor,
    stationId: station.id,
    note: null,
    reason: `handed to the carrier at ${station.name} while offline; shipment accepted`,
  });
}

import type { z } from 'zod';
import type { TaskView } from '../../shared/api/tasks';
import { LabelPrinted, PackageCreated, type Actor } from '../../shared/events/station-events';
import type { Queryable } from '../db/database';
import { conflictedStationEvents } from '../timeline/timeline';

/** A parcel a station packed, labelled and shipped, as its conflicted events on the timeline say. */
export interface ConflictedParcel {
  stationId: string;
  packageId: string;
  created: z.output<typeof PackageCreated.shape.payload> & { occurredAt: string };
  /** The last label printed for it (none: the station shipped it unlabelled, which its own fold does not allow). */
  label: z.output<typeof LabelPrinted.shape.payload> | null;
  shipped: { occurredAt: string; actor: Actor };
}

/**
 * The parcels a sync-conflict task says were shipped: each conflicted package-shipped it lists,
 * with the package-created and label-printed of that package from the same station (looked up by
 * package, so a box packed in an earlier push than its shipment is found too). A shipment whose
 * box the timeline does not hold is left out: there is nothing to record.
 */
export async function conflictedParcelsOf(q: Queryable, task: TaskView): Promise<ConflictedParcel[]> {
  const listed = Array.isArray(task.detail.eventIds) ? task.detail.eventIds.filter((x): x is string => typeof x === 'string') : [];
  if (!task.orderId || !listed.length) return [];
  const shipped = (await conflictedStationEvents(q, task.orderId, { ids: listed })).filter((e) => e.type === 'package-shipped');
  const parcels: ConflictedParcel[] = [];
  for (const ship of shipped) {
    const packageId = ship.entityIds.packageId;
    if (!packageId || !ship.stationId) continue;
    const events = await conflictedStationEvents(q, task.orderId, { stationId: ship.stationId, packageId });
    const created = events.find((e) => e.type === 'package-created');
    if (!created) continue;
    const label = events.findLast((e) => e.type === 'label-printed');
    parcels.push({
      stationId: ship.stationId,
      packageId,
      created: { ...PackageCreated.shape.payload.parse(created.payload), occurredAt: created.occurredAt },
      label: label ? LabelPrinted.shape.payload.parse(label.payload) : null,
      shipped: { occurredAt: ship.occurredAt, actor: ship.actor },
    });
  }
  return parcels;
}

/** How a person finds the parcel: by its SSCC and tracking number, as its label shows them. */
export function parcelName(p: ConflictedParcel): string {
  const names = [p.label?.sscc && `SSCC ${p.label.sscc}`, p.label?.trackingNumber && `tracking ${p.label.trackingNumber}`].filter(Boolean);
  return names.length ? `the parcel (${names.join(', ')})` : `package ${p.packageId}`;
}

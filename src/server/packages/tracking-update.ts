import type { z } from 'zod';
import type { TrackingUpdateRequest } from '../../shared/api/fulfillment';
import type { Actor } from '../../shared/events/station-events';
import type { FulfillmentDocument } from '../../shared/sync/fulfillment-document';
import type { Queryable } from '../db/database';
import { applyAdminChange } from '../fulfillment/apply-admin-event';
import { openCarrierTask } from './carrier-tasks';
import { refreshOrderDelivery } from './order-delivery';
import { insertTrackingEvent, packageView, saveDetails } from './package-store';

/**
 * One carrier update of a locked package, from the API or a carrier's signed push: recorded once
 * per external id, the package moved (a refused move throws and rolls the record back, so a
 * redelivery later can still apply), a supervisor task for an exception or a parcel coming back,
 * and the order delivered when all its parcels are.
 */
export async function recordTrackingUpdate(
  tx: Queryable,
  doc: FulfillmentDocument,
  id: string,
  input: z.output<typeof TrackingUpdateRequest>,
  actor: Actor,
) {
  const occurredAt = input.occurredAt ?? new Date().toISOString();
  const fresh = await insertTrackingEvent(tx, id, {
    status: input.status,
    description: input.description ?? null,
    location: input.location ?? null,
    externalId: input.externalId ?? null,
    occurredAt,
    actor,
  });
  if (!fresh) return { fresh, view: await packageView(tx, doc, id) };
  const saved = await applyAdminChange(tx, doc, {
    type: 'package-tracking-updated',
    payload: { packageId: id, status: input.status, trackingNumber: input.trackingNumber ?? null },
    actor,
    occurredAt,
    reason: input.description ?? `carrier reported ${input.status.replace(/_/g, ' ')}${input.location ? ` at ${input.location}` : ''}`,
  });
  if (input.status === 'exception' || input.status === 'returned_to_sender')
    await openCarrierTask(tx, saved, id, input.status, input.description ?? null);
  if (input.status === 'delivered') {
    await saveDetails(tx, saved, id, { deliveredAt: occurredAt });
    await refreshOrderDelivery(tx, doc.orderId, { kind: 'system', id: 'order-progress' });
  }
  return { fresh, view: await packageView(tx, saved, id) };
}

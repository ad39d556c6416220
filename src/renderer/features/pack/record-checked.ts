import { applyStationEvent } from '../../../shared/sync/fulfillment-reducer';
import type { FulfillmentDocument } from '../../../shared/sync/fulfillment-document';
import type { StationRuntime } from '../../app/station-runtime';
import { useStation } from '../../app/station-store';
import type { NewEvent } from '../../db/sync-outbox';

/** Checks the event against the current view with the shared reducer before recording it; says why not. */
export async function recordChecked(rt: StationRuntime, doc: FulfillmentDocument, event: NewEvent): Promise<boolean> {
  const trial = applyStationEvent(doc, { ...event, id: crypto.randomUUID(), seq: Number.MAX_SAFE_INTEGER, stationId: rt.stationId, occurredAt: new Date().toISOString() } as never);
  if (!trial.ok) {
    useStation.getState().say('error', trial.message);
    return false;
  }
  await rt.outbox.record(event);
  return true;
}

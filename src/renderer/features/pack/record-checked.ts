import { applyStationEvent } from '../../../shared/sync/fulfillment-reducer';
import type { FulfillmentDocument } from '../../../shared/sync/fulfillment-document';
import type { StationRuntime } from '../../app/station-runtime';
import { useStation } from '../../app/station-store';
import type { OutboxDocument } from '../../db/schemas';
import type { NewEvent } from '../../db/sync-outbox';

/** Who hears of an event as soon as it has its seq (before its write), and of a write that failed. */
export interface RecordWatcher {
  recorded(event: OutboxDocument): void;
  withdrawn(eventId: string): void;
}

/**
 * Checks the event against the current view with the shared reducer before recording it; says why not.
 * `shown` runs when the event counts (before its write lands), with the watcher told first.
 */
export async function recordChecked(
  rt: StationRuntime,
  doc: FulfillmentDocument,
  event: NewEvent,
  watcher?: RecordWatcher,
  shown?: () => void,
): Promise<boolean> {
  const trial = applyStationEvent(doc, {
    ...event,
    id: crypto.randomUUID(),
    seq: Number.MAX_SAFE_INTEGER,
    stationId: rt.stationId,
    occurredAt: new Date().toISOString(),
  } as never);
  if (!trial.ok) {
    useStation.getState().say('error', trial.message);
    return false;
  }
  let accepted: OutboxDocument | null = null;
  try {
    await rt.outbox.record(event, (e) => {
      accepted = e;
      watcher?.recorded(e);
      shown?.();
    });
  } catch (err) {
    if (accepted) watcher?.withdrawn((accepted as OutboxDocument).id);
    throw err;
  }
  return true;
}

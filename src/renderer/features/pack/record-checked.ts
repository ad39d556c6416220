import { applyStationEvent } from '../../../shared/sync/fulfillment-reducer';
import type { FulfillmentDocument } from '../../../shared/sync/fulfillment-document';
import type { StationRuntime } from '../../app/station-runtime';
import { useStation } from '../../app/station-store';
import type { OutboxDocument } from '../../db/schemas';
import type { NewEvent } from '../../db/sync-outbox';
import { sayNotRecorded } from '../../scanner/one-scan-at-a-time';
import { randomUuid } from '../../../shared/random-uuid';

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
    id: randomUuid(),
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

/**
 * recordChecked for a scan the watcher's view holds in memory: done as soon as the event counts
 * (its seq given, the watcher told, `shown` run), so the next scan is handled from the view
 * without waiting for this one's IndexedDB write. A write that fails afterwards is withdrawn from
 * the view and said, as for any scan not recorded. Whatever reads the database next waits for
 * the write first (outbox.settled()).
 */
export function recordCounted(
  rt: StationRuntime,
  doc: FulfillmentDocument,
  event: NewEvent,
  watcher: RecordWatcher,
  shown?: () => void,
): Promise<boolean> {
  return new Promise((resolve, reject) => {
    let counted = false;
    const countedNow = () => {
      counted = true;
      shown?.();
      resolve(true);
    };
    recordChecked(rt, doc, event, watcher, countedNow).then(
      (ok) => resolve(ok),
      (err: unknown) => (counted ? sayNotRecorded(err) : reject(err)),
    );
  });
}

import type { Database } from '../db/database';
import type { PushResponse, UnreadableEvent } from '../../shared/sync/sync-protocol';
import { classify, returnDecision } from './push-classify';
import { decideInTurns } from './push-decide';
import { PushEffects } from './push-effects';
import { readPushedEvents, type ReadableItem } from './push-intake';
import { applyPushedReturnEvent, type PushPrefixes } from './push-returns';
import { loadPushState, type PushingStation } from './push-state';
import { storePushEffects } from './push-store';
import { withDocVersions } from './push-doc-versions';

export type { PushingStation } from './push-state';

/**
 * Applies a station's pushed events in seq order, each with its acknowledgement (the timeline row
 * with its unique (station_id, station_seq)) in the same transaction. A retried or replayed event
 * is recognised and answered with its recorded outcome; nothing is applied twice.
 *
 * - Each event is read on its own (push-intake.ts): one whose content breaks the rules is refused
 *   alone, recorded as rejected and reported to a supervisor (push-rejected.ts); the rest of the
 *   batch is applied. What an event holds never fails the push.
 * - Physical facts are never refused: if one no longer fits, it is recorded as conflicted and a
 *   supervisor task is opened. Each event's actor is checked (push-actors.ts).
 * - Returns-desk events share the station's seq order and this transaction, but go through the
 *   return actions the REST routes use (push-returns.ts).
 *
 * The work is split in three: a pure classification of each event against the batch's state
 * (push-classify.ts), an accumulator of what the decisions add up to (push-effects.ts), and one
 * store call writing it all (push-store.ts). The events are decided in turns (push-decide.ts), so
 * other pushes' statements are sent meanwhile.
 */
export async function pushEvents(
  db: Database,
  station: PushingStation,
  events: readonly unknown[],
  prefixes: PushPrefixes = { orderNumberPrefix: 'ORD', returnNumberPrefix: 'RMA' },
): Promise<PushResponse> {
  const items = readPushedEvents(events, station.id);
  const unreadable: UnreadableEvent[] = items.flatMap((i) =>
    i.kind === 'unreadable' ? [{ index: i.index, code: i.refusal.code, message: i.refusal.message }] : [],
  );
  const readable = items.filter((i): i is ReadableItem => i.kind !== 'unreadable').sort((a, b) => a.seq - b.seq || a.index - b.index);
  const { outcomes, lastSeq } = await retryingIdRace(() =>
    db.transaction(async (tx) => {
      const state = await loadPushState(tx, station, readable);
      const effects = new PushEffects(state);
      await decideInTurns(readable, async (item) => {
        const decision = classify(item, state);
        if (decision.kind === 'return-event') {
          effects.take(
            returnDecision(decision.event, state, await applyPushedReturnEvent(tx, station, decision.event, state.users, prefixes)),
          );
        } else effects.take(decision);
      });
      const { lastSeq, savedVersions } = await storePushEffects(tx, station.id, effects);
      return { outcomes: await withDocVersions(tx, readable, effects.outcomes, savedVersions), lastSeq };
    }),
  );
  return { outcomes, unreadable, lastSeq };
}

/**
 * Pushes of one station run one at a time (push-state.ts), but two stations may push events with
 * the same id at the same moment (a forged or corrupted id): the later insert then violates the
 * timeline's unique id. Run again, the batch sees the other station's row and refuses that event
 * with event_id_taken, so an event's content never turns into a server error.
 */
async function retryingIdRace<T>(run: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (err) {
      const e = err as { code?: string; constraint?: string; message?: string };
      const idTaken = e.code === '23505' && (e.constraint === 'timeline_events_id_key' || e.message?.includes('timeline_events_id_key'));
      if (!idTaken || attempt >= 3) throw err;
    }
  }
}

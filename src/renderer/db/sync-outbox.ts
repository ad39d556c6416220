import { StationEvent, subjectIdOf } from '../../shared/events/station-events';
import type { PushResponse } from '../../shared/sync/sync-protocol';
import type { SeqSource } from '../station-client/seq-blocks';
import type { OutboxDocument } from './schemas';
import type { StationDatabase } from './station-database';

export type NewEvent = { [T in StationEvent['type']]: Omit<Extract<StationEvent, { type: T }>, 'id' | 'seq' | 'stationId' | 'occurredAt'> }[StationEvent['type']];

/** Where this browser counted its own seqs before main handed them out (read once, to raise main's floor). */
const SEQ_KEY = 'last-seq';

/**
 * The outbox: every station event gets the next seq from main (which makes its counter durable
 * before handing a seq out, so none is handed out twice), is stored immutable, and is pushed
 * until acknowledged.
 */
export function createSyncOutbox(db: StationDatabase, stationId: string, push: (events: StationEvent[]) => Promise<PushResponse>, seqs: SeqSource) {
  let running: Promise<void> | null = null;
  let again = false;

  /**
   * Seqs come from main, which hands them out to every device of this station (two browsers never
   * share one; main also keeps them above the server's lastSeq). Every draw passes the highest seq
   * this browser holds, in its outbox or in the counter it kept itself before main handed seqs
   * out, so an upgraded station (or a main whose data was lost) never reuses one.
   */
  let heldHere: Promise<{ seq: number; legacyCounter: boolean }> | null = null;
  async function nextSeq(): Promise<number> {
    heldHere ??= highestSeqHeldHere().catch((err: unknown) => {
      heldHere = null;
      throw err;
    });
    const held = await heldHere;
    const seq = await seqs.next(held.seq);
    if (held.legacyCounter) {
      // Main's floor is above it now, durably: the old counter has done its job.
      held.legacyCounter = false;
      await (await db.station_meta.findOne(SEQ_KEY).exec())?.remove();
    }
    return seq;
  }

  async function highestSeqHeldHere(): Promise<{ seq: number; legacyCounter: boolean }> {
    const [legacy, newest] = await Promise.all([db.station_meta.findOne(SEQ_KEY).exec(), db.outbox.findOne({ selector: {}, sort: [{ seq: 'desc' }] }).exec()]);
    return { seq: Math.max(legacy?.value ?? 0, newest?.seq ?? 0), legacyCounter: legacy !== null };
  }

  async function record(event: NewEvent): Promise<StationEvent> {
    const seq = await nextSeq();
    const full = StationEvent.parse({ ...event, id: crypto.randomUUID(), seq, stationId, occurredAt: new Date().toISOString() });
    await db.outbox.insert({ ...full, subjectId: subjectIdOf(full), state: 'pending', outcomeCode: null, outcomeMessage: null, ackedAt: null } as OutboxDocument);
    void flush();
    return full;
  }

  async function pushPending(): Promise<void> {
    for (;;) {
      const pending = await db.outbox.find({ selector: { state: 'pending' }, sort: [{ seq: 'asc' }], limit: 200 }).exec();
      if (!pending.length) return;
      const events = pending.map((d) => toEvent(d.toJSON() as OutboxDocument));
      const res = await push(events);
      const ackedAt = new Date().toISOString();
      for (const outcome of res.outcomes) {
        const doc = pending.find((d) => d.id === outcome.id);
        if (!doc) continue;
        await doc.incrementalPatch({ state: outcome.outcome, outcomeCode: outcome.code ?? null, outcomeMessage: outcome.message ?? null, ackedAt });
      }
      if (pending.length < 200) return;
    }
  }

  /** Pushes what is pending; concurrent calls coalesce into one more run. Network errors leave events pending. */
  async function flush(): Promise<void> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        try {
          await pushPending();
        } catch {
          return; // offline: the events stay pending and go up on the next flush
        }
      } while (again);
    })().finally(() => {
      running = null;
    });
    return running;
  }

  return { record, flush };
}
export type SyncOutbox = ReturnType<typeof createSyncOutbox>;

export function toEvent(doc: OutboxDocument): StationEvent {
  const { state: _s, outcomeCode: _c, outcomeMessage: _m, ackedAt: _a, subjectId: _subject, ...event } = doc as OutboxDocument & { _rev?: string; _meta?: unknown; _attachments?: unknown; _deleted?: boolean };
  const { _rev, _meta, _attachments, _deleted, ...clean } = event as Record<string, unknown>;
  void _rev; void _meta; void _attachments; void _deleted;
  return clean as StationEvent;
}

import { StationEvent, subjectIdOf } from '../../shared/events/station-events';
import type { PushResponse } from '../../shared/sync/sync-protocol';
import type { OutboxDocument } from './schemas';
import type { StationDatabase } from './station-database';

export type NewEvent = { [T in StationEvent['type']]: Omit<Extract<StationEvent, { type: T }>, 'id' | 'seq' | 'stationId' | 'occurredAt'> }[StationEvent['type']];

const SEQ_KEY = 'last-seq';

/**
 * The outbox: every station event gets the next seq (kept on disk before the event is written,
 * so a seq is never handed out twice), is stored immutable, and is pushed until acknowledged.
 */
export function createSyncOutbox(db: StationDatabase, stationId: string, push: (events: StationEvent[]) => Promise<PushResponse>) {
  let running: Promise<void> | null = null;
  let again = false;

  async function nextSeq(): Promise<number> {
    const meta = await db.station_meta.findOne(SEQ_KEY).exec();
    if (!meta) {
      try {
        await db.station_meta.insert({ key: SEQ_KEY, value: 0 });
      } catch {
        /* another tab created it first */
      }
    }
    const doc = (await db.station_meta.findOne(SEQ_KEY).exec())!;
    const updated = await doc.incrementalModify((d) => ({ ...d, value: d.value + 1 }));
    return updated.value;
  }

  /** Never go below what the server already holds for this station (a reinstalled station continues above it). */
  async function raiseSeqFloor(serverLastSeq: number): Promise<void> {
    const doc = await db.station_meta.findOne(SEQ_KEY).exec();
    if (!doc) await db.station_meta.insert({ key: SEQ_KEY, value: serverLastSeq }).catch(() => undefined);
    else if (doc.value < serverLastSeq) await doc.incrementalModify((d) => ({ ...d, value: Math.max(d.value, serverLastSeq) }));
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
      await raiseSeqFloor(res.lastSeq);
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

  return { record, flush, raiseSeqFloor };
}
export type SyncOutbox = ReturnType<typeof createSyncOutbox>;

export function toEvent(doc: OutboxDocument): StationEvent {
  const { state: _s, outcomeCode: _c, outcomeMessage: _m, ackedAt: _a, subjectId: _subject, ...event } = doc as OutboxDocument & { _rev?: string; _meta?: unknown; _attachments?: unknown; _deleted?: boolean };
  const { _rev, _meta, _attachments, _deleted, ...clean } = event as Record<string, unknown>;
  void _rev; void _meta; void _attachments; void _deleted;
  return clean as StationEvent;
}

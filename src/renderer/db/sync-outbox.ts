import type { RxDocument } from 'rxdb';
import { singleFlight } from '../../shared/async/single-flight';
import { eventRefusal } from '../../shared/events/event-content';
import { CheckedStationEvent, subjectIdOf, type StationEvent } from '../../shared/events/station-events';
import { MAX_PUSH_CHARS, MAX_PUSH_EVENTS, PUSH_REFUSED_CODES, PushResponse } from '../../shared/sync/sync-protocol';
import type { SeqSource } from '../station-client/seq-blocks';
import type { OutboxDocument, OutboxState } from './schemas';
import type { StationDatabase } from './station-database';
import { outboxWrites } from './outbox-writes';
import { randomUuid } from '../../shared/random-uuid';

export type NewEvent = {
  [T in StationEvent['type']]: Omit<Extract<StationEvent, { type: T }>, 'id' | 'seq' | 'stationId' | 'occurredAt'>;
}[StationEvent['type']];

/** Where this browser counted its own seqs before main handed them out (read once, to raise main's floor). */
const SEQ_KEY = 'last-seq';
/** Events per push (the server's most) when nothing has been refused; a refused batch is halved until it passes. */
const BATCH = MAX_PUSH_EVENTS;

/** An event the station will not record: its content breaks the rules every event keeps (event-content.ts). */
export class EventRefusedError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The outbox: every station event gets the next seq from main (which makes its counter durable
 * before handing a seq out, so none is handed out twice), is stored immutable, and is pushed
 * until acknowledged.
 *
 * Sync never stalls on one event: an event the server refuses (or that the server or a relay
 * refuses to even carry) is set aside, state `rejected` with the code and message, kept on disk
 * and shown, and the rest go on. `push` rejects with an error carrying the server's problem code.
 *
 * `linkUp` says whether main last found the server reachable. An event recorded while it is not
 * starts no flush: each would read a batch of the backlog again only to be refused (92% of the
 * cost of recording 1,100 events, measured in Node). The caller flushes on a timer and when the
 * link comes back.
 */
export function createSyncOutbox(
  db: StationDatabase,
  stationId: string,
  push: (events: StationEvent[]) => Promise<PushResponse>,
  seqs: SeqSource,
  linkUp: () => boolean = () => true,
) {
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
    const [legacy, newest] = await Promise.all([
      db.station_meta.findOne(SEQ_KEY).exec(),
      db.outbox.findOne({ selector: {}, sort: [{ seq: 'desc' }] }).exec(),
    ]);
    return { seq: Math.max(legacy?.value ?? 0, newest?.seq ?? 0), legacyCounter: legacy !== null };
  }

  const writes = outboxWrites(db);

  /**
   * Records an event; refuses (EventRefusedError) one whose content no server would accept, before it takes a seq.
   * `accepted` hears of the event once it has its seq, before the write (to show it at once);
   * when the write then fails, `record` rejects.
   */
  async function record(event: NewEvent, accepted?: (doc: OutboxDocument) => void): Promise<StationEvent> {
    const checked = CheckedStationEvent.safeParse({
      ...event,
      id: randomUuid(),
      seq: 1,
      stationId,
      occurredAt: new Date().toISOString(),
    });
    if (!checked.success) {
      const refusal = eventRefusal(checked.error.issues);
      throw new EventRefusedError(refusal.code, refusal.message);
    }
    const full = { ...checked.data, seq: await nextSeq() };
    const doc = {
      ...full,
      subjectId: subjectIdOf(full),
      state: 'pending',
      outcomeCode: null,
      outcomeMessage: null,
      ackedAt: null,
      reflectedInVersion: null,
    } as OutboxDocument;
    accepted?.(doc);
    await writes.write(doc);
    if (linkUp()) void flush();
    return full;
  }

  /** Resolves once every event recorded so far is written (or its write failed): a database read after it sees them. */
  const settled = (): Promise<void> => writes.settled();

  /**
   * Pushes pending events in seq order, batch after batch. The answers to one batch are written
   * while the next is on its way (the server skips what it has seen, so an answer lost with a
   * crash only means that event goes up again), and the batch after it is read from disk while
   * one is pushed: a long queue after a reconnect never waits on its own reads between pushes.
   */
  async function pushPending(): Promise<void> {
    let limit = BATCH;
    let writing: Promise<void> = Promise.resolve();
    // The stored documents read for this run: an answer is written over the document as read (one write, no read before it).
    const stored = new Map<string, RxDocument<OutboxDocument>>();
    const pendingAbove = (seq: number) =>
      db.outbox
        .find({ selector: { state: 'pending', seq: { $gt: seq } }, sort: [{ seq: 'asc' }], limit: BATCH })
        .exec()
        .then((docs) =>
          docs.map((d) => {
            stored.set(d.primary, d);
            return d.toMutableJSON() as OutboxDocument;
          }),
        );
    let read = pendingAbove(0);
    try {
      for (;;) {
        const batch = withinPushSize((await read).slice(0, limit));
        if (!batch.length) return;
        const above = batch.at(-1)!.seq;
        // Read ahead: if this push is refused (or offline), the read is dropped and the batch read again.
        const next = pendingAbove(above);
        next.catch(() => undefined /* seen when it is awaited */);
        let res: PushResponse;
        try {
          res = PushResponse.parse(await push(batch.map(toEvent)));
        } catch (err) {
          const refused = refusalOf(err);
          if (!refused) throw err; // offline or failing: everything stays pending for the next flush
          // Refused for what it carries: halve until the one event that cannot pass is alone, and set that aside.
          if (batch.length > 1) limit = Math.ceil(batch.length / 2);
          else await settle(stored, [{ doc: batch[0]!, state: 'rejected', code: refused.code, message: refused.message }]);
          read = pendingAbove(batch[0]!.seq - 1);
          continue;
        }
        const answers = answersTo(batch, res);
        if (!answers.length) return; // an answer that settles nothing: try again on the next flush, never in a loop
        const previous = writing;
        writing = previous.then(() => settle(stored, answers));
        // What the server did not answer stays pending for the next flush.
        read = next;
        limit = Math.min(BATCH, limit * 2);
      }
    } finally {
      await writing;
    }
  }

  /** Pushes what is pending; concurrent calls coalesce into one more run. Network errors leave events pending. */
  const flush = singleFlight(pushPending, () => {
    /* offline: the events stay pending and go up on the next flush */
  });

  /** Resolves when no push is running (at once when none is). */
  const idle = () => flush.idle();

  return { record, settled, flush: (): Promise<void> => flush(), idle };
}
export type SyncOutbox = ReturnType<typeof createSyncOutbox>;

interface Answer {
  doc: OutboxDocument;
  state: OutboxState;
  code: string | null;
  message: string | null;
  reflectedInVersion?: number;
}

/** What the server said of each event of a batch it answered. */
function answersTo(batch: readonly OutboxDocument[], res: PushResponse): Answer[] {
  const byId = new Map(res.outcomes.map((o) => [o.id, o]));
  return batch.flatMap((doc, index): Answer[] => {
    const o = byId.get(doc.id);
    if (o)
      return [
        {
          doc,
          state: o.outcome,
          code: o.code ?? null,
          message: o.message ?? null,
          ...(o.outcome !== 'rejected' && o.docVersion !== undefined ? { reflectedInVersion: o.docVersion } : {}),
        },
      ];
    // No id the server could read: answered by the event's place in the request.
    const u = res.unreadable?.find((x) => x.index === index);
    return u ? [{ doc, state: 'rejected', code: u.code, message: u.message }] : [];
  });
}

/**
 * Records the answers on disk over the documents as read: RxDB batches the patches of one tick
 * into one IndexedDB write (a bulkUpsert would first try each as an insert, reading them all).
 */
async function settle(stored: ReadonlyMap<string, RxDocument<OutboxDocument>>, answers: readonly Answer[]): Promise<void> {
  const ackedAt = new Date().toISOString();
  await Promise.all(
    answers.map(({ doc, state, code, message, reflectedInVersion = null }) =>
      stored.get(doc.id)!.incrementalPatch({ state, outcomeCode: code, outcomeMessage: message, ackedAt, reflectedInVersion }),
    ),
  );
}

/** The longest run of events, in order, that fits one push (at least one, whatever its size: the server judges it). */
function withinPushSize(docs: readonly OutboxDocument[]): OutboxDocument[] {
  let chars = 0;
  const batch: OutboxDocument[] = [];
  for (const doc of docs) {
    chars += JSON.stringify(toEvent(doc)).length + 1;
    if (batch.length && chars > MAX_PUSH_CHARS) break;
    batch.push(doc);
  }
  return batch;
}

/** The server's (or a relay's) code when it refused a whole push for what it carries; null when it may pass if sent again. */
function refusalOf(err: unknown): { code: string; message: string } | null {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !PUSH_REFUSED_CODES.has(code)) return null;
  return { code, message: (err as Error).message || code };
}

export function toEvent(doc: OutboxDocument): StationEvent {
  const {
    state: _s,
    outcomeCode: _c,
    outcomeMessage: _m,
    ackedAt: _a,
    reflectedInVersion: _v,
    subjectId: _subject,
    ...event
  } = doc as OutboxDocument & { _rev?: string; _meta?: unknown; _attachments?: unknown; _deleted?: boolean };
  const { _rev, _meta, _attachments, _deleted, ...clean } = event as Record<string, unknown>;
  void _rev;
  void _meta;
  void _attachments;
  void _deleted;
  return clean as StationEvent;
}

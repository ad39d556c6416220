import type { OutboxDocument } from './schemas';
import type { StationDatabase } from './station-database';

/**
 * The outbox's writes of recorded events. Events wait here for their write, in seq order, and
 * whatever waited while the last write ran is written together, in one IndexedDB transaction:
 * a burst of scans costs one write, not one each (a read, such as the next order's, waits
 * behind every write begun before it). Writes never overlap, and none is stored before an
 * earlier seq: the push reads pending events by seq.
 */
export function outboxWrites(db: StationDatabase) {
  let waiting: { doc: OutboxDocument; done: (err?: unknown) => void }[] = [];
  let writing: Promise<void> | null = null;

  async function writeWaiting(): Promise<void> {
    while (waiting.length) {
      const batch = waiting;
      waiting = [];
      try {
        const { error } = await db.outbox.bulkInsert(batch.map((w) => w.doc));
        const failed = new Map(error.map((e) => [e.documentId, e]));
        for (const w of batch) {
          const e = failed.get(w.doc.id);
          w.done(e ? new Error(`the station could not store event ${w.doc.seq} (${e.status})`) : undefined);
        }
      } catch (err) {
        // The transaction failed as a whole (a full disk): none of them is stored, each recorder hears it.
        for (const w of batch) w.done(err);
      }
    }
  }

  return {
    /** Resolves once `doc` is stored; rejects when it could not be. */
    write(doc: OutboxDocument): Promise<void> {
      return new Promise((resolve, reject) => {
        waiting.push({ doc, done: (err) => (err === undefined ? resolve() : reject(err)) });
        writing ??= writeWaiting().finally(() => (writing = null));
      });
    },
    /** Resolves once every event handed over so far is written (or its write failed). */
    settled: (): Promise<void> => writing ?? Promise.resolve(),
  };
}

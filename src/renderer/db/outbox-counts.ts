import type { OutboxState } from './schemas';
import type { StationDatabase } from './station-database';

export interface OutboxCounts {
  pendingEvents: number;
  conflicts: number;
  rejected: number;
}

/**
 * The outbox's counts the sync bar shows, read again after the outbox changes, once `pause`
 * resolves (a pause in the scanning): as count queries they were read from IndexedDB three times
 * after every scan's write, between that scan and the next. Changes made while a read runs are
 * counted by one more read after it.
 */
export function watchOutboxCounts(db: StationDatabase, pause: () => Promise<void>, counted: (counts: OutboxCounts) => void): () => void {
  let reading = false;
  let again = false;
  let stopped = false;
  const count = (state: OutboxState) => db.outbox.count({ selector: { state } }).exec();

  async function read(): Promise<void> {
    if (reading) return void (again = true);
    reading = true;
    try {
      do {
        again = false;
        await pause();
        if (stopped) return;
        const [pendingEvents, conflicts, rejected] = await Promise.all([count('pending'), count('conflicted'), count('rejected')]);
        if (!stopped) counted({ pendingEvents, conflicts, rejected });
      } while (again && !stopped);
    } catch {
      // The database closed under the read (the station stopping): nothing left to show.
    } finally {
      reading = false;
    }
  }

  const changes = db.outbox.$.subscribe(() => void read());
  void read();
  return () => {
    stopped = true;
    changes.unsubscribe();
  };
}

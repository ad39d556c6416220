import type { Database } from '../db/database';
import type { SyncCollection } from '../../shared/sync/sync-protocol';
import { CHANGES_CHANNEL } from './revisions';

export interface Change {
  warehouseId: string;
  collection: SyncCollection;
  rev: number;
}

/**
 * Fans database change notifications out to live streams. Notifications ride LISTEN/NOTIFY, so
 * a change committed by any server process on the same PostgreSQL reaches every stream.
 */
export async function createChangeHub(db: Database) {
  const subscribers = new Set<{ warehouseId: string; send: (c: Change) => void }>();
  const stop = await db.listen(CHANGES_CHANNEL, (payload) => {
    let change: Change;
    try {
      change = JSON.parse(payload) as Change;
    } catch {
      return;
    }
    for (const s of subscribers) if (s.warehouseId === change.warehouseId) s.send(change);
  });
  return {
    subscribe(warehouseId: string, send: (c: Change) => void): () => void {
      const sub = { warehouseId, send };
      subscribers.add(sub);
      return () => subscribers.delete(sub);
    },
    get size() {
      return subscribers.size;
    },
    close: stop,
  };
}
export type ChangeHub = Awaited<ReturnType<typeof createChangeHub>>;

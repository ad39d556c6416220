import type { PullCheckpoint, PullResponse, PullRequest, SyncCollection, Tombstone } from '../../shared/sync/sync-protocol';
import type { StationDatabase } from './station-database';
import { FIRST_SYNC_WRITE } from './first-sync-inserts';

/** The part of a collection's storage instance the pull writes through (RxDB sets each row's revision and write time). */
interface PulledStorage {
  bulkWrite(
    rows: { previous?: unknown; document: { id: string } }[],
    context: string,
  ): Promise<{ error: { status: number; documentId: string; documentInDb?: unknown }[] }>;
}

/** Documents per pull: the most the server answers (sync-protocol's PullRequest.limit). */
const PULL_BATCH = 1000;
/** After a failed pull (offline, the server restarting), the next try; a RESYNC tries at once. */
const RETRY_MS = 3000;

export interface PullProgress {
  received: number;
  remaining: number;
}

/**
 * Pulls one collection of this warehouse (its fulfillment orders, its open returns, its bins) by
 * server checkpoint, into a read-only replica: the station never writes these documents (its
 * work is events in the outbox), so the server's copy always wins and there is nothing to push
 * or reconcile. Each batch is written, then its checkpoint (station_meta): a crash in between
 * pulls that batch again, and writing it twice changes nothing. A tombstone removes the document.
 *
 * Not RxDB's replication plugin: for a pull-only collection it still ran its push side, which on
 * every RESYNC read the whole collection back from IndexedDB (half a second per read at 10,000
 * orders, stalling scans), and checked every pulled document against a conflict state we never have.
 */
export function startPullReplication(
  db: StationDatabase,
  pull: (request: PullRequest) => Promise<PullResponse>,
  onProgress: (p: PullProgress) => void,
  collection: SyncCollection = 'fulfillment_orders',
  /** Told of the tombstones of each batch once their documents are removed (a return's says how it closed). */
  onGone: (tombstones: Tombstone[]) => void = () => {},
) {
  const key = `pulled:${collection}`;
  let received = 0;
  let stopped = false;
  let running: Promise<void> | null = null;
  let again = false;
  let retry: ReturnType<typeof setTimeout> | null = null;
  /** The revision of the batch stored last: a change the stream announces at or below it is here already. */
  let pulledRev: number | null = null;

  async function pullUntilCaughtUp(): Promise<void> {
    const saved = await db.station_meta.findOne(key).exec();
    const checkpoint: PullCheckpoint | null = saved ? { rev: saved.value } : null;
    pulledRev = saved?.value ?? null;
    // Nothing pulled yet: the documents are new here (see first-sync-inserts).
    const context = saved ? 'dockside-pull' : FIRST_SYNC_WRITE;
    let next = pull({ collection, checkpoint, limit: PULL_BATCH });
    // Each checkpoint is written once its batch is stored, while the next batch is: in a first
    // sync of ten batches, waiting for each took 10-40 ms of the next one's time (another database).
    let checkpointed: Promise<unknown> = Promise.resolve();
    const checkpointAt = (rev: number) => {
      checkpointed = checkpointed.then(() => db.station_meta.upsert({ key, value: rev }));
      checkpointed.catch(() => undefined /* seen when it is awaited */);
    };
    try {
      for (;;) {
        const res = await next;
        if (stopped) return;
        // The next batch is on its way while this one is written: a first sync is many batches.
        if (res.remaining > 0 && res.documents.length) {
          next = pull({ collection, checkpoint: res.checkpoint, limit: PULL_BATCH });
          next.catch(() => undefined /* seen when it is awaited */);
        }
        await store(res.documents as { id: string; _deleted?: boolean }[], context);
        checkpointAt(res.checkpoint.rev);
        pulledRev = res.checkpoint.rev;
        received += res.documents.length;
        const last = res.remaining === 0 || res.documents.length === 0;
        // Caught up once the checkpoint says so too: a reload then pulls nothing again.
        if (last) await checkpointed;
        onProgress({ received, remaining: res.remaining });
        if (last) return;
      }
    } finally {
      // Stopped or failed: the checkpoints of the batches stored are written before the database closes.
      await checkpointed.catch(() => undefined);
    }
  }

  /** A batch's documents in order: the last word on each id counts (a document can leave and come back within a batch). */
  async function store(documents: { id: string; _deleted?: boolean }[], context: string): Promise<void> {
    const last = new Map(documents.map((d) => [d.id, d]));
    const live = [...last.values()].filter((d) => !d._deleted);
    const gone = [...last.values()].filter((d): d is Tombstone => !!d._deleted);
    const target = db[collection];
    if (live.length) await overwrite(target.storageInstance as unknown as PulledStorage, live, context);
    // Removing what is not here (never pulled, or removed before) is no change.
    if (gone.length) {
      await target.bulkRemove(gone.map((d) => d.id));
      onGone(gone);
    }
  }

  /**
   * Writes the server's documents over what is stored, at the storage (as RxDB's own replication
   * does): a collection's bulkUpsert would also build an RxDocument for each one written, and a
   * first sync of 50,000 orders kept hundreds of megabytes of them until collected. New ones are
   * inserted in one write; ones already here come back as conflicts and are written over them.
   */
  async function overwrite(storage: PulledStorage, documents: { id: string }[], context: string): Promise<void> {
    const rows = documents.map((d) => ({ document: { ...d, _deleted: false, _attachments: {} } }));
    const first = await storage.bulkWrite(rows, context);
    const byId = new Map(rows.map((r) => [r.document.id, r.document]));
    const again = first.error.flatMap((e) =>
      e.status === 409 && e.documentInDb ? [{ previous: e.documentInDb, document: byId.get(e.documentId)! }] : [],
    );
    const failed = first.error.length - again.length + (again.length ? (await storage.bulkWrite(again, 'dockside-pull')).error.length : 0);
    if (failed) throw new Error(`${collection}: ${failed} pulled documents could not be stored`);
  }

  /**
   * Pulls now, or right after the pull running now (a change may have come in after it asked).
   * `rev`: the revision the live stream announced; nothing is pulled when this station already
   * stored a checkpoint at or past it (its own pushes' changes, pulled by the time they are told).
   */
  function resync(rev?: number): void {
    if (stopped) return;
    if (rev !== undefined && pulledRev !== null && rev <= pulledRev) return;
    if (retry) clearTimeout(retry);
    retry = null;
    if (running) {
      again = true;
      return;
    }
    running = (async () => {
      do {
        again = false;
        try {
          await pullUntilCaughtUp();
        } catch {
          // Offline or refused: try again later (or at the next RESYNC); what was stored stays.
          if (!stopped) retry = setTimeout(resync, RETRY_MS);
          return;
        }
      } while (again && !stopped);
    })().finally(() => (running = null));
  }

  resync();
  return {
    resync,
    async stop() {
      stopped = true;
      if (retry) clearTimeout(retry);
      await running;
    },
  };
}

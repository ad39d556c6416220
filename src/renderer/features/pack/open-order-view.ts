import type { Subscription } from 'rxjs';
import type { StationView } from '../../../shared/sync/fold-view';
import type { FulfillmentDocument } from '../../../shared/sync/fulfillment-document';
import type { StationDatabase } from '../../db/station-database';
import type { OutboxDocument } from '../../db/schemas';
import { viewOf, type StoredOrder } from './fulfillment-view';

interface Followed {
  id: string;
  doc: FulfillmentDocument | null;
  /** The stored document's revision (a pull changes it). */
  revision: string | null;
  /** This order's events as the database last said. */
  stored: OutboxDocument[];
  /** Events recorded here whose write the database has not shown yet. */
  recorded: Map<string, OutboxDocument>;
  view: StationView | null;
  /** What the screen reads; a new object on each change (useSyncExternalStore). */
  snap: { id: string; view: StationView | null };
  loaded: Promise<void>;
  /** What the view was folded from last: the revision and each event's id, state and outcome. */
  foldedFrom: string;
}

/**
 * The open order's view kept in memory: its document and this station's events for it, followed
 * from the database, plus each event recorded here from the moment it has its seq. A scan reads
 * and updates this at once, and the screen paints it, while the outbox write follows behind (a
 * write that fails is withdrawn again). No IndexedDB read stands between a scan and its paint.
 */
export function createOpenOrderView(db: StationDatabase, stationId: string) {
  let current: Followed | null = null;
  let subscriptions: Subscription[] = [];
  const listeners = new Set<() => void>();

  function refold(f: Followed) {
    if (f !== current) return;
    const storedIds = new Set(f.stored.map((e) => e.id));
    const events = [...f.stored, ...[...f.recorded.values()].filter((e) => !storedIds.has(e.id))].sort((a, b) => a.seq - b.seq);
    // A scan's own write arriving from the database changes nothing shown: no second render for it.
    const from = `${f.revision}|${events.map((e) => `${e.id}:${e.state}:${e.outcomeCode}`).join(',')}`;
    if (from === f.foldedFrom && f.view) return;
    f.foldedFrom = from;
    f.view = f.doc ? viewOf(f.doc, events, stationId) : null;
    f.snap = { id: f.id, view: f.view };
    listeners.forEach((l) => l());
  }

  /** Follows order `id` (nothing for null); `seed` is what the caller just read of it, shown until the database answers. */
  function follow(id: string | null, seed?: StoredOrder) {
    if (current?.id === id) return;
    subscriptions.forEach((s) => s.unsubscribe());
    subscriptions = [];
    if (!id) {
      current = null;
      listeners.forEach((l) => l());
      return;
    }
    let seen = 0;
    let loaded!: () => void;
    const f: Followed = {
      id,
      doc: seed?.doc ?? null,
      revision: seed?.revision ?? null,
      stored: seed?.events ?? [],
      recorded: new Map(),
      view: null,
      snap: { id, view: null },
      loaded: new Promise((r) => (loaded = r)),
      foldedFrom: '',
    };
    current = f;
    if (seed) {
      loaded();
      refold(f);
    }
    const arrived = () => {
      if (++seen === 2) loaded();
      refold(f);
    };
    subscriptions = [
      db.fulfillment_orders.findOne(id).$.subscribe((d) => {
        f.doc = d ? (d.toMutableJSON() as FulfillmentDocument) : null;
        f.revision = d?.revision ?? null;
        arrived();
      }),
      db.outbox.find({ selector: { subjectId: id }, sort: [{ seq: 'asc' }] }).$.subscribe((list) => {
        f.stored = list.map((e) => e.toMutableJSON() as OutboxDocument);
        for (const e of f.stored) f.recorded.delete(e.id);
        arrived();
      }),
    ];
  }

  return {
    follow,
    /** The view of order `id`, following it if it was not followed yet; null when it is not here. */
    async viewOf(id: string): Promise<StationView | null> {
      follow(id);
      const f = current!;
      await f.loaded;
      return f.id === id ? f.view : null;
    },
    /** An event of the station that has its seq and is being written: it counts from now. */
    recorded(event: OutboxDocument) {
      if (current?.id !== event.subjectId) return;
      current.recorded.set(event.id, event);
      refold(current);
    },
    /** An event whose write failed: it does not count after all. */
    withdrawn(eventId: string) {
      if (current?.recorded.delete(eventId)) refold(current);
    },
    /** For useSyncExternalStore. */
    subscribe(listener: () => void) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    snapshot: (): { id: string | null; view: StationView | null } => current?.snap ?? NONE,
    stop: () => follow(null),
  };
}
const NONE = { id: null, view: null };
export type OpenOrderView = ReturnType<typeof createOpenOrderView>;

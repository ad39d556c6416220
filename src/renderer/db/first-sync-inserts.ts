import {
  categorizeBulkWriteRows,
  ensureNotFalsy,
  registerMutableWriteContext,
  type BulkWriteRow,
  type RxDocumentData,
  type RxStorage,
  type RxStorageBulkWriteResponse,
  type RxStorageInstance,
} from 'rxdb/plugins/core';
import { fromStorageToDexie, type RxStorageInstanceDexie } from 'rxdb/plugins/storage-dexie';

/**
 * The bulkWrite context of a first sync's documents: new to this station, so they are inserted
 * without reading each one first. The pull clones every document it writes, so RxDB may set
 * their revision in place (no second clone).
 */
export const FIRST_SYNC_WRITE = 'dockside-first-sync';
registerMutableWriteContext(FIRST_SYNC_WRITE);

type Stored = Record<string, unknown>;
type Write = (rows: BulkWriteRow<Stored>[], context: string) => Promise<RxStorageBulkWriteResponse<Stored>>;

/**
 * Dexie storage whose collections take a first sync's documents in one IndexedDB write.
 *
 * RxDB's Dexie storage reads every document of a write before writing it, to find conflicts:
 * 1,000 single reads per pulled batch, each a round trip to the browser's IndexedDB, for a
 * station that holds none of them yet. Measured in Chromium here, 10,000 orders: 1.3-1.5 s put
 * alone, 2.2 s read-then-put. A FIRST_SYNC_WRITE is added instead (IndexedDB's add, which refuses a
 * key already stored): when any of them is here after all (a document that changed while the
 * first sync ran comes again in a later batch), the add is rolled back whole and the write
 * goes RxDB's usual way. Either way the write's change events are RxDB's own, so queries, other
 * tabs and the collection's cache see the documents as any insert.
 */
export function withFirstSyncInserts<I, O>(storage: RxStorage<I, O>): RxStorage<I, O> {
  return {
    name: storage.name,
    rxdbVersion: storage.rxdbVersion,
    async createStorageInstance(params) {
      const instance = await storage.createStorageInstance(params);
      const own = instance as unknown as RxStorageInstanceDexie<Stored>;
      const write: Write = own.bulkWrite.bind(own);
      own.bulkWrite = async (rows, context) =>
        (context === FIRST_SYNC_WRITE && (await insertAll(own, rows, context))) || write(rows, context);
      return instance;
    },
  };
}

/** Adds every row in one transaction, or nothing (then null: some are stored already, or a row is not an insert). */
async function insertAll(
  instance: RxStorageInstanceDexie<Stored>,
  rows: BulkWriteRow<Stored>[],
  context: string,
): Promise<RxStorageBulkWriteResponse<Stored> | null> {
  if (rows.some((row) => row.previous)) return null;
  const state = await instance.internals;
  // With nothing stored, RxDB sorts every row as an insert and builds the events its own write would.
  const categorized = categorizeBulkWriteRows<Stored>(
    instance as unknown as RxStorageInstance<Stored, unknown, unknown>,
    instance.primaryPath,
    new Map(),
    rows,
    context,
  );
  if (categorized.errors.length) return null;
  const docs = categorized.bulkInsertDocs.map((row) => asDexieStores(state.booleanIndexes, row.document));
  try {
    await state.dexieDb.transaction('rw', state.dexieTable, () => state.dexieTable.bulkAdd(docs));
  } catch (err) {
    // Some key is stored already: the transaction was aborted, nothing of it was written.
    if ((err as Error).name === 'BulkError' || (err as Error).name === 'ConstraintError') return null;
    throw err;
  }
  if (categorized.eventBulk.events.length) {
    const newest = ensureNotFalsy(categorized.newestRow).document;
    categorized.eventBulk.checkpoint = { id: newest[instance.primaryPath], lwt: newest._meta.lwt };
    // RxDB's own write announces its events on this subject (private in its types only).
    (instance as unknown as { changes$: { next(bulk: typeof categorized.eventBulk): void } }).changes$.next(categorized.eventBulk);
  }
  return { error: [] };
}

/**
 * A document as Dexie stores it. RxDB's fromStorageToDexie copies every document deeply, to rename
 * keys that start with "|", and stores boolean indexes (RxDB's own `_deleted` among them) as
 * "0"/"1": in a first sync of 10,000 orders that copy was 54 MB of the 202 MB the page allocated.
 * Without such keys a shallow copy with the booleans written over is the same record.
 */
export function asDexieStores(booleanIndexes: readonly string[], doc: RxDocumentData<Stored>): Stored {
  if (booleanIndexes.some((path) => path.includes('.') || path.startsWith('|')) || hasPipeKey(doc))
    return fromStorageToDexie(booleanIndexes as string[], doc);
  const stored: Stored = { ...doc };
  for (const path of booleanIndexes) stored[path] = doc[path] ? '1' : '0';
  return stored;
}

function hasPipeKey(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (Array.isArray(value)) return value.some(hasPipeKey);
  for (const key in value) if (key.startsWith('|') || hasPipeKey((value as Stored)[key])) return true;
  return false;
}

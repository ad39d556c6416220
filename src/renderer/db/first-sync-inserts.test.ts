import { IDBFactory, IDBKeyRange, IDBObjectStore } from 'fake-indexeddb';
import { fromStorageToDexie, getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { wrappedValidateAjvStorage } from 'rxdb/plugins/validate-ajv';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fulfillmentDoc } from '../../shared/sync/testing/fulfillment-fixtures';
import type { FulfillmentDocument } from '../../shared/sync/fulfillment-document';
import { asDexieStores, withFirstSyncInserts } from './first-sync-inserts';
import { startPullReplication } from './pull-replication';
import { serverWith } from './testing/changes-server';
import { openStationDatabase, type StationDatabase } from './station-database';

/**
 * The station's own storage (RxDB's Dexie) on an IndexedDB implemented in Node: the first sync's
 * shortcut is in how it uses IndexedDB, which RxDB's memory storage does not have.
 */
const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const order = (n: number, extra: Partial<FulfillmentDocument> = {}) =>
  fulfillmentDoc({ id: uuid(n), orderNumber: `ORD-20261206-${String(n).padStart(5, '0')}`, ...extra });

let db: StationDatabase | null = null;
afterEach(async () => {
  vi.restoreAllMocks();
  await db?.close();
  db = null;
});

async function openDexie(): Promise<StationDatabase> {
  // Validated as every test database is (RxDB's dev-mode, when another test file loaded it, demands it).
  const storage = wrappedValidateAjvStorage({
    storage: withFirstSyncInserts(getRxStorageDexie({ indexedDB: new IDBFactory(), IDBKeyRange })),
  });
  db = await openStationDatabase(`first-sync-${crypto.randomUUID()}`, storage, { withBins: false });
  return db;
}

async function syncAll(station: StationDatabase, changes: FulfillmentDocument[]) {
  let done!: () => void;
  const caughtUp = new Promise<void>((resolve) => (done = resolve));
  const pull = startPullReplication(station, serverWith(changes), (p) => p.remaining === 0 && done());
  await caughtUp;
  await pull.stop();
}

/** The keys IndexedDB was asked to read one by one (RxDB's conflict check reads each document it writes). */
function readsOfKeys() {
  const keys: unknown[] = [];
  const get = IDBObjectStore.prototype.get;
  vi.spyOn(IDBObjectStore.prototype, 'get').mockImplementation(function (this: IDBObjectStore, key: unknown) {
    keys.push(key);
    return get.call(this, key as IDBValidKey);
  });
  return keys;
}

describe('first sync inserts', () => {
  it('stores a first sync without reading each document first, and a live query sees every one', async () => {
    const station = await openDexie();
    const seen: number[] = [];
    const sub = station.fulfillment_orders.find().$.subscribe((docs) => seen.push(docs.length));
    const reads = readsOfKeys();
    const orders = Array.from({ length: 2500 }, (_, i) => order(i + 1));

    await syncAll(station, orders);

    expect(reads.filter((k) => typeof k === 'string' && k.startsWith('00000000-'))).toEqual([]);
    expect(await station.fulfillment_orders.count().exec()).toBe(2500);
    expect((await station.fulfillment_orders.findOne(uuid(1234)).exec())?.orderNumber).toBe('ORD-20261206-01234');
    await vi.waitFor(() => expect(seen.at(-1)).toBe(2500));
    sub.unsubscribe();
  });

  it('writes over an order that changed while the first sync ran (it comes again in a later batch)', async () => {
    const station = await openDexie();
    const orders = Array.from({ length: 1500 }, (_, i) => order(i + 1));
    // Order 7 was claimed after the first batch was read: the server sends it again, with its new revision.
    orders.push(order(7, { status: 'in_progress', claimedBy: uuid(900), version: 2 }));

    await syncAll(station, orders);

    expect(await station.fulfillment_orders.count().exec()).toBe(1500);
    const seventh = await station.fulfillment_orders.findOne(uuid(7)).exec();
    expect([seventh?.status, seventh?.claimedBy, seventh?.version]).toEqual(['in_progress', uuid(900), 2]);
  });

  it('keeps every order of a batch when some are stored already and no checkpoint says so', async () => {
    const station = await openDexie();
    // Stored before (an order put there by another tab's pull): the batch's add is refused whole, then written RxDB's way.
    await station.fulfillment_orders.insert(order(3, { customerName: 'Before' }));

    await syncAll(station, [order(1), order(2), order(3, { customerName: 'Pulled' }), order(4)]);

    const stored = await station.fulfillment_orders.find({ sort: [{ orderNumber: 'asc' }] }).exec();
    expect(stored.map((d) => [d.id, d.customerName])).toEqual([
      [uuid(1), 'Ada'],
      [uuid(2), 'Ada'],
      [uuid(3), 'Pulled'],
      [uuid(4), 'Ada'],
    ]);
  });

  it('pulls after the first sync the usual way: a changed order is written over', async () => {
    const station = await openDexie();
    const orders = [order(1), order(2)];
    await syncAll(station, orders);

    await syncAll(station, [...orders, order(2, { status: 'cancelled', version: 2 })]);

    expect((await station.fulfillment_orders.findOne(uuid(2)).exec())?.status).toBe('cancelled');
    expect(await station.fulfillment_orders.count().exec()).toBe(2);
  });

  describe('a document as Dexie stores it', () => {
    const stored = (d: FulfillmentDocument) => ({ ...d, _deleted: false, _attachments: {}, _rev: '1-a', _meta: { lwt: 1 } });

    it('is the record RxDB would store, written without copying the document deeply', () => {
      const doc = stored(order(1));
      const before = structuredClone(doc);

      const record = asDexieStores(['_deleted'], doc);

      expect(record).toEqual(fromStorageToDexie(['_deleted'], doc));
      expect(record._deleted).toBe('0');
      expect(record.lines).toBe(doc.lines);
      expect(doc).toEqual(before);
    });

    it("goes RxDB's way when a key starts with '|' or a boolean index is nested", () => {
      const piped = { ...stored(order(2)), shipTo: { '|line': 'x' } };
      expect(asDexieStores(['_deleted'], piped)).toEqual(fromStorageToDexie(['_deleted'], piped));
      expect(asDexieStores(['_deleted'], piped).shipTo).toEqual({ __line: 'x' });

      const nested = { ...stored(order(3)), flags: { fragile: true } };
      expect(asDexieStores(['flags.fragile', '_deleted'], nested)).toEqual(fromStorageToDexie(['flags.fragile', '_deleted'], nested));
      expect((asDexieStores(['flags.fragile'], nested).flags as { fragile: string }).fragile).toBe('1');
    });
  });
});

import { addRxPlugin } from 'rxdb/plugins/core';
import { RxDBDevModePlugin } from 'rxdb/plugins/dev-mode';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { wrappedValidateAjvStorage } from 'rxdb/plugins/validate-ajv';
import { firstValueFrom } from 'rxjs';
import { afterEach, describe, expect, it } from 'vitest';
import type { FulfillmentDocument } from '../../../shared/sync/fulfillment-document';
import { fulfillmentDoc, OTHER_STATION, STATION } from '../../../shared/sync/testing/fulfillment-fixtures';
import { openStationDatabase, type StationDatabase } from '../../db/station-database';
import { holderText } from './assigned-work';
import { heldElsewhereNote, packableLessShippedHere, packQueueCounts, packQueueList, queueHeading } from './pack-queue';

// Dev-mode checks every write against the schema, as the other database tests do.
addRxPlugin(RxDBDevModePlugin);
let db: StationDatabase | null = null;
afterEach(async () => {
  await db?.close();
  db = null;
});

const lease = (stationName: string) => ({ stationName, expiresAt: '2026-11-22T20:00:00.000Z' });
let n = 0;
/** An order created a minute after the last one. */
const order = (overrides: Partial<FulfillmentDocument>) => {
  n += 1;
  const id = `dddddddd-dddd-4ddd-8ddd-${String(n).padStart(12, '0')}`;
  return fulfillmentDoc({
    id,
    orderNumber: `ORD-20261122-${String(n).padStart(5, '0')}`,
    createdAt: `2026-11-22T08:${String(n).padStart(2, '0')}:00.000Z`,
    ...overrides,
  });
};

async function stationWith(docs: FulfillmentDocument[]): Promise<StationDatabase> {
  db = await openStationDatabase(
    `pack-queue-${crypto.randomUUID().slice(0, 8)}`,
    wrappedValidateAjvStorage({ storage: getRxStorageMemory() }),
    {
      withBins: false,
    },
  );
  await db.fulfillment_orders.bulkInsert(docs);
  return db;
}

describe('the pack screen’s queue', () => {
  it('counts only what this station can pack, and lists other stations’ orders after it, read-only and not counted', async () => {
    const inPool = order({ status: 'open' });
    const atPack2 = order({ status: 'in_progress', claimedBy: OTHER_STATION, lease: lease('Pack 2') });
    const heldHere = order({ status: 'in_progress', claimedBy: STATION, lease: lease('Pack 1') });
    // Released from a hold with a box packed and nobody holding it: any station may finish it.
    const heldByNobody = order({ status: 'in_progress', claimedBy: null, lease: null });
    const onHoldHere = order({ status: 'on_hold', claimedBy: STATION, lease: lease('Pack 1'), holds: ['incorrect_address'] });
    const station = await stationWith([inPool, atPack2, heldHere, heldByNobody, onHoldHere]);

    const counts = await firstValueFrom(packQueueCounts(station, STATION));
    expect(counts).toEqual({ packable: 3, heldElsewhere: 1 });
    expect(queueHeading(counts)).toBe('To pack here');
    expect(heldElsewhereNote(counts)).toBe('Also listed, not counted: 1 order held at other stations');

    const listed = (await firstValueFrom(packQueueList(station, STATION, 100))).map((d) => d.toJSON() as FulfillmentDocument);
    expect(listed.map((d) => [d.orderNumber, holderText(d, STATION)])).toEqual([
      [heldHere.orderNumber, 'held here'],
      [heldByNobody.orderNumber, 'in progress'],
      [inPool.orderNumber, 'open'],
      [atPack2.orderNumber, 'at Pack 2'],
    ]);

    // Shipped here offline, the server not told yet: it leaves the count; an order of another station was never in it.
    const shipped = [heldHere, atPack2].map((d) => ({ id: d.id, stored: { status: d.status, claimedBy: d.claimedBy } }));
    expect(packableLessShippedHere(counts.packable, shipped, STATION)).toBe(2);
  });

  it('counts every order of a fresh station, all open in the pool, under the plain heading (what the benchmarks wait for)', async () => {
    const station = await stationWith([order({}), order({}), order({})]);
    const counts = await firstValueFrom(packQueueCounts(station, STATION));
    expect(counts).toEqual({ packable: 3, heldElsewhere: 0 });
    expect(queueHeading(counts)).toBe('To pack');
    expect(heldElsewhereNote(counts)).toBeNull();
  });
});

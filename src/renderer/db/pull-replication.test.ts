import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { wrappedValidateAjvStorage } from 'rxdb/plugins/validate-ajv';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fulfillmentDoc } from '../../shared/sync/testing/fulfillment-fixtures';
import { startPullReplication, type PullProgress } from './pull-replication';
import { openStationDatabase, type StationDatabase } from './station-database';
import { serverWith } from './testing/changes-server';

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const orders = Array.from({ length: 2500 }, (_, n) =>
  fulfillmentDoc({ id: uuid(n), orderNumber: `ORD-20261207-${String(n).padStart(5, '0')}` }),
);

let db: StationDatabase | null = null;
afterEach(async () => {
  vi.restoreAllMocks();
  await db?.close();
  db = null;
});

describe('pull replication', () => {
  it('stores the next batch while the checkpoint of the one before is written, and says caught up once the last checkpoint is stored', async () => {
    db = await openStationDatabase(`pull-${crypto.randomUUID()}`, wrappedValidateAjvStorage({ storage: getRxStorageMemory() }), {
      withBins: false,
    });
    const station = db;
    // Checkpoint writes wait until released: a slow write to another database.
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const written: number[] = [];
    const upsert = station.station_meta.upsert.bind(station.station_meta);
    vi.spyOn(station.station_meta, 'upsert').mockImplementation(async (doc) => {
      await released;
      written.push(doc.value as number);
      return upsert(doc);
    });
    const progress: PullProgress[] = [];
    const replication = startPullReplication(station, serverWith(orders), (p) => progress.push(p));

    // All three batches are stored with no checkpoint written yet.
    await vi.waitFor(async () => expect(await station.fulfillment_orders.count().exec()).toBe(2500), { timeout: 20_000 });
    expect(written).toEqual([]);
    expect(progress.some((p) => p.remaining === 0)).toBe(false);

    release();
    await vi.waitFor(() => expect(progress.at(-1)).toEqual({ received: 2500, remaining: 0 }), { timeout: 20_000 });
    // Written in order, each once its batch was stored; the last one is what a reload starts from.
    expect(written).toEqual([1000, 2000, 2500]);
    expect((await station.station_meta.findOne('pulled:fulfillment_orders').exec())?.value).toBe(2500);
    await replication.stop();
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addRxPlugin } from 'rxdb/plugins/core';
import { RxDBDevModePlugin } from 'rxdb/plugins/dev-mode';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { wrappedValidateAjvStorage } from 'rxdb/plugins/validate-ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FulfillmentDocument } from '../../src/shared/sync/fulfillment-document';
import type { PullRequest, PullResponse, PushResponse } from '../../src/shared/sync/sync-protocol';
import type { StationEvent } from '../../src/shared/events/station-events';
import { startPullReplication } from '../../src/renderer/db/pull-replication';
import { openStationDatabase, type StationDatabase } from '../../src/renderer/db/station-database';
import { createSyncOutbox } from '../../src/renderer/db/sync-outbox';
import { loadView } from '../../src/renderer/features/pack/fulfillment-view';
import { seqBlocks } from '../../src/renderer/station-client/seq-blocks';
import { openStationSeqs } from '../../src/main/services/station-seqs';
import { sampleOrder, setUpWarehouse, startTestServer, type TestServer } from '../../src/server/testing/test-server';
import { eventually } from '../../src/server/testing/test-support';
import { seedBulkOrders } from '../../src/server/demo/seed-bulk';
import { isHeldBy, offlineRefusal } from '../../src/shared/sync/fulfillment-lease';
import { useStation } from '../../src/renderer/app/station-store';
import type { StationRuntime } from '../../src/renderer/app/station-runtime';
import type { StationClient } from '../../src/renderer/station-client/index';
import { takeOrdersAhead } from '../../src/renderer/features/pack/assigned-work';

/**
 * The station's local database and sync code (the renderer's, run in Node on RxDB's memory
 * storage with dev-mode and schema validation) against a real central server over HTTP.
 */
addRxPlugin(RxDBDevModePlugin);

let t: TestServer;
let station: Awaited<ReturnType<typeof setUpWarehouse>>;
const storage = () => wrappedValidateAjvStorage({ storage: getRxStorageMemory() });

beforeAll(async () => {
  t = await startTestServer();
  station = await setUpWarehouse(t, 'SYNC-1');
});
const mainDataDir = mkdtempSync(join(tmpdir(), 'dockside-sync-main-'));
afterAll(async () => {
  await t.close();
  rmSync(mainDataDir, { recursive: true, force: true });
});

const pullVia = (token: string) => async (req: PullRequest) =>
  (await t.api('POST', '/v1/sync/pull', { token, body: req })).body as PullResponse;
const pushVia = (token: string) => async (events: StationEvent[]) => {
  const res = await t.api('POST', '/v1/sync/push', { token, body: { events } });
  if (res.status !== 200) throw new Error(`push failed: ${res.status}`);
  return res.body as PushResponse;
};
const offlinePush = async (): Promise<PushResponse> => {
  throw new TypeError('fetch failed: connect ECONNREFUSED');
};

async function openStation(name: string): Promise<StationDatabase> {
  return openStationDatabase(`${name}-${crypto.randomUUID().slice(0, 8)}`, storage(), { withBins: false });
}

describe('station sync against the server', () => {
  it('pulls the warehouse orders, keeps events while offline, and pushes them once when back', async () => {
    const created = await t.api('POST', '/v1/orders', { body: sampleOrder() });
    const db = await openStation('station');
    const replication = startPullReplication(db, pullVia(station.stationToken), () => {});
    const doc = await eventually('the order to arrive', () =>
      db.fulfillment_orders.findOne({ selector: { orderNumber: created.body.number } }).exec(),
    );

    let online = false;
    // Seqs come from the station's main (its counter on disk), as they do for every device.
    const outbox = createSyncOutbox(
      db,
      station.stationId,
      (events) => (online ? pushVia(station.stationToken)(events) : offlinePush()),
      seqBlocks((await openStationSeqs(mainDataDir)).block),
    );
    const fo = doc.toMutableJSON() as FulfillmentDocument;
    const mug = fo.lines.find((l) => l.sku === 'SKU-MUG')!;
    const actor = { kind: 'station' as const, id: station.stationId };
    const claim = await outbox.record({
      type: 'fulfillment-order-claimed',
      fulfillmentOrderId: fo.id,
      orderId: fo.orderId,
      actor,
      payload: {},
    });
    const verify = await outbox.record({
      type: 'item-verified',
      fulfillmentOrderId: fo.id,
      orderId: fo.orderId,
      actor,
      payload: { lineId: mug.lineId, barcode: '5012345678900', quantity: 1 },
    });
    expect(verify.seq).toBeGreaterThan(claim.seq);
    await outbox.flush();
    expect(await db.outbox.count({ selector: { state: 'pending' } }).exec()).toBe(2);
    // Offline, the view already shows the work.
    const offlineView = (await loadView(db, station.stationId, fo.id))!;
    expect(offlineView.doc.status).toBe('in_progress');
    expect(offlineView.doc.lines.find((l) => l.lineId === mug.lineId)!.verified).toBe(1);

    online = true;
    await outbox.flush();
    expect(await db.outbox.count({ selector: { state: 'applied' } }).exec()).toBe(2);
    replication.resync();
    const reflected = await eventually('the server to reflect the events', async () => {
      const d = await db.fulfillment_orders.findOne(fo.id).exec();
      return d && (d.appliedSeq as Record<string, number>)[station.stationId] === verify.seq ? d : null;
    });
    expect(reflected.status).toBe('in_progress');
    // Flushing again sends nothing twice.
    await outbox.flush();
    const timeline = await t.api('GET', `/v1/orders/${fo.orderId}/timeline`);
    expect(timeline.body.data.filter((e: { stationId: string }) => e.stationId === station.stationId)).toHaveLength(2);
    // The view no longer double-counts: the server doc already has the scan.
    expect((await loadView(db, station.stationId, fo.id))!.doc.lines.find((l) => l.lineId === mug.lineId)!.verified).toBe(1);
    await replication.stop();
    await db.close();
  });

  it('drops a fulfillment order that leaves the warehouse (tombstone)', async () => {
    const created = await t.api('POST', '/v1/orders', { body: sampleOrder() });
    const fo = created.body.fulfillmentOrders[0] as FulfillmentDocument;
    const db = await openStation('tombstone');
    const replication = startPullReplication(db, pullVia(station.stationToken), () => {});
    await eventually('the order', () => db.fulfillment_orders.findOne(fo.id).exec());
    // The server moves it to another warehouse: a tombstone for this one, at a new revision.
    const other = await t.api('POST', '/v1/warehouses', { body: { code: 'TOMB-2', name: 'Elsewhere' } });
    await t.server.db.transaction(async (tx) => {
      const [row] = await tx.query<{ rev: unknown }>("select nextval('sync_rev') as rev");
      await tx.query('update fulfillment_orders set warehouse_id = $2 where id = $1', [fo.id, other.body.id]);
      await tx.query("insert into sync_tombstones (collection, doc_id, warehouse_id, rev) values ('fulfillment_orders', $1, $2, $3)", [
        fo.id,
        station.warehouseId,
        Number(row!.rev),
      ]);
    });
    replication.resync();
    await eventually('the order to be removed', async () => !(await db.fulfillment_orders.findOne(fo.id).exec()));
    await replication.stop();
    await db.close();
  });

  it('pulls a first sync in batches, continues from its saved checkpoint after a restart, and a document that leaves and comes back is there', async () => {
    const { warehouseId, stationToken } = await setUpWarehouse(t, 'SYNC-BULK');
    await seedBulkOrders(t.server.db, { warehouseId, count: 2_300, seed: 3 });
    const db = await openStation('bulk');
    const asked: (number | null)[] = [];
    const pull = async (req: PullRequest) => (asked.push(req.checkpoint?.rev ?? null), pullVia(stationToken)(req));
    const progress: { received: number; remaining: number }[] = [];
    const first = startPullReplication(db, pull, (p) => progress.push(p));
    await eventually('the first sync', () => progress.at(-1)?.remaining === 0, { timeoutMs: 60_000 });
    await first.stop();
    expect(await db.fulfillment_orders.count().exec()).toBe(2_300);
    // Three batches of at most 1,000, each from the last one's checkpoint.
    expect(asked).toHaveLength(3);
    expect(asked[0]).toBeNull();
    expect(progress.map((p) => p.received)).toEqual([1_000, 2_000, 2_300]);
    const saved = (await db.station_meta.findOne('pulled:fulfillment_orders').exec())!.value;

    // Restarted (the page reloaded): it asks from where it got to, not from the start.
    const second = startPullReplication(db, pull, () => {});
    await eventually('the restart to ask', () => asked.length === 4);
    expect(asked[3]).toBe(saved);

    // An order moves to another warehouse and back: a tombstone, then the document again.
    const doc = (await db.fulfillment_orders.findOne().exec())!.toJSON();
    const other = await t.api('POST', '/v1/warehouses', { body: { code: 'BULK-2', name: 'Elsewhere' } });
    const move = async (to: string, tombstoneFor: string | null) =>
      t.server.db.transaction(async (tx) => {
        const [row] = await tx.query<{ rev: unknown }>("select nextval('sync_rev') as rev");
        await tx.query('update fulfillment_orders set warehouse_id = $2, rev = $3 where id = $1', [doc.id, to, Number(row!.rev)]);
        if (tombstoneFor)
          await tx.query("insert into sync_tombstones (collection, doc_id, warehouse_id, rev) values ('fulfillment_orders', $1, $2, $3)", [
            doc.id,
            tombstoneFor,
            Number(row!.rev),
          ]);
      });
    await move(other.body.id, warehouseId);
    second.resync();
    await eventually('the order to leave', async () => !(await db.fulfillment_orders.findOne(doc.id).exec()));
    await move(warehouseId, null);
    second.resync();
    await eventually('the order to come back', () => db.fulfillment_orders.findOne(doc.id).exec());
    await second.stop();
    await db.close();
  });
});

describe('pulling what the live stream announces', () => {
  it('pulls a change announced past its checkpoint, and nothing for one at or below it', async () => {
    await t.api('POST', '/v1/orders', { body: sampleOrder() });
    const db = await openStation('announced');
    const asked: (number | null)[] = [];
    const pull = async (req: PullRequest) => {
      asked.push(req.checkpoint?.rev ?? null);
      return pullVia(station.stationToken)(req);
    };
    const replication = startPullReplication(db, pull, () => {});
    const caughtUp = await eventually(
      'the first sync',
      async () => (await db.station_meta.findOne('pulled:fulfillment_orders').exec())?.value,
    );
    // Its own change, already here: no request at all.
    replication.resync(caughtUp);
    replication.resync(caughtUp - 1);
    await new Promise((r) => setTimeout(r, 100));
    expect(asked).toEqual([null]);

    // A change made on the server after it: pulled from the checkpoint, and the order is here.
    const fo = (await t.api('POST', '/v1/orders', { body: sampleOrder() })).body.fulfillmentOrders[0] as FulfillmentDocument;
    const rev = (await t.server.db.query<{ rev: unknown }>('select rev from fulfillment_orders where id = $1', [fo.id]))[0]!.rev;
    expect(Number(rev)).toBeGreaterThan(caughtUp);
    replication.resync(Number(rev));
    await eventually('the announced order', () => db.fulfillment_orders.findOne(fo.id).exec());
    expect(asked).toEqual([null, caughtUp]);
    await replication.stop();
    await db.close();
  });
});

describe('taking orders ahead', () => {
  /** The station's call to take work, as main makes it: the server's take route with the station's credential. */
  const takeVia = (token: string) =>
    ({
      call: async (name: string, arg: unknown) => {
        if (name !== 'leases.take') throw new Error(`not expected here: ${name}`);
        const res = await t.api('POST', '/v1/sync/leases/take', { token, body: arg });
        if (res.status !== 200) throw new Error(`take failed: ${res.status}`);
        return res.body;
      },
    }) as unknown as StationClient;

  // Stocked only in the taking station's warehouse, so the order is routed there.
  const lampOrder = (code: string) =>
    sampleOrder({
      lines: [{ sku: `${code}-LAMP`, barcode: '5012345678931', name: 'Desk lamp', quantity: 1, unitPriceMinor: 3000, taxRateBps: 2000 }],
    });

  it('says "Took" only once the orders show as held here in the station\'s own copy, so they can be packed offline', async () => {
    const takers = await setUpWarehouse(t, 'TAKE-1', { 'TAKE-1-LAMP': 5 });
    const fo = (await t.api('POST', '/v1/orders', { body: lampOrder('TAKE-1') })).body.fulfillmentOrders[0] as FulfillmentDocument;
    const db = await openStation('take');
    const replication = startPullReplication(db, pullVia(takers.stationToken), () => {});
    await eventually('the order in the pool', () => db.fulfillment_orders.findOne(fo.id).exec());
    // No live stream here: nothing pulls unless the take asks for it.
    const rt = {
      db,
      stationId: takers.stationId,
      client: takeVia(takers.stationToken),
      pull: replication.resync,
    } as unknown as StationRuntime;
    useStation.setState({ message: null });
    await takeOrdersAhead(rt, 5);
    expect(useStation.getState().message).toMatchObject({
      kind: 'success',
      text: `Took 1 order: ${fo.orderNumber}. This station holds 1.`,
    });
    const local = (await db.fulfillment_orders.findOne(fo.id).exec())!.toJSON() as FulfillmentDocument;
    expect(isHeldBy(local, takers.stationId)).toBe(true);
    expect(offlineRefusal(local, takers.stationId, new Date().toISOString())).toBeNull();
    await replication.stop();
    await db.close();
  });

  it('says the taken orders are still downloading when they do not arrive in time', async () => {
    const takers = await setUpWarehouse(t, 'TAKE-2', { 'TAKE-2-LAMP': 5 });
    const fo = (await t.api('POST', '/v1/orders', { body: lampOrder('TAKE-2') })).body.fulfillmentOrders[0] as FulfillmentDocument;
    const db = await openStation('take-slow');
    // The pull never comes (the stream and the pull both lost): the packer is told, not misled.
    const rt = {
      db,
      stationId: takers.stationId,
      client: takeVia(takers.stationToken),
      pull: () => undefined,
    } as unknown as StationRuntime;
    useStation.setState({ message: null });
    await takeOrdersAhead(rt, 5, 200);
    expect(useStation.getState().message).toMatchObject({
      kind: 'info',
      text: `Took 1 order: ${fo.orderNumber}. They are still downloading: wait until they show "held here" before packing offline.`,
    });
    await db.close();
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addRxPlugin } from 'rxdb/plugins/core';
import { RxDBDevModePlugin } from 'rxdb/plugins/dev-mode';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { wrappedValidateAjvStorage } from 'rxdb/plugins/validate-ajv';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { fileSecretStore } from '../../src/main/services/secret-store';
import { createStationServices, type StationServices } from '../../src/main/services/station-services';
import { dispatch } from '../../src/shared/contract/dispatch';
import type { SeqBlock } from '../../src/shared/contract/index';
import type { StationEvent } from '../../src/shared/events/station-events';
import type { FulfillmentDocument } from '../../src/shared/sync/fulfillment-document';
import type { PushResponse, SyncHello } from '../../src/shared/sync/sync-protocol';
import { openStationDatabase, type StationDatabase } from '../../src/renderer/db/station-database';
import { createSyncOutbox, type SyncOutbox } from '../../src/renderer/db/sync-outbox';
import { seqBlocks } from '../../src/renderer/station-client/seq-blocks';
import { viewOf } from '../../src/renderer/features/pack/fulfillment-view';
import type { OutboxDocument } from '../../src/renderer/db/schemas';
import { sampleOrder, setUpWarehouse, startTestServer, type TestServer } from '../../src/server/testing/test-server';

/**
 * Several devices of one station (browsers and handhelds on its station host): each runs the
 * renderer's outbox (RxDB on memory storage, with schema validation) and reaches the one real
 * main (station services enrolled with a real server) through the handler map as its own
 * device, as the renderer does. Their events share the station's seq space, handed out by main.
 */
addRxPlugin(RxDBDevModePlugin);

let t: TestServer;
let warehouseId: string;
let stationId: string;
let services: StationServices;
const dataDir = mkdtempSync(join(tmpdir(), 'dockside-devices-'));
const databases: StationDatabase[] = [];

async function startMain() {
  services = await createStationServices({ dataDir, secrets: fileSecretStore(dataDir) });
}
const callAs = (deviceId: string) => (name: string, arg?: unknown) => dispatch(services.handlers, name, arg, { deviceId }) as Promise<any>;

beforeAll(async () => {
  t = await startTestServer();
  ({ warehouseId } = await setUpWarehouse(t, 'DEV-1'));
  const registered = await t.api('POST', '/v1/stations', { body: { name: 'Pack 2 DEV-1', warehouseId } });
  await startMain();
  stationId = (await callAs(crypto.randomUUID())('station.enroll', { serverUrl: t.url, code: registered.body.enrollmentCode })).stationId;
  await vi.waitFor(() => expect(services.link.state().online).toBe(true), { timeout: 20_000 });
});
// RxDB (open source) allows 13 collections open at once: each test closes its devices' databases.
afterEach(async () => {
  for (const db of databases.splice(0)) await db.close();
});
afterAll(async () => {
  await services.close();
  await t.close();
  rmSync(dataDir, { recursive: true, force: true });
});

interface Device {
  db: StationDatabase;
  outbox: SyncOutbox;
}

/** A browser on the station host: its own IndexedDB (here memory), its own outbox, one device to main. */
async function openDevice(
  prepare?: (db: StationDatabase) => Promise<void>,
  pushesFrom: Promise<void> = Promise.resolve(),
): Promise<Device> {
  const call = callAs(crypto.randomUUID());
  const db = await openStationDatabase(
    `device-${crypto.randomUUID().slice(0, 8)}`,
    wrappedValidateAjvStorage({ storage: getRxStorageMemory() }),
    { withBins: false },
  );
  databases.push(db);
  await prepare?.(db);
  const push = async (events: StationEvent[]) => {
    await pushesFrom;
    return (await call('sync.push', { events })) as PushResponse;
  };
  const outbox = createSyncOutbox(
    db,
    stationId,
    push,
    seqBlocks((request) => call('sync.next-seqs', request) as Promise<SeqBlock>),
  );
  return { db, outbox };
}

async function newFulfillmentOrder(): Promise<FulfillmentDocument> {
  const created = await t.api('POST', '/v1/orders', { body: sampleOrder() });
  return created.body.fulfillmentOrders[0] as FulfillmentDocument;
}

/** Claim, then scan every unit: the events of packing one order. */
async function pack(device: Device, fo: FulfillmentDocument): Promise<StationEvent[]> {
  const actor = { kind: 'station' as const, id: stationId };
  const recorded = [
    await device.outbox.record({ type: 'fulfillment-order-claimed', fulfillmentOrderId: fo.id, orderId: fo.orderId, actor, payload: {} }),
  ];
  for (const line of fo.lines) {
    for (let unit = 0; unit < line.quantity; unit++) {
      recorded.push(
        await device.outbox.record({
          type: 'item-verified',
          fulfillmentOrderId: fo.id,
          orderId: fo.orderId,
          actor,
          payload: { lineId: line.lineId, barcode: line.barcode!, quantity: 1 },
        }),
      );
    }
  }
  return recorded;
}

const states = async (device: Device) =>
  (await device.db.outbox.find().exec()).map((d) => ({ seq: d.seq, state: d.state, code: d.outcomeCode }));

describe('devices of one station', () => {
  it('two devices packing at once never share a seq: every event is applied, none refused as seq_reused', async () => {
    const [a, b] = await Promise.all([openDevice(), openDevice()]);
    const orders = await Promise.all([0, 1, 2, 3].map(() => newFulfillmentOrder()));
    // Both devices record at the same time, each on its own orders.
    const [fromA, fromB] = await Promise.all([
      (async () => [...(await pack(a, orders[0]!)), ...(await pack(a, orders[2]!))])(),
      (async () => [...(await pack(b, orders[1]!)), ...(await pack(b, orders[3]!))])(),
    ]);
    const seqs = [...fromA, ...fromB].map((e) => e.seq);
    expect(new Set(seqs).size).toBe(seqs.length);
    // Each device's own events are in its seq order.
    for (const events of [fromA, fromB]) expect(events.map((e) => e.seq)).toEqual([...events.map((e) => e.seq)].sort((x, y) => x - y));

    await Promise.all([a.outbox.flush(), b.outbox.flush()]);
    for (const device of [a, b]) expect((await states(device)).filter((s) => s.state !== 'applied')).toEqual([]);
    // The server holds every event, applied, each under its own seq.
    const timeline = (await Promise.all(orders.map((fo) => t.api('GET', `/v1/orders/${fo.orderId}/timeline`))))
      .flatMap((r) => r.body.data as { stationId: string | null; stationSeq: number; outcome: string }[])
      .filter((e) => e.stationId === stationId);
    expect(timeline).toHaveLength(seqs.length);
    expect(timeline.every((e) => e.outcome === 'applied')).toBe(true);
    const fo = (await t.api('GET', `/v1/fulfillment-orders/${orders[3]!.id}`)).body as FulfillmentDocument;
    expect(fo.lines.every((l) => l.verified === l.quantity)).toBe(true);
  });

  it('a browser that counted its own seqs before (an upgrade) raises the station floor once, for every device', async () => {
    const hello = (await callAs(crypto.randomUUID())('sync.hello')) as SyncHello;
    const legacy = hello.lastSeq + 5000;
    const upgraded = await openDevice(async (db) => {
      await db.station_meta.insert({ key: 'last-seq', value: legacy });
    });
    const [claim] = await pack(upgraded, await newFulfillmentOrder());
    expect(claim!.seq).toBeGreaterThan(legacy);
    // The old counter has done its job and is gone.
    expect(await upgraded.db.station_meta.findOne('last-seq').exec()).toBeNull();
    // Every other device continues above it too.
    const other = await openDevice();
    const [next] = await pack(other, await newFulfillmentOrder());
    expect(next!.seq).toBeGreaterThan(legacy);
    await Promise.all([upgraded.outbox.flush(), other.outbox.flush()]);
    for (const device of [upgraded, other]) expect((await states(device)).every((s) => s.state === 'applied')).toBe(true);
  });

  it('a main whose seq counter was lost continues above the seq the server holds once it reaches the server', async () => {
    const device = await openDevice();
    await pack(device, await newFulfillmentOrder());
    await device.outbox.flush();
    const { lastSeq } = (await callAs(crypto.randomUUID())('sync.hello')) as SyncHello;
    await services.close();
    rmSync(join(dataDir, 'station-seq.json'));
    await startMain();
    // Main asks the server where this station stands when it connects.
    const call = callAs(crypto.randomUUID());
    await vi.waitFor(async () => expect(((await call('sync.next-seqs', { count: 1 })) as SeqBlock).first).toBeGreaterThan(lastSeq), {
      timeout: 20_000,
    });
    const fresh = await openDevice();
    await pack(fresh, await newFulfillmentOrder());
    await fresh.outbox.flush();
    expect((await states(fresh)).every((s) => s.state === 'applied')).toBe(true);
  });

  it("a device's scan applied after another device's higher seq stays in its view until its copy of the order holds it", async () => {
    let online!: () => void;
    const a = await openDevice(undefined, new Promise<void>((resolve) => (online = resolve)));
    const b = await openDevice();
    const fo = await newFulfillmentOrder();
    const mug = fo.lines.find((l) => l.sku === 'SKU-MUG')!;
    const about = { fulfillmentOrderId: fo.id, orderId: fo.orderId, actor: { kind: 'station' as const, id: stationId } };
    const scanMug = { type: 'item-verified' as const, ...about, payload: { lineId: mug.lineId, barcode: mug.barcode!, quantity: 1 } };
    // A scans first (its block is below B's) but cannot push yet; B claims, scans and pushes.
    const fromA = await a.outbox.record(scanMug);
    await b.outbox.record({ type: 'fulfillment-order-claimed', ...about, payload: {} });
    const fromB = await b.outbox.record(scanMug);
    expect(fromA.seq).toBeLessThan(fromB.seq);
    await b.outbox.flush();
    // A's copy of the order, pulled now: B's scan is in it, and appliedSeq is above A's seq.
    const serverCopy = async () => (await t.api('GET', `/v1/fulfillment-orders/${fo.id}`)).body as FulfillmentDocument;
    const older = await serverCopy();
    expect(older.appliedSeq[stationId]).toBe(fromB.seq);
    const mugsIn = async (doc: FulfillmentDocument) => {
      const outbox = (await a.db.outbox.find().exec()).map((d) => d.toMutableJSON() as OutboxDocument);
      return viewOf(doc, outbox, stationId).doc.lines.find((l) => l.lineId === mug.lineId)!.verified;
    };
    expect(await mugsIn(older)).toBe(2);

    online();
    await a.outbox.flush();
    expect(await states(a)).toEqual([{ seq: fromA.seq, state: 'applied', code: null }]);
    // Acknowledged, but the copy A holds is older than the push: the scan is still on A's screen.
    expect(await mugsIn(older)).toBe(2);
    // Once A's copy holds it, it is counted once.
    const holding = await serverCopy();
    expect(holding.lines.find((l) => l.lineId === mug.lineId)!.verified).toBe(2);
    expect(await mugsIn(holding)).toBe(2);
  });
});

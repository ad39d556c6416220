import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addRxPlugin } from 'rxdb/plugins/core';
import { RxDBDevModePlugin } from 'rxdb/plugins/dev-mode';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { wrappedValidateAjvStorage } from 'rxdb/plugins/validate-ajv';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { fileSecretStore } from '../../src/main/services/secret-store';
import { createStationServices, type StationServices } from '../../src/main/services/station-services';
import type { ClaimOutcome, ConnectionState } from '../../src/shared/contract/index';
import { dispatch } from '../../src/shared/contract/dispatch';
import type { FulfillmentDocument } from '../../src/shared/sync/fulfillment-document';
import type { PullResponse } from '../../src/shared/sync/sync-protocol';
import { useStation } from '../../src/renderer/app/station-store';
import type { StationRuntime } from '../../src/renderer/app/station-runtime';
import { startPullReplication } from '../../src/renderer/db/pull-replication';
import { openStationDatabase, type StationDatabase } from '../../src/renderer/db/station-database';
import { createSyncOutbox } from '../../src/renderer/db/sync-outbox';
import { createPackController } from '../../src/renderer/features/pack/pack-controller';
import { loadView } from '../../src/renderer/features/pack/fulfillment-view';
import { oneScanAtATime, sayNotRecorded } from '../../src/renderer/scanner/one-scan-at-a-time';
import { StationCallError, type StationClient } from '../../src/renderer/station-client/index';
import { seqBlocks } from '../../src/renderer/station-client/seq-blocks';
import { sampleOrder, setUpWarehouse, startTestServer, type TestServer } from '../../src/server/testing/test-server';
import { eventually } from '../../src/server/testing/test-support';

/**
 * An order scanned at the pack screen while the station is online: it shows at once while the
 * server is asked for it, its item scans wait for the answer, and a refusal brings back what was
 * open before. The renderer's pack controller and RxDB database (memory storage, dev-mode,
 * schema validation) talk to the station's real main (its services, enrolled with a real
 * central server), which asks the server for every claim. The only hand in the middle holds
 * back the delivery of main's answer to a claim until the test releases it: the request itself
 * has reached the server, which has decided.
 */
addRxPlugin(RxDBDevModePlugin);

const MUG = '5012345678900';
/**
 * How long an item scan that must wait for its claim is watched. Without the wait (heldBeforeItems
 * made to return at once) it finished in 1-20 ms here; a loaded machine can only make this miss a
 * bug, never fail a right controller.
 */
const WATCHED_MS = 1_500;

let t: TestServer;
/** Another station of the same warehouse: it takes orders first, through the real API. */
let rival: Awaited<ReturnType<typeof setUpWarehouse>>;
let services: StationServices;
let stationId: string;
const dataDirs: string[] = [];
const DEVICE = { deviceId: crypto.randomUUID() };

/** A claim main has sent to the server; its answer reaches the renderer only once released. */
interface HeldClaim {
  fulfillmentOrderId: string;
  /** Main's answer (from the server), whether or not delivered yet. */
  outcome: Promise<ClaimOutcome>;
  release(): void;
}
let held: HeldClaim[] = [];

/** The renderer's client, as preload gives it: main's handlers, errors as StationCallError; claims' answers held back. */
const client: StationClient = {
  call: (async (name: string, arg?: unknown) => {
    const answer = dispatch(services.handlers, name, arg, DEVICE).catch((err: unknown) => {
      const e = err as { code?: string; message: string };
      throw new StationCallError(e.code ?? 'error', e.message);
    });
    if (name !== 'leases.claim') return answer;
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    answer.catch(() => undefined); // delivered below, once released
    held.push({
      fulfillmentOrderId: (arg as { fulfillmentOrderId: string }).fulfillmentOrderId,
      outcome: answer as Promise<ClaimOutcome>,
      release,
    });
    await released;
    return answer;
  }) as StationClient['call'],
  pair: async () => undefined,
  listen: () => () => undefined,
};

/** The speaker is the one thing outside: which sounds the station played, told apart by their files. */
let heard: string[] = [];
const SOUND_OF_SIZE = new Map(
  (['scan-error', 'order-complete', 'scan-ok'] as const).map((file) => [
    statSync(new URL(`../../resources/sounds/${file}.wav`, import.meta.url)).size,
    file === 'scan-error' ? 'error' : file === 'order-complete' ? 'complete' : 'success',
  ]),
);
/** A stand-in for the browser's audio context: a started sound is heard. */
class Speaker {
  state = 'running';
  destination = {};
  resume = async () => undefined;
  decodeAudioData = async (bytes: ArrayBuffer) => ({ sound: SOUND_OF_SIZE.get(bytes.byteLength) });
  createBufferSource() {
    const source = {
      buffer: null as { sound?: string } | null,
      onended: null,
      connect: () => undefined,
      stop: () => undefined,
      start: () => void heard.push(source.buffer?.sound ?? 'unknown'),
    };
    return source;
  }
}

beforeAll(async () => {
  t = await startTestServer();
  rival = await setUpWarehouse(t, 'CLM-1');
  const registered = await t.api('POST', '/v1/stations', { body: { name: 'Pack 7', warehouseId: rival.warehouseId } });
  const dataDir = mkdtempSync(join(tmpdir(), 'dockside-claim-'));
  dataDirs.push(dataDir);
  services = await createStationServices({ dataDir, secrets: fileSecretStore(dataDir) });
  stationId = (
    (await dispatch(services.handlers, 'station.enroll', { serverUrl: t.url, code: registered.body.enrollmentCode }, DEVICE)) as {
      stationId: string;
    }
  ).stationId;
  await vi.waitFor(() => expect(services.link.state().online).toBe(true), { timeout: 20_000 });
  vi.stubGlobal('AudioContext', Speaker);
});
afterAll(async () => {
  vi.unstubAllGlobals();
  await services?.close();
  await t?.close();
  for (const d of dataDirs) rmSync(d, { recursive: true, force: true });
});

let station: Awaited<ReturnType<typeof openStation>>;
beforeEach(async () => {
  held = [];
  heard = [];
  // Files share a worker (vitest.config.ts): start from the store's initial state, not another file's.
  useStation.setState(useStation.getInitialState(), true);
  // Online as main says (the app follows its sync.connection notices).
  useStation.getState().patchSync({ connection: (await client.call('sync.connection')) as ConnectionState });
  expect(useStation.getState().sync.connection.online).toBe(true);
  station = await openStation();
});
afterEach(async () => {
  // Nothing is left waiting on a claim: every answer is delivered, every scan finished.
  for (const c of held) c.release();
  await station.scan(async () => undefined);
  station.controller.close();
  await station.replication.stop();
  await station.db.close();
});

/** The station's renderer: its database filled by pull replication through main, its outbox, the pack controller and the scan queue. */
async function openStation() {
  const db: StationDatabase = await openStationDatabase(
    `claim-${crypto.randomUUID().slice(0, 8)}`,
    wrappedValidateAjvStorage({ storage: getRxStorageMemory() }),
    { withBins: false },
  );
  const replication = startPullReplication(
    db,
    async (req) => (await client.call('sync.pull', req)) as PullResponse,
    () => {},
  );
  // Nothing is flushed here: what the station records stays in its outbox, to be read.
  const outbox = createSyncOutbox(
    db,
    stationId,
    (events) => client.call('sync.push', { events }),
    seqBlocks((request) => client.call('sync.next-seqs', request)),
  );
  const rt: StationRuntime = { db, outbox, stationId, client, pull: replication.resync, stop: async () => void (await db.close()) };
  const controller = createPackController(rt);
  // As the app does: scans go one at a time, in order (a fresh queue per test).
  const queue = oneScanAtATime(sayNotRecorded);
  return { db, outbox, replication, controller, scan: queue, scanCode: (code: string) => queue(() => controller.onScan(code)) };
}

/** A new order in the warehouse, once it has arrived in the station's copy (as the live stream would pull it). */
async function arrivedOrder(): Promise<FulfillmentDocument> {
  const fo = (await t.api('POST', '/v1/orders', { body: sampleOrder() })).body.fulfillmentOrders[0] as FulfillmentDocument;
  station.replication.resync();
  await eventually('the order in the station', () => station.db.fulfillment_orders.findOne(fo.id).exec());
  return fo;
}

const claimAsked = (fulfillmentOrderId: string) =>
  eventually(`main to ask the server for ${fulfillmentOrderId}`, () => held.find((c) => c.fulfillmentOrderId === fulfillmentOrderId));
const openId = () => useStation.getState().openFulfillmentOrderId;
const message = () => useStation.getState().message;
/** What the station has written of the order (an item scan is done once it counts; its write may still be landing). */
const recorded = async (fulfillmentOrderId: string) =>
  (await station.outbox.settled(),
  await station.db.outbox.find({ selector: { subjectId: fulfillmentOrderId }, sort: [{ seq: 'asc' }] }).exec()).map((e) => e.type);
const verifiedMugs = async (fulfillmentOrderId: string) =>
  (await station.outbox.settled(), await loadView(station.db, stationId, fulfillmentOrderId))!.doc.lines.find((l) => l.barcode === MUG)!
    .verified;

/** Whether `scan` is still unfinished and `check` holds all along, watched for WATCHED_MS (a scan that should wait, and does). */
async function waitsAll(scan: Promise<void>, check: () => Promise<void>): Promise<void> {
  let finished = false;
  void scan.finally(() => (finished = true));
  const until = Date.now() + WATCHED_MS;
  while (Date.now() < until) {
    expect(finished, 'the scan finished before the claim was answered').toBe(false);
    await check();
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** An order-number scan finishes without the claim's answer (held back here): else it would never finish. */
async function scannedPromptly(code: string): Promise<void> {
  let finished = false;
  const scan = station.scanCode(code).then(() => (finished = true));
  await eventually(`the scan of ${code} to finish while its claim is asked`, () => finished);
  await scan;
}

/** Scans an order the server gives to this station, and waits until it is open here. */
async function openGranted(fo: FulfillmentDocument): Promise<void> {
  await scannedPromptly(fo.orderNumber);
  (await claimAsked(fo.id)).release();
  await eventually('the order to be held here', async () => (await recorded(fo.id)).includes('fulfillment-order-claimed'));
  await station.scan(async () => undefined);
  expect(message()).toMatchObject({ kind: 'success', text: `Opened ${fo.orderNumber}: scan each item.` });
}

describe('an order scanned while online, its claim still asked of the server', () => {
  it('shows the order at once; its item scan waits for the grant, then is recorded', async () => {
    const fo = await arrivedOrder();

    await scannedPromptly(fo.orderNumber);
    // Shown while the claim is out: the server has it (main asked), the renderer has no answer yet.
    const claim = await claimAsked(fo.id);
    expect(openId()).toBe(fo.id);
    expect((await station.controller.openView.viewOf(fo.id))!.doc.orderNumber).toBe(fo.orderNumber);
    // Said while asked: not the last order's message beside this one.
    expect(message()).toMatchObject({ kind: 'info', text: `Opening ${fo.orderNumber}: checking no other station has it…` });
    expect(await recorded(fo.id)).toEqual([]);
    // The server has given it to this station already; the item scan still waits for that answer to arrive.
    expect(await claim.outcome).toMatchObject({ granted: true, lease: { stationId, fulfillmentOrderId: fo.id } });
    const item = station.scanCode(MUG);
    await waitsAll(item, async () => {
      expect(await recorded(fo.id)).toEqual([]);
      expect(openId()).toBe(fo.id);
    });

    claim.release();
    await item;
    expect(await recorded(fo.id)).toEqual(['fulfillment-order-claimed', 'item-verified']);
    expect(await verifiedMugs(fo.id)).toBe(1);
    expect(openId()).toBe(fo.id);
    expect(message()).toMatchObject({ kind: 'success', text: expect.stringContaining('Enamel mug') });
  });

  it('refused (another station holds it), closes the order and brings back the one open before, with the error sound; nothing of it is recorded', async () => {
    const before = await arrivedOrder();
    await openGranted(before);
    await station.scanCode(MUG);
    expect(await verifiedMugs(before.id)).toBe(1);
    const taken = await arrivedOrder();
    // Another station of the warehouse takes it first; this station's copy still shows it in the pool.
    expect(
      (await t.api('POST', '/v1/sync/leases/claim', { token: rival.stationToken, body: { fulfillmentOrderId: taken.id } })).status,
    ).toBe(200);
    heard = [];

    await scannedPromptly(taken.orderNumber);
    const claim = await claimAsked(taken.id);
    expect(openId()).toBe(taken.id);
    expect(await claim.outcome).toMatchObject({ granted: false, holder: { stationId: rival.stationId } });
    // Its mug, scanned meanwhile (the previous order has mugs too): waits, then is not recorded on either.
    const item = station.scanCode(MUG);
    await waitsAll(item, async () => expect(await recorded(taken.id)).toEqual([]));

    claim.release();
    await item;
    expect(openId()).toBe(before.id);
    expect(message()).toEqual({ kind: 'error', text: `${taken.orderNumber} is being packed at Pack 1 CLM-1`, needsAck: true });
    // The refusal's buzz, and the refused item scan's.
    expect(heard).toEqual(['error', 'error']);
    expect(await recorded(taken.id)).toEqual([]);
    expect(await recorded(before.id)).toEqual(['fulfillment-order-claimed', 'item-verified']);
    expect(await verifiedMugs(before.id)).toBe(1);
  });

  it('granted after the packer opened another order, the first is only held here, not reopened', async () => {
    const first = await arrivedOrder();
    const second = await arrivedOrder();

    await scannedPromptly(first.orderNumber);
    const firstClaim = await claimAsked(first.id);
    // The next order number does not wait for the first one's answer.
    await scannedPromptly(second.orderNumber);
    const secondClaim = await claimAsked(second.id);
    expect(openId()).toBe(second.id);

    firstClaim.release();
    await eventually('the first order to be held here', async () => (await recorded(first.id)).includes('fulfillment-order-claimed'));
    const heldHere = (await loadView(station.db, stationId, first.id))!.doc;
    expect(heldHere).toMatchObject({ status: 'in_progress', claimedBy: stationId });
    expect(openId()).toBe(second.id);
    expect(message()?.text ?? '').not.toContain(first.orderNumber);

    secondClaim.release();
    await station.scanCode(MUG);
    expect(openId()).toBe(second.id);
    expect(message()).toMatchObject({ kind: 'success', text: expect.stringContaining('Enamel mug') });
    expect(await recorded(second.id)).toEqual(['fulfillment-order-claimed', 'item-verified']);
    expect(await recorded(first.id)).toEqual(['fulfillment-order-claimed']);
  });

  it('refused after the packer opened another order, that order stays open (the one before it does not come back)', async () => {
    const before = await arrivedOrder();
    await openGranted(before);
    const taken = await arrivedOrder();
    const next = await arrivedOrder();
    await t.api('POST', '/v1/sync/leases/claim', { token: rival.stationToken, body: { fulfillmentOrderId: taken.id } });

    await scannedPromptly(taken.orderNumber);
    const refused = await claimAsked(taken.id);
    await scannedPromptly(next.orderNumber);
    const granted = await claimAsked(next.id);
    expect(openId()).toBe(next.id);

    refused.release();
    await eventually('the refusal to be said', () => message()?.kind === 'error');
    expect(message()!.text).toBe(`${taken.orderNumber} is being packed at Pack 1 CLM-1`);
    expect(openId()).toBe(next.id);
    expect(await recorded(taken.id)).toEqual([]);

    granted.release();
    useStation.getState().acknowledge();
    await station.scanCode(MUG);
    expect(openId()).toBe(next.id);
    expect(await recorded(next.id)).toEqual(['fulfillment-order-claimed', 'item-verified']);
  });
});

describe('an order this station holds already, scanned while online', () => {
  it('opens at once and takes its items without asking the server (a server that hangs cannot stall the packer)', async () => {
    const fo = await arrivedOrder();
    // Taken ahead ("Take orders"): the server gave it to this station; its copy says so once pulled.
    expect((await client.call('leases.take', { count: 1 })).taken.map((t) => t.fulfillmentOrderId)).toEqual([fo.id]);
    station.replication.resync();
    await eventually('the order held here in the station', async () => {
      const doc = (await station.db.fulfillment_orders.findOne(fo.id).exec())?.toJSON() as FulfillmentDocument | undefined;
      return doc?.claimedBy === stationId;
    });

    // Any claim asked now would never be answered (held back here): none is asked.
    await station.scanCode(fo.orderNumber);
    await station.scanCode(MUG);
    expect(held).toEqual([]);
    expect(openId()).toBe(fo.id);
    expect(await recorded(fo.id)).toEqual(['fulfillment-order-claimed', 'item-verified']);
    expect(await verifiedMugs(fo.id)).toBe(1);
  });
});

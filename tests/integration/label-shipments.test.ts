import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addRxPlugin } from 'rxdb/plugins/core';
import { RxDBDevModePlugin } from 'rxdb/plugins/dev-mode';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { wrappedValidateAjvStorage } from 'rxdb/plugins/validate-ajv';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createStationServices, type StationServices } from '../../src/main/services/station-services';
import { fileSecretStore } from '../../src/main/services/secret-store';
import { holdSsccBlock } from '../../src/main/printing/testing/sscc-blocks';
import { startVirtualPrinter, type VirtualPrinter } from '../../src/main/printing/testing/virtual-printer';
import { JOBS_SHOWN, type PrintJob, type PrinterConfig } from '../../src/shared/contract/index';
import type { FulfillmentDocument } from '../../src/shared/sync/fulfillment-document';
import type { StationEvent } from '../../src/shared/events/station-events';
import type { PushResponse } from '../../src/shared/sync/sync-protocol';
import { useStation } from '../../src/renderer/app/station-store';
import type { StationRuntime } from '../../src/renderer/app/station-runtime';
import { openStationDatabase, type StationDatabase } from '../../src/renderer/db/station-database';
import { createSyncOutbox } from '../../src/renderer/db/sync-outbox';
import { createPackController, type PackController } from '../../src/renderer/features/pack/pack-controller';
import { loadView } from '../../src/renderer/features/pack/fulfillment-view';
import { startLabelShipments } from '../../src/renderer/features/pack/label-shipments';
import type { StationClient } from '../../src/renderer/station-client/index';
import { seqBlocks } from '../../src/renderer/station-client/seq-blocks';
import { callMain } from '../support/main-call';

/** The caller these tests speak as (main keeps sign-in per device; seqs are the station's). */
const DEVICE = { deviceId: crypto.randomUUID() };

/**
 * A package waits for its label durably: the renderer's pack controller and RxDB (memory storage,
 * kept across a "reload") against the real station services on a data dir that outlives a
 * "restart", with virtual TCP printers that are dead, then back. The server stays unreachable.
 */
addRxPlugin(RxDBDevModePlugin);

const STATION = '22222222-2222-4222-8222-222222222222';
const MUG = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
const FO = 'dddddddd-dddd-4ddd-8ddd-dddddddddddd';
const ORDER = 'ORD-20261202-00077';

const doc = (): FulfillmentDocument => ({
  id: FO,
  orderId: 'eeeeeeee-eeee-4eee-8eee-eeeeeeeeeeee',
  orderNumber: ORDER,
  // Held by this station ahead (assigned work): the server is unreachable in these tests.
  warehouseId: 'ffffffff-ffff-4fff-8fff-ffffffffffff',
  status: 'in_progress',
  holds: [],
  claimedBy: STATION,
  lease: { stationName: 'Pack 1', expiresAt: '2099-01-01T00:00:00.000Z' },
  customerName: 'Ada Lovelace',
  shipTo: { name: 'Ada Lovelace', line1: '1 Analytical Row', city: 'London', postalCode: 'N1 1AA', country: 'GB' },
  lines: [{ lineId: MUG, sku: 'SKU-MUG', barcode: '5012345678900', name: 'Enamel mug', quantity: 1, verified: 0, packed: 0, shipped: 0 }],
  packages: [],
  appliedSeq: {},
  version: 1,
  createdAt: '2026-12-02T08:00:00.000Z',
  updatedAt: '2026-12-02T08:00:00.000Z',
});

let dataDir: string;
let services: StationServices;
let labels: VirtualPrinter;
let slips: VirtualPrinter;
const opened: { db: StationDatabase; controllers: PackController[] }[] = [];

/** The renderer's client to whatever station services run now (they are restarted in some tests). */
const client: StationClient = {
  call: callMain(() => services, DEVICE),
  pair: async () => undefined,
  listen: (name, cb) => {
    const listener: Listener = { name, cb: cb as (p: unknown) => void, off: () => undefined };
    subscribe(listener);
    listeners.add(listener);
    return () => {
      listener.off();
      listeners.delete(listener);
    };
  },
};

/** The page's listeners, each subscribed to the services running when it was last (re)connected. */
interface Listener {
  name: string;
  cb: (payload: unknown) => void;
  off: () => void;
}
const listeners = new Set<Listener>();
function subscribe(listener: Listener) {
  listener.off = services.events.subscribe(DEVICE.deviceId, (n, payload) => {
    if (n === listener.name) listener.cb(payload);
  });
}
/** The page's event stream reconnects to the services running now, and opens with their print jobs, as the station host's does. */
function reconnectEventStream() {
  for (const listener of listeners) {
    subscribe(listener);
    if (listener.name === 'printing.jobs-listed') listener.cb(services.print.listJobs({ limit: JOBS_SHOWN }));
  }
}

/** One device (a browser's own database and outbox) with the order as it has it. */
async function device(fulfillmentOrder: FulfillmentDocument = doc()): Promise<StationRuntime> {
  const db = await openStationDatabase(
    `ship-${crypto.randomUUID().slice(0, 8)}`,
    wrappedValidateAjvStorage({ storage: getRxStorageMemory() }),
    { withBins: false },
  );
  await db.fulfillment_orders.insert(fulfillmentOrder);
  const outbox = createSyncOutbox(
    db,
    STATION,
    async (_events: StationEvent[]): Promise<PushResponse> => {
      throw new TypeError('fetch failed: connect ECONNREFUSED');
    },
    seqBlocks((request) => client.call('sync.next-seqs', request)),
  );
  opened.push({ db, controllers: [] });
  return { db, outbox, stationId: STATION, client, pull: () => undefined /* offline */, stop: async () => void (await db.remove()) };
}

/** A page on the device: its memory (the pack controller) starts empty. */
function openPage(rt: StationRuntime): PackController {
  useStation.setState({ openFulfillmentOrderId: null, message: null, packageWeightGrams: null, lastLabelJobId: null, people: null });
  const controller = createPackController(rt);
  opened.find((o) => o.db === rt.db)!.controllers.push(controller);
  return controller;
}

const startServices = async () => {
  services = await createStationServices({ dataDir, secrets: fileSecretStore(dataDir) });
};

beforeAll(async () => {
  labels = await startVirtualPrinter({ mode: 'refuse' });
  slips = await startVirtualPrinter();
});
afterAll(async () => {
  await labels.close();
  await slips.close();
});

beforeEach(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'dockside-ship-'));
  await holdSsccBlock(dataDir); // the server stays unreachable: the station got its SSCC block when enrolled
  await startServices();
  labels.setMode('refuse');
  labels.jobs.length = 0;
  slips.jobs.length = 0;
  const label: PrinterConfig = {
    id: crypto.randomUUID(),
    name: 'Zebra 1',
    language: 'zpl',
    dpi: 203,
    connection: { kind: 'tcp', host: labels.host, port: labels.port },
  };
  const slip: PrinterConfig = {
    id: crypto.randomUUID(),
    name: 'Receipt 1',
    language: 'escpos',
    dpi: 203,
    connection: { kind: 'tcp', host: slips.host, port: slips.port },
  };
  await client.call('settings.update', { printers: [label, slip], routes: { 'shipping-label': label.id, 'packing-slip': slip.id } });
});

afterEach(async () => {
  for (const { db, controllers } of opened.splice(0)) {
    controllers.forEach((c) => c.close());
    await db.remove();
  }
  await services.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const eventsOf = async (rt: StationRuntime) =>
  (await rt.outbox.settled(), await rt.db.outbox.find({ sort: [{ seq: 'asc' }] }).exec()).map((e) => e.toMutableJSON());
const typesOf = async (rt: StationRuntime) => (await eventsOf(rt)).map((e) => e.type);
const message = () => useStation.getState().message;
const labelJobs = async (): Promise<PrintJob[]> =>
  (await client.call('printing.list-jobs', {})).filter((j) => j.template === 'shipping-label');

/** Opens the order, scans its item and presses Ship: the label cannot print (the Zebra is dead). */
async function shipWhileLabelPrinterIsDead(rt: StationRuntime, controller: PackController): Promise<PrintJob> {
  await controller.onScan(ORDER);
  await controller.onScan('5012345678900');
  await controller.ship();
  expect(message()).toMatchObject({ kind: 'error', text: expect.stringContaining(`has not taken ${ORDER}'s label`) });
  expect(await typesOf(rt)).toEqual(['fulfillment-order-claimed', 'item-verified', 'package-created']);
  const [job] = await labelJobs();
  expect(job).toMatchObject({ state: 'retrying', purpose: { kind: 'ship-package', fulfillmentOrderId: FO }, purposeRecordedAt: null });
  return job!;
}

/** The package shipped exactly once, with the label that printed; main knows it is recorded. */
async function expectShippedOnceWith(rt: StationRuntime, job: PrintJob) {
  await expect.poll(() => typesOf(rt)).toContain('package-shipped');
  const events = await eventsOf(rt);
  expect(events.filter((e) => e.type === 'label-printed').map((e) => e.payload)).toEqual([
    expect.objectContaining({ sscc: job.sscc, printJobId: job.id }),
  ]);
  expect(events.filter((e) => e.type === 'package-shipped')).toHaveLength(1);
  expect((await loadView(rt.db, STATION, FO))!.doc.status).toBe('closed');
  await expect.poll(async () => (await labelJobs()).find((j) => j.id === job.id)?.purposeRecordedAt ?? null).not.toBeNull();
  expect(await client.call('printing.list-jobs', { unrecorded: true })).toEqual([]);
  expect(labels.jobs).toHaveLength(1);
}

describe('a package waiting for its label', () => {
  it('ships once when the label prints after a page reload and a station restart', async () => {
    const rt = await device();
    const job = await shipWhileLabelPrinterIsDead(rt, openPage(rt));
    // The page goes (its memory with it), the station restarts, the printer comes back.
    opened[0]!.controllers.pop()!.close();
    await services.close();
    labels.setMode('accept');
    await startServices(); // a restart sends every waiting job at once
    openPage(rt);

    await labels.waitForJobs(1);
    await expectShippedOnceWith(rt, job);
    expect(labels.jobs[0]!.toString('latin1')).toContain(job.sscc!.slice(2));
  });

  it("ships as soon as the page's event stream is back after a station restart that printed the label", async () => {
    // The page's own reconcile never runs here: only the reopened stream can settle the label.
    vi.useFakeTimers({ toFake: ['setInterval'] });
    try {
      const rt = await device();
      const job = await shipWhileLabelPrinterIsDead(rt, openPage(rt));
      await services.close();
      labels.setMode('accept');
      await startServices(); // a restart sends every waiting job at once, before any page is connected again
      await labels.waitForJobs(1);
      await expect.poll(async () => (await labelJobs()).find((j) => j.id === job.id)?.state).toBe('printed');
      reconnectEventStream();
      await expectShippedOnceWith(rt, job);
    } finally {
      vi.useRealTimers();
    }
  });

  it('ships when the station next runs if the label printed while no page was open', async () => {
    const rt = await device();
    const job = await shipWhileLabelPrinterIsDead(rt, openPage(rt));
    opened[0]!.controllers.pop()!.close();
    labels.setMode('accept');
    expect((await client.call('printing.retry-now', { jobId: job.id })).state).toBe('printed');
    expect(await typesOf(rt)).not.toContain('label-printed');

    openPage(rt);
    await expectShippedOnceWith(rt, job);
    // Said once the shipment is recorded and marked, which the checks above may see first on loaded cores.
    await expect.poll(message).toMatchObject({ kind: 'success', text: `${ORDER}: its label printed, so the package shipped.` });
  });

  it('only marks a label whose shipment was recorded before the mark was lost, and finishes one half recorded', async () => {
    const rt = await device();
    const job = await shipWhileLabelPrinterIsDead(rt, openPage(rt));
    opened[0]!.controllers.pop()!.close();
    labels.setMode('accept');
    await client.call('printing.retry-now', { jobId: job.id });
    // The station stopped right after recording the label, before the shipment.
    const view = (await loadView(rt.db, STATION, FO))!.doc;
    const about = { fulfillmentOrderId: FO, orderId: view.orderId, actor: { kind: 'station' as const, id: STATION } };
    await rt.outbox.record({
      type: 'label-printed',
      ...about,
      payload: { packageId: view.packages[0]!.id, printJobId: job.id, format: 'zpl', sscc: job.sscc, trackingNumber: null, carrier: null },
    });

    const shipments = startLabelShipments(rt, async () => undefined);
    await shipments.reconcile();
    shipments.stop();
    await expectShippedOnceWith(rt, job);
    // Everything recorded, but say the mark had been lost: a new page settling it records nothing more.
    const later = startLabelShipments(rt, async () => undefined);
    expect(await later.settle({ ...job, state: 'printed' })).toEqual({ outcome: 'recorded-before' });
    later.stop();
    expect((await typesOf(rt)).filter((t) => t === 'label-printed' || t === 'package-shipped')).toEqual([
      'label-printed',
      'package-shipped',
    ]);
  });

  it('is left alone by devices that did not pack it, and shipped by the one that did', async () => {
    const packer = await device();
    const job = await shipWhileLabelPrinterIsDead(packer, openPage(packer));
    opened[0]!.controllers.pop()!.close();
    // Another browser on this station host: one has the order as the server had it before the
    // package, one has it with the package (synced), neither packed it.
    const without = await device({ ...doc(), status: 'in_progress', claimedBy: STATION });
    const synced = await device((await loadView(packer.db, STATION, FO))!.doc);
    labels.setMode('accept');
    await client.call('printing.retry-now', { jobId: job.id });

    for (const other of [without, synced]) {
      const shipments = startLabelShipments(other, async () => undefined);
      await shipments.reconcile();
      shipments.stop();
      expect(await typesOf(other)).toEqual([]);
    }
    expect((await client.call('printing.list-jobs', { unrecorded: true })).map((j) => j.id)).toEqual([job.id]);

    openPage(packer);
    await expectShippedOnceWith(packer, job);
  });

  it('asks whether a label that may have printed did, sends nothing more meanwhile, and ships the package once on "It printed"', async () => {
    // The Zebra prints every label and then resets the connection: the station cannot know it printed.
    labels.setMode('reset-after-job');
    const rt = await device();
    const controller = openPage(rt);
    await controller.onScan(ORDER);
    await controller.onScan('5012345678900');
    await controller.ship();
    const [job] = await labelJobs();
    expect(job).toMatchObject({ state: 'unconfirmed', mayHavePrinted: true, nextAttemptAt: null });
    expect(message()).toMatchObject({ kind: 'error', needsAck: true, text: expect.stringMatching(/^Did .+ come out of Zebra 1\? /) });
    expect(message()!.text).toContain(`SSCC ${job!.sscc}`);

    // Ship again: the package keeps its label, nothing is sent, and the packer is asked again.
    useStation.getState().acknowledge();
    await controller.ship();
    expect(message()!.text).toMatch(/^Did .+ come out of Zebra 1\? .+ No new label was printed/);
    expect((await labelJobs()).map((j) => j.id)).toEqual([job!.id]);
    expect(labels.jobs).toHaveLength(1);
    expect(await typesOf(rt)).not.toContain('label-printed');

    // The packer sees it at the printer: "It printed" ships the package with it, and nothing more is sent.
    expect(await client.call('printing.answer-unconfirmed', { jobId: job!.id, answer: 'printed' })).toMatchObject({ state: 'printed' });
    await expectShippedOnceWith(rt, job!);
  });

  it('pressing Ship again while the label waits prints no second label and no second slip; Reprint sends the same one', async () => {
    const rt = await device();
    const controller = openPage(rt);
    const job = await shipWhileLabelPrinterIsDead(rt, controller);
    await slips.waitForJobs(1);
    useStation.getState().acknowledge();

    await controller.ship();
    expect(message()).toMatchObject({
      kind: 'error',
      text: expect.stringContaining(`label (SSCC ${job.sscc}) is already waiting for Zebra 1`),
    });
    expect(message()!.text).toContain('No new label was printed');
    expect((await labelJobs()).map((j) => [j.id, j.sscc])).toEqual([[job.id, job.sscc]]);
    expect(await client.call('printing.list-jobs', {})).toHaveLength(2); // the label and the one slip
    expect(await typesOf(rt)).not.toContain('label-printed');

    labels.setMode('accept');
    expect((await client.call('printing.reprint', { jobId: job.id })).id).toBe(job.id);
    await expectShippedOnceWith(rt, job);
    expect(slips.jobs).toHaveLength(1);
  });
});

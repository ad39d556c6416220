import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addRxPlugin } from 'rxdb/plugins/core';
import { RxDBDevModePlugin } from 'rxdb/plugins/dev-mode';
import { filter, firstValueFrom } from 'rxjs';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createStationServices, type StationServices } from '../../src/main/services/station-services';
import { fileSecretStore } from '../../src/main/services/secret-store';
import { holdSsccBlock } from '../../src/main/printing/testing/sscc-blocks';
import { escposText, parseEscpos } from '../../src/main/printing/testing/escpos-parser';
import { startVirtualPrinter, type VirtualPrinter } from '../../src/main/printing/testing/virtual-printer';
import type { PrinterConfig } from '../../src/shared/contract/index';
import type { FulfillmentDocument } from '../../src/shared/sync/fulfillment-document';
import { useStation } from '../../src/renderer/app/station-store';
import type { StationRuntime } from '../../src/renderer/app/station-runtime';
import { createPackController, type PackController } from '../../src/renderer/features/pack/pack-controller';
import { loadView } from '../../src/renderer/features/pack/fulfillment-view';
import { lessShippedHere, shippedHere } from '../../src/renderer/features/pack/shipped-here';
import { rememberOpenOrders } from '../../src/renderer/features/pack/remembered-order';
import { oneScanAtATime, sayNotRecorded } from '../../src/renderer/scanner/one-scan-at-a-time';
import type { StationClient } from '../../src/renderer/station-client/index';
import { callMain } from '../support/main-call';
import { offlineRuntime } from '../support/offline-runtime';

/**
 * The packer's scan flow (the renderer's pack controller and RxDB database, on memory storage)
 * against the real station services (settings, print queue, renderers) and virtual TCP
 * printers, with the network to the server down: everything here works offline.
 */
addRxPlugin(RxDBDevModePlugin);

const STATION = '11111111-1111-4111-8111-111111111111';
const MUG = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
const TEE = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb';
const FO = 'dddddddd-dddd-4ddd-8ddd-dddddddddddd';
/** The renderer under test is one device of the station. */
const DEVICE = { deviceId: crypto.randomUUID() };

let dataDir: string;
let services: StationServices;
let labels: VirtualPrinter;
let slips: VirtualPrinter;
let rt: StationRuntime;
let controller: PackController;

const doc = (over: Partial<FulfillmentDocument> = {}): FulfillmentDocument => ({
  id: FO,
  orderId: 'eeeeeeee-eeee-4eee-8eee-eeeeeeeeeeee',
  orderNumber: 'ORD-20261202-00042',
  // Taken ahead by this station (a "Take orders" while online): offline, it packs only what it holds.
  warehouseId: 'ffffffff-ffff-4fff-8fff-ffffffffffff',
  status: 'in_progress',
  holds: [],
  claimedBy: STATION,
  lease: { stationName: 'Pack 1', expiresAt: '2099-01-01T00:00:00.000Z' },
  customerName: 'Ada Lovelace',
  shipTo: { name: 'Ada Lovelace', line1: '1 Analytical Row', city: 'London', postalCode: 'N1 1AA', country: 'GB' },
  lines: [
    { lineId: MUG, sku: 'SKU-MUG', barcode: '5012345678900', name: 'Enamel mug', quantity: 2, verified: 0, packed: 0, shipped: 0 },
    { lineId: TEE, sku: 'SKU-TEE', barcode: '5012345678917', name: 'Cotton tee', quantity: 1, verified: 0, packed: 0, shipped: 0 },
  ],
  packages: [],
  appliedSeq: {},
  version: 1,
  createdAt: '2026-12-02T08:00:00.000Z',
  updatedAt: '2026-12-02T08:00:00.000Z',
  ...over,
});

const printer = (name: string, p: VirtualPrinter, language: PrinterConfig['language']): PrinterConfig => ({
  id: crypto.randomUUID(),
  name,
  language,
  dpi: 203,
  connection: { kind: 'tcp', host: p.host, port: p.port },
});

beforeAll(async () => {
  labels = await startVirtualPrinter();
  slips = await startVirtualPrinter();
});
afterAll(async () => {
  await labels.close();
  await slips.close();
});

beforeEach(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'dockside-pack-'));
  await holdSsccBlock(dataDir); // no server here: the station got its SSCC block when enrolled
  services = await createStationServices({ dataDir, secrets: fileSecretStore(dataDir) });
  const client: StationClient = {
    call: callMain(() => services, DEVICE),
    pair: async () => undefined,
    listen: (name, cb) => {
      const off = services.events.subscribe(DEVICE.deviceId, (n, payload) => {
        if (n === name) (cb as (p: unknown) => void)(payload);
      });
      return () => void off();
    },
  };
  // The server is unreachable for the whole test: events stay in the outbox.
  rt = await offlineRuntime(client, STATION, 'pack', { withBins: false });
  await rt.db.fulfillment_orders.insert(doc());
  controller = createPackController(rt);
  // Files share a worker (vitest.config.ts): start from the store's initial state, not another file's.
  useStation.setState(useStation.getInitialState(), true);
  useStation.setState({ openFulfillmentOrderId: null, message: null, packageWeightGrams: null, lastLabelJobId: null, people: null });
  labels.jobs.length = 0;
  slips.jobs.length = 0;
});

afterEach(async () => {
  controller.close();
  await rt.stop();
  await services.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function configurePrinters(withSlips: boolean) {
  const label = printer('Zebra 1', labels, 'zpl');
  const slip = printer('Receipt 1', slips, 'escpos');
  await rt.client.call('settings.update', {
    printers: [label, slip],
    routes: { 'shipping-label': label.id, ...(withSlips ? { 'packing-slip': slip.id } : {}) },
  });
}

// Read from the database once what was recorded is written (an item scan is done once it counts, its write following).
const pendingTypes = async () =>
  (await rt.outbox.settled(), await rt.db.outbox.find({ sort: [{ seq: 'asc' }] }).exec()).map((e) => e.toMutableJSON().type);
/** The order's events when its three units are scanned and shipped in one package. */
const PACKED_AND_SHIPPED = [
  'fulfillment-order-claimed',
  'item-verified',
  'item-verified',
  'item-verified',
  'package-created',
  'label-printed',
  'package-shipped',
];
const view = async () => (await rt.outbox.settled(), await loadView(rt.db, STATION, FO))!.doc;
const message = () => useStation.getState().message;

describe('packing by scans at a station', () => {
  it('a weight typed wrong stops Ship, with what to type; the package is not made unweighed', async () => {
    await configurePrinters(false);
    await controller.onScan('ORD-20261202-00042');
    for (const code of ['5012345678900', '5012345678900', '5012345678917']) await controller.onScan(code);
    useStation.getState().setPackageWeight(null, 'abc');

    await controller.onScan('ORD-20261202-00042');
    expect(message()).toMatchObject({ kind: 'error', text: expect.stringContaining('Weight "abc" is not a weight: type kilograms') });
    expect(await pendingTypes()).not.toContain('package-created');

    useStation.getState().setPackageWeight(1250);
    await controller.ship();
    const created = (await rt.db.outbox.findOne({ selector: { type: 'package-created' } }).exec())!.toMutableJSON();
    expect(created.payload).toMatchObject({ weightGrams: 1250 });
  });

  it('rescanning the order number ships what was scanned: slip first, then the label, with the weight entered', async () => {
    await configurePrinters(true);
    await controller.onScan('ORD-20261202-00042');
    expect(useStation.getState().openFulfillmentOrderId).toBe(FO);
    for (const code of ['5012345678900', '5012345678900', '5012345678917']) await controller.onScan(code);
    expect(message()).toMatchObject({ kind: 'success', text: 'All items scanned. Press Ship.' });
    useStation.getState().setPackageWeight(1250);

    await controller.onScan('ORD-20261202-00042');

    expect(await pendingTypes()).toEqual(PACKED_AND_SHIPPED);
    const created = (await rt.db.outbox.findOne({ selector: { type: 'package-created' } }).exec())!.toMutableJSON();
    expect(created.payload).toMatchObject({
      weightGrams: 1250,
      contents: [
        { lineId: MUG, quantity: 2 },
        { lineId: TEE, quantity: 1 },
      ],
    });
    const shipped = await view();
    expect(shipped.status).toBe('closed');
    expect(shipped.packages).toHaveLength(1);
    expect(useStation.getState()).toMatchObject({ openFulfillmentOrderId: null, packageWeightGrams: null });

    // The slip went to the receipt printer as ESC/POS (parsed back: text, the order barcode, a cut),
    // the label to the Zebra as ZPL.
    const [slipBytes] = await slips.waitForJobs(1);
    const slip = parseEscpos(slipBytes!);
    const slipText = escposText(slip).join('\n');
    expect(slipText).toContain('ORD-20261202-00042');
    expect(slipText).toMatch(/2\s.*Enamel mug|Enamel mug.*\s2\b/);
    expect(slipText).toContain('SKU-TEE');
    expect(slip.some((i) => i.kind === 'code128' && i.data.includes('ORD-20261202-00042'))).toBe(true);
    expect(slip.at(-1)).toEqual({ kind: 'cut' });
    // Newest first: the label was queued after the slip.
    expect((await rt.client.call('printing.list-jobs', {})).map((j) => j.template)).toEqual(['shipping-label', 'packing-slip']);
    const [labelBytes] = await labels.waitForJobs(1);
    expect(labelBytes!.toString('latin1')).toMatch(/^\^XA/);
    expect(labelBytes!.toString('latin1')).toContain('ORD-20261202-00042');
  });

  it('after a reload, the order that was open opens again with its scans and typed weight; after it ships, none does', async () => {
    const kept = new Map<string, string>();
    const tab = {
      getItem: (k: string) => kept.get(k) ?? null,
      setItem: (k: string, v: string) => void kept.set(k, v),
      removeItem: (k: string) => void kept.delete(k),
    };
    await configurePrinters(false);
    let memory = rememberOpenOrders(rt, tab);
    await controller.onScan('ORD-20261202-00042');
    await controller.onScan('5012345678900');
    useStation.getState().setPackageWeight(1250);
    const reload = async () => {
      memory.stop();
      useStation.setState(useStation.getInitialState(), true);
      memory = rememberOpenOrders(rt, tab);
      await memory.reopened;
    };
    await reload();
    expect(useStation.getState().openFulfillmentOrderId).toBe(FO);
    expect((await view()).lines.find((l) => l.lineId === MUG)!.verified).toBe(1);
    expect(useStation.getState().packageWeightGrams).toBe(1250);

    for (const code of ['5012345678900', '5012345678917']) await controller.onScan(code);
    await controller.ship();
    const created = (await rt.db.outbox.findOne({ selector: { type: 'package-created' } }).exec())!.toMutableJSON();
    expect(created.payload).toMatchObject({ weightGrams: 1250 });
    expect(useStation.getState().openFulfillmentOrderId).toBeNull();
    // The weight went with the package it weighed: nothing of it is kept for the tab.
    expect([...kept.keys()].filter((k) => k.includes('package-weight'))).toEqual([]);
    await reload();
    expect(useStation.getState().openFulfillmentOrderId).toBeNull();
    expect(useStation.getState().packageWeightGrams).toBeNull();
    memory.stop();
  });

  it('rescanning the order number with nothing scanned ships nothing and says what to do', async () => {
    await configurePrinters(true);
    await controller.onScan('ORD-20261202-00042');
    await controller.onScan('ORD-20261202-00042');
    expect(message()).toMatchObject({ kind: 'info', text: expect.stringContaining('scan its items') });
    expect(await pendingTypes()).toEqual(['fulfillment-order-claimed']);
    expect(labels.jobs).toHaveLength(0);
  });

  it('splits a shipment: each package gets its own slip listing only what is in it', async () => {
    await configurePrinters(true);
    await controller.onScan('ORD-20261202-00042');
    await controller.onScan('5012345678917');
    await controller.ship();
    expect(message()).toMatchObject({ text: 'Package shipped. Scan the remaining items.' });
    // Offline, the queue drops the order only once all of it shipped (shipped-here.ts): not after the first box.
    const shipped = shippedHere(rt.db, STATION);
    await rt.outbox.settled();
    expect(await firstValueFrom(shipped)).toEqual([]);
    await controller.onScan('5012345678900');
    await controller.onScan('5012345678900');
    await controller.ship();
    const gone = await firstValueFrom(shipped.pipe(filter((list) => list.length > 0)));
    expect(gone).toEqual([{ id: FO, stored: { status: 'in_progress', claimedBy: STATION } }]);
    expect(lessShippedHere(1, gone, ['in_progress', 'open'])).toBe(0);
    expect(lessShippedHere(1, gone, ['in_progress', 'on_hold'], 'another station')).toBe(1);

    const [first, second] = await slips.waitForJobs(2);
    expect(first!.toString('latin1')).toContain('SKU-TEE');
    expect(first!.toString('latin1')).not.toContain('SKU-MUG');
    expect(second!.toString('latin1')).toContain('SKU-MUG');
    expect(second!.toString('latin1')).not.toContain('SKU-TEE');
    const done = await view();
    expect(done.status).toBe('closed');
    expect(done.packages.map((p) => p.contents)).toEqual([[{ lineId: TEE, quantity: 1 }], [{ lineId: MUG, quantity: 2 }]]);
  });

  it('prints no packing slip where the station routes none', async () => {
    await configurePrinters(false);
    await controller.onScan('ORD-20261202-00042');
    for (const code of ['5012345678900', '5012345678900', '5012345678917']) await controller.onScan(code);
    await controller.ship();
    await labels.waitForJobs(1);
    expect((await view()).status).toBe('closed');
    expect(slips.jobs).toHaveLength(0);
    expect((await rt.client.call('printing.list-jobs', {})).map((j) => j.template)).toEqual(['shipping-label']);
  });

  it('ships the package when its label, stuck on a dead printer, is moved to another printer', async () => {
    const dead = await startVirtualPrinter({ mode: 'refuse' });
    try {
      const label = printer('Zebra dead', dead, 'zpl');
      const spare = printer('Zebra spare', labels, 'zpl');
      await rt.client.call('settings.update', { printers: [label, spare], routes: { 'shipping-label': label.id } });
      await controller.onScan('ORD-20261202-00042');
      for (const code of ['5012345678900', '5012345678900', '5012345678917']) await controller.onScan(code);
      await controller.ship();
      expect(message()).toMatchObject({ kind: 'error', text: expect.stringContaining("has not taken ORD-20261202-00042's label") });
      expect(await pendingTypes()).not.toContain('package-shipped');
      const [waiting] = await rt.client.call('printing.list-jobs', {});
      await rt.client.call('printing.reprint', { jobId: waiting!.id, printerId: spare.id });
      await labels.waitForJobs(1);
      await expect.poll(pendingTypes).toContain('package-shipped');
      const printedEvent = (await rt.db.outbox.findOne({ selector: { type: 'label-printed' } }).exec())!.toMutableJSON();
      expect(printedEvent.payload).toMatchObject({ sscc: waiting!.sscc });
      expect((await view()).status).toBe('closed');
    } finally {
      await dead.close();
    }
  });

  it('records the signed-in person as the actor, and refuses packing by a returns clerk', async () => {
    await configurePrinters(false);
    const priya = { id: '99999999-9999-4999-8999-999999999999', name: 'Priya Packer', role: 'packer' as const };
    useStation.setState({ people: { users: [priya], refreshedAt: new Date().toISOString(), signedIn: priya } });
    await controller.onScan('ORD-20261202-00042');
    await controller.onScan('5012345678917');
    await rt.outbox.settled();
    const actors = (await rt.db.outbox.find({ sort: [{ seq: 'asc' }] }).exec()).map((e) => e.toMutableJSON().actor);
    expect(actors).toEqual([
      { kind: 'user', id: priya.id, name: 'Priya Packer' },
      { kind: 'user', id: priya.id, name: 'Priya Packer' },
    ]);

    const alan = { id: '88888888-8888-4888-8888-888888888888', name: 'Alan Returns', role: 'returns' as const };
    useStation.setState({ people: { users: [priya, alan], refreshedAt: new Date().toISOString(), signedIn: alan } });
    await controller.onScan('5012345678900');
    expect(message()).toMatchObject({ kind: 'error', text: expect.stringContaining('(returns) cannot pack orders') });
    expect(await rt.db.outbox.count().exec()).toBe(2);
    useStation.setState({ people: null });
  });

  it('refuses an item that is not on the order, and a unit too many, with an error that blocks scanning until acknowledged', async () => {
    await configurePrinters(false);
    await controller.onScan('ORD-20261202-00042');
    await controller.onScan('4006381333931');
    expect(message()).toMatchObject({ kind: 'error', needsAck: true, text: expect.stringContaining('is not on ORD-20261202-00042') });
    await controller.onScan('5012345678917');
    expect((await view()).lines.find((l) => l.lineId === TEE)!.verified).toBe(0);
    useStation.getState().acknowledge();
    await controller.onScan('5012345678917');
    await controller.onScan('5012345678917');
    expect(message()).toMatchObject({ kind: 'error', text: 'All 1 × Cotton tee are already scanned: put this one back' });
    expect((await view()).lines.find((l) => l.lineId === TEE)!.verified).toBe(1);
  });
});

describe('codes that are not items, and orders left half-packed', () => {
  it('says what an order number, a return number or a parcel label is when an order is open, and keeps the order open', async () => {
    await controller.onScan('ORD-20261202-00042');
    for (const [code, said] of [
      ['ORD-20261123-00001', 'ORD-20261123-00001 is not an order assigned to this station. ORD-20261202-00042 stays open.'],
      ['RMA-20261123-00001', 'RMA-20261123-00001 is a return: receive it at the Returns desk. ORD-20261202-00042 stays open.'],
      ['006141410000000135', '006141410000000135 is a shipping label (SSCC), not an item. ORD-20261202-00042 stays open.'],
      // Our labels' barcode as a scanner reads it: AI 00, then the SSCC.
      ['00006141410000000135', '006141410000000135 is a shipping label (SSCC), not an item. ORD-20261202-00042 stays open.'],
    ]) {
      await controller.onScan(code!);
      expect(message()).toMatchObject({ kind: 'error', text: said });
      useStation.getState().acknowledge();
    }
    // An unknown barcode may still be an item of another order: that is what it is called.
    await controller.onScan('4006381333931');
    expect(message()!.text).toContain('is not on ORD-20261202-00042');
    expect(useStation.getState().openFulfillmentOrderId).toBe(FO);
  });

  it('names another order’s item by its name when it is scanned on the open order, with the code scanned', async () => {
    const apron = {
      lineId: crypto.randomUUID(),
      sku: 'APRON-LINEN',
      barcode: '5012345671147',
      name: 'Linen apron',
      quantity: 1,
      verified: 0,
      packed: 0,
      shipped: 0,
    };
    await rt.db.fulfillment_orders.insert(doc({ id: crypto.randomUUID(), orderNumber: 'ORD-20261202-00043', lines: [apron] }));
    await controller.onScan('ORD-20261202-00042');
    for (const code of ['5012345671147', 'APRON-LINEN']) {
      await controller.onScan(code);
      expect(message()).toMatchObject({
        kind: 'error',
        needsAck: true,
        text: `Linen apron (${code}) is not on ORD-20261202-00042. Put it back.`,
      });
      useStation.getState().acknowledge();
    }
    // A numeric SKU of 10 digits, no barcode's length: the station knows it, so it was read whole.
    await rt.db.fulfillment_orders.insert(
      doc({
        id: crypto.randomUUID(),
        orderNumber: 'ORD-20261202-00044',
        lines: [{ ...apron, lineId: crypto.randomUUID(), sku: '4711000042', barcode: null, name: 'Oak board' }],
      }),
    );
    await controller.onScan('4711000042');
    expect(message()!.text).toBe('Oak board (4711000042) is not on ORD-20261202-00042. Put it back.');
    useStation.getState().acknowledge();
    await controller.onScan('4711000043');
    expect(message()!.text).toMatch(
      /^4711000043 could not be read properly \(10 digits: an item barcode has 8, 12, 13 or 14\): scan it again/,
    );
    useStation.getState().acknowledge();
    // A code no order here has is named as scanned.
    await controller.onScan('4006381333931');
    expect(message()!.text).toBe('4006381333931 is not on ORD-20261202-00042. Put it back.');
    expect((await view()).lines.map((l) => l.verified)).toEqual([0, 0]);
  });

  it('opening another order with units of this one scanned and not shipped says this one is left half-packed', async () => {
    const next = doc({ id: crypto.randomUUID(), orderNumber: 'ORD-20261202-00043' });
    await rt.db.fulfillment_orders.insert(next);
    await controller.onScan('ORD-20261202-00042');
    await controller.onScan('5012345678900');
    await controller.onScan('ORD-20261202-00043');
    expect(message()).toMatchObject({
      kind: 'success',
      text: 'Opened ORD-20261202-00043: scan each item. ORD-20261202-00042 is left half-packed (1 unit scanned, not shipped): set its items aside, scan ORD-20261202-00042 to go back to it.',
    });
    // Back to it: the other has nothing scanned, so nothing is said of it; the scan is still counted.
    await controller.onScan('ORD-20261202-00042');
    expect(message()).toMatchObject({ kind: 'success', text: 'Opened ORD-20261202-00042: scan each item.' });
    expect((await view()).lines.find((l) => l.lineId === MUG)!.verified).toBe(1);
  });

  it('a code scanned while an error waits for its OK is refused, and named on the message that replaces the error', async () => {
    await controller.onScan('ORD-20261202-00042');
    await controller.onScan('4006381333931');
    expect(message()).toMatchObject({ needsAck: true });
    await controller.onScan('ORD-20261202-00043');
    expect(message()!.notTaken).toEqual(['ORD-20261202-00043']);
    expect(useStation.getState().openFulfillmentOrderId).toBe(FO);
    // Good news over the error (a label that printed meanwhile) still names the refused code, once.
    useStation.getState().say('success', 'ORD-20261202-00042 shipped. Scan the next order.', 'complete');
    expect(message()).toMatchObject({ needsAck: false, notTaken: ['ORD-20261202-00043'] });
    useStation.getState().say('info', 'Opening ORD-20261202-00043…');
    expect(message()!.notTaken).toBeUndefined();
  });
});

describe('scans counted from memory, their writes behind them', () => {
  /** The station's IndexedDB, slow for item scans until released (an RxDB insert hook holds their writes). */
  function slowDiskForItems() {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    rt.db.outbox.preInsert(async (event: { type: string }) => {
      if (event.type === 'item-verified') await released;
    }, false);
    return release;
  }
  const within = <T>(p: Promise<T>, what: string) =>
    Promise.race([p.then(() => 'handled'), new Promise((resolve) => setTimeout(() => resolve(`still ${what}`), 10_000))]);
  const verifiedInView = () => controller.openView.snapshot().view!.doc.lines.map((l) => l.verified);

  it('counts each scan of a fast scanner at once while its write is on its way, and Ship packs them once written', async () => {
    await configurePrinters(false);
    await controller.onScan('ORD-20261202-00042');
    const release = slowDiskForItems();
    const inTurn = oneScanAtATime(sayNotRecorded);
    const scans = ['5012345678900', '5012345678900', '5012345678917'].map((code) => inTurn(() => controller.onScan(code)));

    // Each scan was handled from the open order's view, none waiting for the one before it to be written.
    expect(await within(Promise.all(scans), 'waiting for the disk')).toBe('handled');
    expect(verifiedInView()).toEqual([2, 1]);
    expect(message()).toMatchObject({ kind: 'success', text: 'All items scanned. Press Ship.' });
    expect(await rt.db.outbox.count({ selector: { type: 'item-verified' } }).exec()).toBe(0);

    // Ship reads the database: it waits for the three writes, and packs all three units.
    let shipped = false;
    const ship = controller.ship().then(() => (shipped = true));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(shipped).toBe(false);
    release();
    await ship;
    const created = (await rt.db.outbox.findOne({ selector: { type: 'package-created' } }).exec())!.toMutableJSON();
    expect(created.payload).toMatchObject({
      contents: [
        { lineId: MUG, quantity: 2 },
        { lineId: TEE, quantity: 1 },
      ],
    });
    expect(await pendingTypes()).toEqual(PACKED_AND_SHIPPED);
  });

  it('takes back a scan whose write fails after it counted, and says it was not recorded', async () => {
    await configurePrinters(false);
    await controller.onScan('ORD-20261202-00042');
    rt.db.outbox.preInsert(async (event: { type: string }) => {
      if (event.type === 'item-verified') throw new Error('QuotaExceededError: the disk is full');
    }, false);
    const inTurn = oneScanAtATime(sayNotRecorded);
    await inTurn(() => controller.onScan('5012345678917'));

    await vi.waitFor(() =>
      expect(message()).toMatchObject({ kind: 'error', text: expect.stringContaining('That scan was not recorded: QuotaExceededError') }),
    );
    expect(verifiedInView()).toEqual([0, 0]);
    expect(await pendingTypes()).toEqual(['fulfillment-order-claimed']);
  });
});

describe('assigned work while offline', () => {
  const other = (over: Partial<FulfillmentDocument>) => doc({ id: crypto.randomUUID(), orderNumber: 'ORD-20261202-00043', ...over });

  it('refuses an order held by another station, naming it, and records nothing', async () => {
    await rt.db.fulfillment_orders.insert(
      other({ claimedBy: '22222222-2222-4222-8222-222222222222', lease: { stationName: 'Pack 2', expiresAt: '2099-01-01T00:00:00.000Z' } }),
    );
    await controller.onScan('ORD-20261202-00043');
    expect(message()).toMatchObject({ kind: 'error', needsAck: true, text: 'ORD-20261202-00043 is being packed at Pack 2: put it aside' });
    expect(useStation.getState().openFulfillmentOrderId).toBeNull();
    expect(await rt.db.outbox.count().exec()).toBe(0);
  });

  it('does not open an order held here whose parcel, shipped offline, the server holds as an unsettled conflict', async () => {
    const packageId = crypto.randomUUID();
    const conflicted = (seq: number, type: string, payload: Record<string, unknown>) => ({
      id: crypto.randomUUID(),
      seq,
      stationId: STATION,
      type,
      subjectId: FO,
      fulfillmentOrderId: FO,
      orderId: doc().orderId,
      actor: { kind: 'station', id: STATION },
      occurredAt: '2026-12-02T09:00:00.000Z',
      payload,
      state: 'conflicted',
      outcomeCode: 'fulfillment_order_on_hold',
      outcomeMessage: 'the fulfillment order is on hold',
      ackedAt: '2026-12-02T09:05:00.000Z',
    });
    await rt.db.outbox.bulkInsert([
      conflicted(1, 'label-printed', { packageId, printJobId: crypto.randomUUID(), format: 'zpl', sscc: '006141410000000135' }),
      conflicted(2, 'package-shipped', { packageId }),
    ] as never);
    await controller.onScan('ORD-20261202-00042');
    expect(message()).toMatchObject({
      kind: 'error',
      text: 'ORD-20261202-00042: this station shipped a parcel of it while offline (SSCC 006141410000000135) that a supervisor has not settled. Put it aside and call a supervisor (do not pack it again)',
    });
    expect(useStation.getState().openFulfillmentOrderId).toBeNull();
    useStation.getState().acknowledge();

    // Accepted: the server's copy now has the parcel, and the order opens.
    const stored = (await rt.db.fulfillment_orders.findOne(FO).exec())!;
    await stored.incrementalPatch({
      packages: [
        { id: packageId, status: 'shipped', contents: [{ lineId: TEE, quantity: 1 }], weightGrams: null, sscc: '006141410000000135' },
      ],
    } as never);
    await controller.onScan('ORD-20261202-00042');
    expect(useStation.getState().openFulfillmentOrderId).toBe(FO);
  });

  it('refuses an order in the pool, since another station may take it meanwhile', async () => {
    await rt.db.fulfillment_orders.insert(other({ status: 'open', claimedBy: null, lease: null }));
    await controller.onScan('ORD-20261202-00043');
    expect(message()).toMatchObject({ kind: 'error', text: expect.stringContaining('is not held by this station') });
    expect(await rt.db.outbox.count().exec()).toBe(0);
  });

  it('refuses to start an order whose hold ran out while offline, but finishes one it had started', async () => {
    await rt.db.fulfillment_orders.insert(other({ lease: { stationName: 'Pack 1', expiresAt: '2020-01-01T00:00:00.000Z' } }));
    await controller.onScan('ORD-20261202-00043');
    expect(message()).toMatchObject({ kind: 'error', text: expect.stringContaining('ran out at 2020-01-01 00:00 UTC while offline') });
    expect(await rt.db.outbox.count().exec()).toBe(0);
    useStation.getState().acknowledge();

    // The same lapse on the order it had begun: its items are in hand, so the work goes on.
    await controller.onScan('ORD-20261202-00042');
    await controller.onScan('5012345678917');
    const current = (await rt.db.fulfillment_orders.findOne(FO).exec())!;
    await current.incrementalPatch({ lease: { stationName: 'Pack 1', expiresAt: '2020-01-01T00:00:00.000Z' } });
    // The station restarts (nothing open), then the packer scans the order again.
    useStation.getState().openOrder(null);
    await controller.onScan('ORD-20261202-00042');
    expect(message()).toMatchObject({ kind: 'success', text: 'Opened ORD-20261202-00042: scan each item.' });
    await controller.onScan('5012345678900');
    expect(await pendingTypes()).toEqual(['fulfillment-order-claimed', 'item-verified', 'item-verified']);
  });
});

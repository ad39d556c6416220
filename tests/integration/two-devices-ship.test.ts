import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addRxPlugin } from 'rxdb/plugins/core';
import { RxDBDevModePlugin } from 'rxdb/plugins/dev-mode';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { wrappedValidateAjvStorage } from 'rxdb/plugins/validate-ajv';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { createStationServices, type StationServices } from '../../src/main/services/station-services';
import { holdSsccBlock } from '../../src/main/printing/testing/sscc-blocks';
import { fileSecretStore } from '../../src/main/services/secret-store';
import { startVirtualPrinter, type VirtualPrinter } from '../../src/main/printing/testing/virtual-printer';
import type { PrinterConfig } from '../../src/shared/contract/index';
import type { FulfillmentDocument } from '../../src/shared/sync/fulfillment-document';
import { useStation, type StationMessage } from '../../src/renderer/app/station-store';
import type { StationRuntime } from '../../src/renderer/app/station-runtime';
import { openStationDatabase, type StationDatabase } from '../../src/renderer/db/station-database';
import { createSyncOutbox } from '../../src/renderer/db/sync-outbox';
import { createPackController, type PackController } from '../../src/renderer/features/pack/pack-controller';
import { seqBlocks } from '../../src/renderer/station-client/seq-blocks';
import { callMain } from '../support/main-call';

/**
 * Two devices of one station (two browsers on its station host): each its own database and
 * outbox, one main. The second device's copy shows the apron the first scanned (as it would once
 * that scan synced), not the box the first is packing: both press Ship at once.
 */
addRxPlugin(RxDBDevModePlugin);

const STATION = '33333333-3333-4333-8333-333333333333';
const FO = 'dddddddd-dddd-4ddd-8ddd-dddddddddd06';
const ORDER = 'ORD-20261123-00006';
const APRON = '5012345678917';

const doc = (verified: number): FulfillmentDocument => ({
  id: FO,
  orderId: 'eeeeeeee-eeee-4eee-8eee-eeeeeeeeee06',
  orderNumber: ORDER,
  warehouseId: 'ffffffff-ffff-4fff-8fff-ffffffffffff',
  status: 'in_progress',
  holds: [],
  claimedBy: STATION,
  lease: { stationName: 'Pack 1', expiresAt: '2099-01-01T00:00:00.000Z' },
  customerName: 'Ada Lovelace',
  shipTo: { name: 'Ada Lovelace', line1: '1 Analytical Row', city: 'London', postalCode: 'N1 1AA', country: 'GB' },
  lines: [
    { lineId: crypto.randomUUID(), sku: 'APRON-LINEN', barcode: APRON, name: 'Linen apron', quantity: 1, verified, packed: 0, shipped: 0 },
  ],
  packages: [],
  appliedSeq: {},
  version: 1,
  createdAt: '2026-11-23T08:00:00.000Z',
  updatedAt: '2026-11-23T08:00:00.000Z',
});

let dataDir: string;
let services: StationServices;
let labels: VirtualPrinter;
const opened: { db: StationDatabase; controller: PackController }[] = [];

/** A device: its own database holding `fulfillmentOrder`, its own outbox (offline), its own caller to main. */
async function device(fulfillmentOrder: FulfillmentDocument): Promise<{ rt: StationRuntime; controller: PackController }> {
  const call = callMain(() => services, { deviceId: crypto.randomUUID() });
  const client = { call, pair: async () => undefined, listen: () => () => undefined };
  const db = await openStationDatabase(
    `two-${crypto.randomUUID().slice(0, 8)}`,
    wrappedValidateAjvStorage({ storage: getRxStorageMemory() }),
    {
      withBins: false,
    },
  );
  await db.fulfillment_orders.insert(fulfillmentOrder);
  const offline = async (): Promise<never> => {
    throw new TypeError('fetch failed: connect ECONNREFUSED');
  };
  const outbox = createSyncOutbox(
    db,
    STATION,
    offline,
    seqBlocks((request) => call('sync.next-seqs', request)),
  );
  const rt: StationRuntime = { db, outbox, stationId: STATION, client, pull: () => undefined, stop: async () => undefined };
  const controller = createPackController(rt);
  opened.push({ db, controller });
  return { rt, controller };
}

const typesOf = async (rt: StationRuntime) =>
  (await rt.outbox.settled(), await rt.db.outbox.find({ sort: [{ seq: 'asc' }] }).exec()).map((e) => e.type);
const said: StationMessage[] = [];
let unsubscribe = () => {};

beforeAll(async () => {
  labels = await startVirtualPrinter();
});
afterAll(() => labels.close());
beforeEach(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'dockside-two-'));
  await holdSsccBlock(dataDir); // no server here: the station got its SSCC block when enrolled
  services = await createStationServices({ dataDir, secrets: fileSecretStore(dataDir) });
  labels.jobs.length = 0;
  said.length = 0;
  useStation.setState({ openFulfillmentOrderId: null, message: null, packageWeightGrams: null, people: null });
  unsubscribe = useStation.subscribe((s, before) => void (s.message && s.message !== before.message && said.push(s.message)));
  const zebra: PrinterConfig = {
    id: crypto.randomUUID(),
    name: 'Zebra 1',
    language: 'zpl',
    dpi: 203,
    connection: { kind: 'tcp', host: labels.host, port: labels.port },
  };
  await services.handlers['settings.update']({ printers: [zebra], routes: { 'shipping-label': zebra.id } }, { deviceId: 'setup' });
});
afterEach(async () => {
  unsubscribe();
  for (const { db, controller } of opened.splice(0)) {
    controller.close();
    await db.remove();
  }
  await services.close();
  rmSync(dataDir, { recursive: true, force: true });
});

it('both screens press Ship at once: one label, the other screen is told and makes no package', async () => {
  const first = await device(doc(0));
  const second = await device(doc(1));
  // The devices share the zustand store here: the order is open on "both", the apron scanned on the first.
  await first.controller.onScan(ORDER);
  await first.controller.onScan(APRON);
  await Promise.all([first.controller.ship(), second.controller.ship()]);

  const types = [...(await typesOf(first.rt)), ...(await typesOf(second.rt))];
  expect(types.filter((t) => t === 'package-created')).toHaveLength(1);
  expect(labels.jobs).toHaveLength(1);
  expect(said).toContainEqual(
    expect.objectContaining({ kind: 'error', text: expect.stringMatching(/at the other screen: nothing was printed here/) }),
  );
});

it('a box shipped at the other screen that this screen has not seen yet: nothing prints here', async () => {
  const first = await device(doc(0));
  await first.controller.onScan(ORDER);
  await first.controller.onScan(APRON);
  await first.controller.ship();
  expect(labels.jobs).toHaveLength(1);

  // The second screen still has the order open (the first closed it by shipping it).
  const second = await device(doc(1));
  useStation.setState({ openFulfillmentOrderId: FO, message: null });
  await second.controller.ship();
  expect(labels.jobs).toHaveLength(1);
  expect(await typesOf(second.rt)).toEqual([]);
  const text = useStation.getState().message?.text ?? '';
  expect(useStation.getState().message?.kind).toBe('error');
  // The box is named by the SSCC on the label that printed: what a packer finds it by on the dock.
  const sscc = /Its box has the label with SSCC (\d{18})\./.exec(text)?.[1];
  expect(labels.jobs[0]!.toString('latin1')).toContain(sscc);
  expect(text).toBe(
    `${ORDER} was already shipped at the other screen: nothing was printed here. ` +
      `Its box has the label with SSCC ${sscc}. Scan the order again once its box shows here.`,
  );
});

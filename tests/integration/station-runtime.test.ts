import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addRxPlugin } from 'rxdb/plugins/core';
import { RxDBDevModePlugin } from 'rxdb/plugins/dev-mode';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { wrappedValidateAjvStorage } from 'rxdb/plugins/validate-ajv';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { fileSecretStore } from '../../src/main/services/secret-store';
import { createStationServices, type StationServices } from '../../src/main/services/station-services';
import { dispatch } from '../../src/shared/contract/dispatch';
import type { FulfillmentDocument } from '../../src/shared/sync/fulfillment-document';
import { useStation } from '../../src/renderer/app/station-store';
import { startStationRuntime, type StationRuntime } from '../../src/renderer/app/station-runtime';
import { inTurn } from '../../src/renderer/scanner/one-scan-at-a-time';
import { QUIET_MS } from '../../src/renderer/scanner/scan-rhythm';
import type { StationClient } from '../../src/renderer/station-client/index';
import { sampleOrder, setUpWarehouse, startTestServer, type TestServer } from '../../src/server/testing/test-server';
import { eventually } from '../../src/server/testing/test-support';
import { callMain } from '../support/main-call';

/**
 * The station runtime as the app starts it (startStationRuntime), against the station's real
 * main (its services, enrolled with a real central server): background sync keeps out of the
 * scans' way. The client only notes when each call to main starts.
 */
addRxPlugin(RxDBDevModePlugin);

/** How long the scan below is handled: long enough that a push begun during it would be seen in it. */
const SCAN_MS = 400;
/** Slack for the timers: the rhythm waits QUIET_MS after the scan's end, measured a few microtasks before the test's. */
const SLACK_MS = 50;

let t: TestServer;
let services: StationServices;
let rt: StationRuntime;
let stationId: string;
let dataDir: string;
const DEVICE = { deviceId: crypto.randomUUID() };
/** When each call to main started (performance.now()), by handler name. */
const started: { name: string; at: number }[] = [];

const toMain = callMain(() => services, DEVICE) as (name: string, arg?: unknown) => Promise<unknown>;
const client: StationClient = {
  call: (async (name: string, arg?: unknown) => {
    started.push({ name, at: performance.now() });
    return toMain(name, arg);
  }) as StationClient['call'],
  pair: async () => undefined,
  listen: (name, cb) => services.events.subscribe(DEVICE.deviceId, (n, payload) => n === name && (cb as (p: unknown) => void)(payload)),
};

beforeAll(async () => {
  t = await startTestServer();
  const { warehouseId } = await setUpWarehouse(t, 'RUN-1');
  const registered = await t.api('POST', '/v1/stations', { body: { name: 'Pack 9', warehouseId } });
  dataDir = mkdtempSync(join(tmpdir(), 'dockside-runtime-'));
  services = await createStationServices({ dataDir, secrets: fileSecretStore(dataDir) });
  ({ stationId } = (await dispatch(
    services.handlers,
    'station.enroll',
    { serverUrl: t.url, code: registered.body.enrollmentCode },
    DEVICE,
  )) as { stationId: string });
  await vi.waitFor(() => expect(services.link.state().online).toBe(true), { timeout: 20_000 });
  useStation.setState(useStation.getInitialState(), true);
  rt = await startStationRuntime(client, stationId, wrappedValidateAjvStorage({ storage: getRxStorageMemory() }));
});
afterAll(async () => {
  await rt?.stop();
  await services?.close();
  await t?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** A new order of the warehouse, once the runtime has pulled it. */
async function arrivedOrder(): Promise<FulfillmentDocument> {
  const fo = (await t.api('POST', '/v1/orders', { body: sampleOrder() })).body.fulfillmentOrders[0] as FulfillmentDocument;
  rt.pull();
  await eventually('the order in the station', () => rt.db.fulfillment_orders.findOne(fo.id).exec());
  await rt.outbox.idle();
  return fo;
}

/** One scan through the station's one queue, handled for SCAN_MS; `during` runs inside it. Resolves with when it ended. */
async function scan(during: () => Promise<unknown>): Promise<number> {
  await inTurn(async () => {
    await during();
    await new Promise((resolve) => setTimeout(resolve, SCAN_MS));
  });
  return performance.now();
}

const firstCallAfter = (name: string, since: number) =>
  eventually(`a ${name} call`, () => started.find((c) => c.name === name && c.at >= since));

describe('the station runtime', () => {
  it('pushes what a scan recorded only once the scanning has paused', async () => {
    const fo = await arrivedOrder();
    const began = performance.now();
    const ended = await scan(() =>
      rt.outbox.record({
        type: 'fulfillment-order-claimed',
        fulfillmentOrderId: fo.id,
        orderId: fo.orderId,
        actor: { kind: 'station', id: stationId },
        payload: {},
      }),
    );
    // The outbox asked for a push as it recorded: the push to main waited for the pause.
    const push = await firstCallAfter('sync.push', began);
    expect(push.at - ended).toBeGreaterThanOrEqual(QUIET_MS - SLACK_MS);
    await eventually('the claim applied', async () => (await rt.db.outbox.count({ selector: { state: 'pending' } }).exec()) === 0);
    const timeline = await t.api('GET', `/v1/orders/${fo.orderId}/timeline`);
    expect(timeline.body.data.map((e: { type: string }) => e.type)).toContain('fulfillment-order-claimed');
  });

  it('pulls what the server changed only once the scanning has paused', async () => {
    await arrivedOrder(); // nothing left to pull or push before the scan
    const created = (await t.api('POST', '/v1/orders', { body: sampleOrder() })).body.fulfillmentOrders[0] as FulfillmentDocument;
    const began = performance.now();
    const ended = await scan(async () => rt.pull());
    const pull = await firstCallAfter('sync.pull', began);
    expect(pull.at - ended).toBeGreaterThanOrEqual(QUIET_MS - SLACK_MS);
    await eventually('the new order pulled', () => rt.db.fulfillment_orders.findOne(created.id).exec());
  });
});

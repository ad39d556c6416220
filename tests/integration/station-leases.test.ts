import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { fileSecretStore } from '../../src/main/services/secret-store';
import { createStationServices, type StationServices } from '../../src/main/services/station-services';
import { CONTACT_NEWS_MS } from '../../src/main/services/server-link-status';
import type { ClaimOutcome } from '../../src/shared/contract/index';
import { dispatch } from '../../src/shared/contract/dispatch';
import type { FulfillmentDocument } from '../../src/shared/sync/fulfillment-document';
import type { TakeLeasesResponse } from '../../src/shared/sync/lease-protocol';
import { sampleOrder, setUpWarehouse, startTestServer, type TestServer } from '../../src/server/testing/test-server';

/**
 * The lease handlers of the real station services, enrolled with a real server: claims answer
 * granted or refused with the holder (parsed from the server's problem), takes come back parsed,
 * and the station renews what it holds on its timer.
 */
const HOUR = 3_600_000;
let clock = Date.parse('2026-06-01T08:00:00.000Z');
let t: TestServer;
let wh: Awaited<ReturnType<typeof setUpWarehouse>>;
let services: StationServices;
let stationId: string;
let dataDir: string;

const DEVICE = { deviceId: crypto.randomUUID() };
const call = <T>(name: string, arg?: unknown) => dispatch(services.handlers, name, arg, DEVICE) as Promise<T>;
const newFo = async () => (await t.api('POST', '/v1/orders', { body: sampleOrder() })).body.fulfillmentOrders[0] as FulfillmentDocument;
const read = async (id: string) => (await t.api('GET', `/v1/fulfillment-orders/${id}`)).body as FulfillmentDocument;

beforeAll(async () => {
  t = await startTestServer({ now: () => new Date(clock), leaseTtlMs: 8 * HOUR });
  wh = await setUpWarehouse(t, 'LSE-1');
  const registered = await t.api('POST', '/v1/stations', { body: { name: 'Pack 7', warehouseId: wh.warehouseId } });
  dataDir = mkdtempSync(join(tmpdir(), 'dockside-leases-'));
  services = await createStationServices({ dataDir, secrets: fileSecretStore(dataDir), leaseRenewMs: 100 });
  stationId = (await call<{ stationId: string }>('station.enroll', { serverUrl: t.url, code: registered.body.enrollmentCode })).stationId;
  await vi.waitFor(() => expect(services.link.state().online).toBe(true), { timeout: 20_000 });
});
afterAll(async () => {
  await services?.close();
  await t.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('a station taking and holding work', () => {
  it('claims an order, and is told who has one it cannot have', async () => {
    const fo = await newFo();
    const granted = await call<ClaimOutcome>('leases.claim', { fulfillmentOrderId: fo.id });
    expect(granted).toEqual({
      granted: true,
      lease: {
        fulfillmentOrderId: fo.id,
        orderNumber: fo.orderNumber,
        stationId,
        stationName: 'Pack 7',
        expiresAt: '2026-06-01T16:00:00.000Z',
      },
    });

    const other = await newFo();
    await t.api('POST', `/v1/fulfillment-orders/${other.id}/claim`, { token: wh.stationToken, body: {} });
    const refused = await call<ClaimOutcome>('leases.claim', { fulfillmentOrderId: other.id });
    expect(refused).toEqual({
      granted: false,
      code: 'fulfillment_order_in_progress_elsewhere',
      message: `${other.orderNumber} is being packed at Pack 1 LSE-1`,
      holder: { stationId: wh.stationId, stationName: 'Pack 1 LSE-1', expiresAt: '2026-06-01T16:00:00.000Z' },
    });
    await expect(call('leases.claim', { fulfillmentOrderId: 'ORD-1' })).rejects.toMatchObject({ code: 'invalid_input' });
  });

  it('takes a batch, and renews what it holds on its timer while online', async () => {
    await newFo();
    const { taken, held } = await call<TakeLeasesResponse>('leases.take', { count: 10 });
    expect(taken.length).toBeGreaterThan(0);
    expect(held).toBe(taken.length + 1);
    // Past half the term: the server renews only holds that need it (lease-store.ts).
    clock += 5 * HOUR;
    const renewedUntil = new Date(clock + 8 * HOUR).toISOString();
    for (const lease of taken)
      await expect.poll(async () => (await read(lease.fulfillmentOrderId)).lease?.expiresAt, { timeout: 20_000 }).toBe(renewedUntil);
  });

  it('does not renew its holds on every contact with the server while it works', async () => {
    // A station of its own, whose timer never renews in this test; its renewal on coming online goes at once (before it takes work).
    const registered = await t.api('POST', '/v1/stations', { body: { name: 'Pack 8', warehouseId: wh.warehouseId } });
    const dir = mkdtempSync(join(tmpdir(), 'dockside-leases-'));
    const busy = await createStationServices({
      dataDir: dir,
      secrets: fileSecretStore(dir),
      leaseRenewMs: HOUR,
      leaseRenewAfterOnlineMs: 0,
    });
    try {
      const busyCall = <T>(name: string, arg?: unknown) => dispatch(busy.handlers, name, arg, DEVICE) as Promise<T>;
      await busyCall('station.enroll', { serverUrl: t.url, code: registered.body.enrollmentCode });
      await vi.waitFor(() => expect(busy.link.state().online).toBe(true), { timeout: 20_000 });
      await newFo();
      const { taken } = await busyCall<TakeLeasesResponse>('leases.take', { count: 1 });
      const heldUntil = (await read(taken[0]!.fulfillmentOrderId)).lease?.expiresAt;
      // Past half the term, so a renewal would rewrite it.
      clock += 5 * HOUR;
      // The station works on: each pull is a contact, and one is passed on as news after CONTACT_NEWS_MS.
      const until = Date.now() + CONTACT_NEWS_MS + 1_500;
      while (Date.now() < until) {
        await busyCall('sync.pull', { collection: 'fulfillment_orders', checkpoint: null, limit: 10 });
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      expect(busy.link.state().online).toBe(true);
      // A renewal would rewrite every order the station holds (and every station would pull them again).
      expect((await read(taken[0]!.fulfillmentOrderId)).lease?.expiresAt).toBe(heldUntil);
    } finally {
      await busy.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

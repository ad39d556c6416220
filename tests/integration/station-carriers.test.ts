import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { fileSecretStore } from '../../src/main/services/secret-store';
import { createStationServices, type StationServices } from '../../src/main/services/station-services';
import { buildUps1z, isValidUps1z } from '../../src/shared/carriers/tracking-numbers';
import type { CarrierState } from '../../src/shared/contract/index';
import { dispatch } from '../../src/shared/contract/dispatch';
import { startTestServer, type TestServer } from '../../src/server/testing/test-server';

/**
 * The station's carriers with the real station services and a real server: on connecting it
 * fetches its warehouse's accounts and rules and its first block; numbers come from the block in
 * order; below the low-water mark it asks for the next block; a changed account reaches it.
 */
let t: TestServer;
let services: StationServices;
let dataDir: string;
let accountId: string;
let warehouseId: string;
const DEVICE = { deviceId: crypto.randomUUID() };
const call = <T>(name: string, arg?: unknown) => dispatch(services.handlers, name, arg, DEVICE) as Promise<T>;
const nextSerial = async () => (await t.api('GET', `/v1/carrier-accounts/${accountId}`)).body.nextSerial as number;

beforeAll(async () => {
  t = await startTestServer();
  const wh = await t.api('POST', '/v1/warehouses', { body: { code: 'CAR-1', name: 'Carriers DC', priority: 10 } });
  warehouseId = wh.body.id;
  const account = await t.api('POST', '/v1/carrier-accounts', {
    body: {
      warehouseId,
      carrier: 'ups',
      accountNumber: 'STN001',
      name: 'UPS Station',
      labelFormat: 'zpl',
      services: [{ code: '03', name: 'UPS Ground' }],
      credentials: { password: 'kept-on-the-server' },
      blockSize: 10,
      lowWater: 4,
    },
  });
  accountId = account.body.id;
  await t.api('PUT', `/v1/warehouses/${warehouseId}/shipping-rules`, {
    body: { rules: [{ name: 'everything by ground', when: {}, accountId, serviceCode: '03' }] },
  });
  const registered = await t.api('POST', '/v1/stations', { body: { name: 'Pack 3', warehouseId } });
  dataDir = mkdtempSync(join(tmpdir(), 'dockside-carriers-'));
  services = await createStationServices({ dataDir, secrets: fileSecretStore(dataDir) });
  await call('station.enroll', { serverUrl: t.url, code: registered.body.enrollmentCode });
  await vi.waitFor(() => expect(services.link.state().online).toBe(true), { timeout: 20_000 });
});
afterAll(async () => {
  await services?.close();
  await t.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("a station's carriers", () => {
  it('on connecting, fetches its accounts and rules (no credentials) and its first block', async () => {
    await vi.waitFor(
      async () => expect((await call<CarrierState>('carriers.state')).stock).toEqual([expect.objectContaining({ remaining: 10 })]),
      {
        timeout: 20_000,
      },
    );
    const state = await call<CarrierState>('carriers.state');
    expect(state.config?.rules).toEqual([{ name: 'everything by ground', when: {}, accountId, serviceCode: '03' }]);
    expect(state.warnings).toEqual([]);
    expect(JSON.stringify(state)).not.toContain('kept-on-the-server');
    expect(await nextSerial()).toBe(11);
  });

  it('issues the block in order and asks for the next block below the low-water mark', async () => {
    const issued = [];
    for (let i = 0; i < 7; i++) issued.push(await services.carriers.issue({ accountId, serviceCode: '03' }));
    expect(issued.map((n) => n.trackingNumber)).toEqual(Array.from({ length: 7 }, (_, i) => buildUps1z('STN001', '03', i + 1)));
    expect(issued.every((n) => isValidUps1z(n.trackingNumber))).toBe(true);
    expect(issued[0]).toMatchObject({
      carrier: 'ups',
      serviceName: 'UPS Ground',
      trackingUrl: expect.stringContaining(issued[0]!.trackingNumber),
    });
    // 3 left, below 4: online, the next block (11-20) comes without anyone asking.
    await vi.waitFor(async () => expect(await nextSerial()).toBe(21), { timeout: 20_000 });
    await vi.waitFor(() => expect(services.carriers.state().stock[0]!.remaining).toBe(13), { timeout: 20_000 });
    expect((await services.carriers.issue({ accountId, serviceCode: '03' })).trackingNumber).toBe(buildUps1z('STN001', '03', 8));
  });

  it('refuses a service it does not have, and follows a changed account on refresh', async () => {
    await expect(services.carriers.issue({ accountId, serviceCode: '01' })).rejects.toMatchObject({ code: 'carrier_service_unknown' });
    await t.api('PATCH', `/v1/carrier-accounts/${accountId}`, {
      body: {
        name: 'UPS Renamed',
        services: [
          { code: '03', name: 'UPS Ground' },
          { code: '01', name: 'UPS Next Day Air' },
        ],
      },
    });
    const state = await call<CarrierState>('carriers.refresh');
    expect(state.config?.accounts[0]).toMatchObject({ name: 'UPS Renamed', services: [{ code: '03' }, { code: '01' }] });
    expect((await services.carriers.issue({ accountId, serviceCode: '01' })).trackingNumber).toBe(buildUps1z('STN001', '01', 9));
    // A switched-off account leaves the station's config; its numbers are no longer issued.
    await t.api('PATCH', `/v1/carrier-accounts/${accountId}`, { body: { active: false } });
    expect((await call<CarrierState>('carriers.refresh')).config?.accounts).toEqual([]);
    await expect(services.carriers.issue({ accountId, serviceCode: '03' })).rejects.toMatchObject({ code: 'carrier_service_unknown' });
  });
});

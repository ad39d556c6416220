import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileSecretStore } from '../../src/main/services/secret-store';
import { createStationServices, type StationServices } from '../../src/main/services/station-services';
import { ACTING_USER_HEADER } from '../../src/shared/api/acting-user';
import { dispatch } from '../../src/shared/contract/dispatch';
import { setUpWarehouse, startTestServer, type TestServer } from '../../src/server/testing/test-server';
import { eventually } from '../../src/server/testing/test-support';

/**
 * The supervisor desk's Stations panel, through the real station services enrolled with a real
 * server: this warehouse's stations with what each is for, whether it enrolled and when it was
 * last seen. Registering one stays with the API: the server refuses it to anyone signed in at a station.
 */
let t: TestServer;
let lon: Awaited<ReturnType<typeof setUpWarehouse>>;
let services: StationServices;
let dataDir: string;
const users: Record<string, string> = {};
const DESK = { deviceId: crypto.randomUUID() };
const call = (name: string, arg?: unknown) => dispatch(services.handlers, name, arg, DESK) as Promise<any>;

beforeAll(async () => {
  t = await startTestServer();
  lon = await setUpWarehouse(t, 'RS-LON', { 'RS-MUG': 1 });
  for (const [key, body] of Object.entries({
    ada: { name: 'Ada Admin', role: 'admin', warehouseId: lon.warehouseId, pin: '5173' },
    sam: { name: 'Sam Supervisor', role: 'supervisor', warehouseId: lon.warehouseId, pin: '7391' },
  }))
    users[key] = (await t.api('POST', '/v1/users', { body })).body.id;
  const registered = await t.api('POST', '/v1/stations', { body: { name: 'Supervisor desk', warehouseId: lon.warehouseId } });
  dataDir = mkdtempSync(join(tmpdir(), 'dockside-stations-panel-'));
  services = await createStationServices({ dataDir, secrets: fileSecretStore(dataDir) });
  await call('station.enroll', { serverUrl: t.url, code: registered.body.enrollmentCode });
  await eventually('the station to be online', () => services.link.state().online);
  await call('station.people');
});
afterAll(async () => {
  await services?.close();
  await t.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("the supervisor desk's Stations panel", () => {
  it("lists this warehouse's stations with their kind, whether they enrolled, and when they were last seen", async () => {
    await t.api('POST', '/v1/stations', { body: { name: 'Returns desk 2', warehouseId: lon.warehouseId, kind: 'returns' } });
    await call('station.sign-in', { userId: users.sam, pin: '7391' });
    const stations = (await call('supervisor.stations')) as {
      name: string;
      kind: string;
      current: boolean;
      enrolled: boolean;
      lastSeenAt: string | null;
    }[];
    await call('station.sign-out');
    expect(stations.map((s) => [s.name, s.kind, s.current, s.enrolled])).toEqual([
      ['Pack 1 RS-LON', 'packing', false, true],
      ['Returns desk 2', 'returns', false, false],
      ['Supervisor desk', 'packing', true, true],
    ]);
    expect(stations.find((s) => s.name === 'Returns desk 2')?.lastSeenAt).toBeNull();
    // This station has been talking to the server since it enrolled.
    expect(Date.parse(stations.find((s) => s.current)!.lastSeenAt!)).not.toBeNaN();
  });

  it('registering a station is not offered: the server refuses it to anyone signed in at a station, an admin too (acting as a supervisor)', async () => {
    // A second station of this warehouse, called raw: the one under test keeps its own credential.
    const spare = await t.api('POST', '/v1/stations', { body: { name: 'Spare desk', warehouseId: lon.warehouseId } });
    const station = await t.api('POST', '/v1/stations/enroll', { token: null, body: { code: spare.body.enrollmentCode } });
    const refused = await t.api('POST', '/v1/stations', {
      token: station.body.credential,
      headers: { [ACTING_USER_HEADER]: users.ada! },
      body: { name: 'Pack 9', warehouseId: lon.warehouseId, kind: 'packing' },
    });
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ code: 'forbidden', detail: 'this needs one of the roles admin; you are supervisor' });
  });
});

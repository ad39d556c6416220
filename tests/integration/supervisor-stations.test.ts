import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTING_USER_HEADER } from '../../src/shared/api/acting-user';
import type { TestServer } from '../../src/server/testing/test-server';
import { startSupervisorDesk, type SupervisorDesk } from '../support/supervisor-harness';

/**
 * The supervisor desk's Stations panel, through the real station services enrolled with a real
 * server: this warehouse's stations with what each is for, whether it enrolled and when it was
 * last seen. Registering one stays with the API: the server refuses it to anyone signed in at a station.
 */
let desk: SupervisorDesk;
let t: TestServer;
let lon: SupervisorDesk['warehouse'];
let users: Record<string, string>;
const call = (name: string, arg?: unknown) => desk.call(name, arg);

beforeAll(async () => {
  desk = await startSupervisorDesk({
    warehouse: 'RS-LON',
    stock: { 'RS-MUG': 1 },
    people: {
      ada: { name: 'Ada Admin', role: 'admin', pin: '5173' },
      sam: { name: 'Sam Supervisor', role: 'supervisor', pin: '7391' },
    },
  });
  ({ t, warehouse: lon, users } = desk);
});
afterAll(async () => {
  await desk?.close();
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

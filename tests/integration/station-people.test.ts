import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStationPeople } from '../../src/main/services/station-people';
import { SyncedUserList } from '../../src/shared/sync/synced-users';
import type { StationPeople } from '../../src/shared/contract/index';
import { setUpWarehouse, startTestServer, type TestServer } from '../../src/server/testing/test-server';

/**
 * Signing people in at a station: the list comes from the real server (hashes only), is kept
 * on disk, and PINs and badges are checked offline in main.
 */
let t: TestServer;
let lon: Awaited<ReturnType<typeof setUpWarehouse>>;
let man: Awaited<ReturnType<typeof setUpWarehouse>>;
const dirs: string[] = [];
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await startTestServer();
  lon = await setUpWarehouse(t, 'PPL-LON');
  man = await setUpWarehouse(t, 'PPL-MAN');
  const create = async (key: string, body: Record<string, unknown>) => {
    const res = await t.api('POST', '/v1/users', { body });
    if (res.status !== 201) throw new Error(JSON.stringify(res.body));
    ids[key] = res.body.id;
  };
  await create('priya', { name: 'Priya Packer', role: 'packer', warehouseId: lon.warehouseId, pin: '4825', badge: 'BADGE-PRIYA-001' });
  await create('sam', { name: 'Sam Supervisor', role: 'supervisor', warehouseId: null, pin: '7391' });
  await create('mo', { name: 'Mo Manchester', role: 'packer', warehouseId: man.warehouseId, pin: '5062' });
});
afterAll(async () => {
  await t.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** The desktop window, or a browser on the station host: each is a device with its own sign-in. */
const DEVICE = crypto.randomUUID();
const HANDHELD = crypto.randomUUID();

function station(options: { online?: () => boolean; now?: () => number; dataDir?: string } = {}) {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'dockside-people-'));
  dirs.push(dataDir);
  const changes: { deviceId: string | null; people: StationPeople }[] = [];
  const people = createStationPeople({
    dataDir,
    fetchList: async () => {
      if (options.online && !options.online()) throw new Error('server unreachable');
      const res = await t.api('GET', '/v1/sync/users', { token: lon.stationToken });
      return SyncedUserList.parse(res.body);
    },
    onChange: (deviceId) => changes.push({ deviceId, people: people.people(deviceId ?? DEVICE) }),
    idleMinutes: () => 15,
    scanRules: () => ({ minLength: 4, orderNumberPrefix: 'ORD', returnNumberPrefix: 'RMA' }),
    now: options.now,
  });
  return { people, changes, dataDir };
}

describe('people at a station', () => {
  it('holds only its warehouse people and the unbound ones, without any PIN or badge in the clear', async () => {
    const { people, dataDir } = station();
    expect(people.people(DEVICE).refreshedAt).toBeNull();
    await people.refresh();
    const list = people.people(DEVICE);
    expect(list.users.map((u) => u.name).sort()).toEqual(['Priya Packer', 'Sam Supervisor']);
    expect(list.users[0]).toEqual({ id: expect.any(String), name: expect.any(String), role: expect.any(String) });
    const onDisk = readFileSync(join(dataDir, 'people.json'), 'utf8');
    expect(onDisk).toContain(ids.priya);
    // No PIN or badge in the clear: no value is the PIN (a UUID may contain its digits), and no
    // field holds a PIN or badge code, only their hashes.
    const values: unknown[] = [];
    JSON.parse(onDisk, (key, value) => {
      values.push(value);
      expect(['pin', 'badge']).not.toContain(key);
      return value;
    });
    expect(values).not.toContain('4825');
    expect(onDisk).not.toContain('BADGE-PRIYA-001');
  });

  it('signs in by PIN or badge offline, from the list kept on disk', async () => {
    const first = station();
    await first.people.refresh();
    // A restart with the server gone: a new service on the same data directory.
    const { people, changes } = station({ dataDir: first.dataDir, online: () => false });
    await expect(people.refresh()).rejects.toThrow('unreachable');
    expect(await people.signIn(DEVICE, { userId: ids.priya!, pin: '4825' })).toEqual({
      id: ids.priya,
      name: 'Priya Packer',
      role: 'packer',
    });
    expect(people.people(DEVICE).signedIn?.id).toBe(ids.priya);
    expect(changes.at(-1)).toMatchObject({ deviceId: DEVICE, people: { signedIn: { name: 'Priya Packer' } } });
    people.signOut(DEVICE);
    expect(people.people(DEVICE).signedIn).toBeNull();
    expect(await people.signIn(DEVICE, { badge: '  BADGE-PRIYA-001 ' })).toMatchObject({ id: ids.priya });
    await expect(people.signIn(DEVICE, { badge: 'BADGE-NOBODY-9' })).rejects.toMatchObject({ code: 'unknown_badge' });
    await expect(people.signIn(DEVICE, { userId: ids.mo!, pin: '5062' })).rejects.toMatchObject({ code: 'unknown_user' });
  });

  it('refuses sign-in before the list ever arrived', async () => {
    const { people } = station({ online: () => false });
    await expect(people.signIn(DEVICE, { badge: 'BADGE-PRIYA-001' })).rejects.toMatchObject({ code: 'people_not_synced' });
  });

  it('locks a person out after five wrong PINs, even with the right one, until the lockout ends', async () => {
    let clock = Date.parse('2026-12-02T06:00:00Z');
    const { people } = station({ now: () => clock });
    await people.refresh();
    for (let i = 1; i <= 4; i++)
      await expect(people.signIn(DEVICE, { userId: ids.sam!, pin: '1111' })).rejects.toMatchObject({
        code: 'wrong_pin',
        message: expect.stringContaining(`${5 - i} `),
      });
    await expect(people.signIn(DEVICE, { userId: ids.sam!, pin: '1112' })).rejects.toMatchObject({
      code: 'wrong_pin',
      message: expect.stringContaining('locked'),
    });
    await expect(people.signIn(DEVICE, { userId: ids.sam!, pin: '7391' })).rejects.toMatchObject({ code: 'sign_in_locked' });
    // Someone else is not affected.
    expect(await people.signIn(DEVICE, { userId: ids.priya!, pin: '4825' })).toMatchObject({ id: ids.priya });
    clock += 5 * 60_000 + 1;
    expect(await people.signIn(DEVICE, { userId: ids.sam!, pin: '7391' })).toMatchObject({ id: ids.sam, role: 'supervisor' });
  });

  it('signs out a person the server deactivated, at the next refresh, on the device where they were signed in only', async () => {
    const { people, changes } = station();
    await people.refresh();
    const temp = await t.api('POST', '/v1/users', {
      body: { name: 'Temp Packer', role: 'packer', warehouseId: lon.warehouseId, pin: '3817' },
    });
    await people.refresh();
    await people.signIn(DEVICE, { userId: temp.body.id, pin: '3817' });
    await people.signIn(HANDHELD, { badge: 'BADGE-PRIYA-001' });
    expect((await t.api('DELETE', `/v1/users/${temp.body.id}`)).status).toBe(200);
    changes.length = 0;
    await people.refresh();
    const after = people.people(DEVICE);
    expect(after.signedIn).toBeNull();
    expect(after.users.map((u) => u.id)).not.toContain(temp.body.id);
    expect(people.people(HANDHELD).signedIn?.id).toBe(ids.priya);
    // A new list concerns every device.
    expect(changes.map((c) => c.deviceId)).toEqual([null]);
  });

  it('keeps one sign-in per device: nobody is signed in where they did not sign in', async () => {
    const { people, changes } = station();
    await people.refresh();
    await people.signIn(DEVICE, { userId: ids.sam!, pin: '7391' });
    expect(people.people(DEVICE).signedIn?.name).toBe('Sam Supervisor');
    expect(people.people(HANDHELD).signedIn).toBeNull();
    await people.signIn(HANDHELD, { badge: 'BADGE-PRIYA-001' });
    expect(people.people(DEVICE).signedIn?.name).toBe('Sam Supervisor');
    expect(people.people(HANDHELD).signedIn?.name).toBe('Priya Packer');
    // Signing out on the handheld leaves the desk signed in; each change names its device.
    people.signOut(HANDHELD);
    expect(people.people(HANDHELD).signedIn).toBeNull();
    expect(people.people(DEVICE).signedIn?.name).toBe('Sam Supervisor');
    expect(changes.slice(-3).map((c) => c.deviceId)).toEqual([DEVICE, HANDHELD, HANDHELD]);
  });

  it('counts wrong PINs for a person across devices (guessing from another handheld does not start over)', async () => {
    const { people } = station();
    await people.refresh();
    for (let i = 0; i < 4; i++)
      await expect(people.signIn(i % 2 ? DEVICE : HANDHELD, { userId: ids.priya!, pin: '0000' })).rejects.toMatchObject({
        code: 'wrong_pin',
      });
    await expect(people.signIn(crypto.randomUUID(), { userId: ids.priya!, pin: '0001' })).rejects.toMatchObject({
      message: expect.stringContaining('locked'),
    });
    await expect(people.signIn(HANDHELD, { userId: ids.priya!, pin: '4825' })).rejects.toMatchObject({ code: 'sign_in_locked' });
  });
});

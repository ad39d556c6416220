import { scryptSync, createHash, timingSafeEqual } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setUpWarehouse, startTestServer, type TestServer } from '../testing/test-server';
import { isTrivialPin } from './users';
import { secretHashParams } from '../auth/secrets';

let t: TestServer;
let lon: Awaited<ReturnType<typeof setUpWarehouse>>;
let man: Awaited<ReturnType<typeof setUpWarehouse>>;

beforeAll(async () => {
  t = await startTestServer();
  lon = await setUpWarehouse(t, 'LON-1');
  man = await setUpWarehouse(t, 'MAN-1', {});
});
afterAll(() => t.close());

/** What a station does offline with the synced list. */
function stationChecksPin(
  u: { pinScrypt: { N: number; r: number; p: number; salt: string; hash: string; keyLength: number } },
  pin: string,
) {
  const s = u.pinScrypt;
  const derived = scryptSync(pin, Buffer.from(s.salt, 'base64url'), s.keyLength, { N: s.N, r: s.r, p: s.p });
  return timingSafeEqual(derived, Buffer.from(s.hash, 'base64url'));
}

describe('users', () => {
  it('lets an admin create people with a hashed PIN and badge, and never shows the hashes in the admin API', async () => {
    const res = await t.api('POST', '/v1/users', {
      body: { name: 'Pat Packer', role: 'packer', warehouseId: lon.warehouseId, pin: '4821', badge: 'BADGE-000123' },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      name: 'Pat Packer',
      role: 'packer',
      warehouseId: lon.warehouseId,
      hasBadge: true,
      active: true,
      version: 1,
    });
    expect(JSON.stringify(res.body)).not.toMatch(/4821|BADGE-000123|scrypt/);
    const [row] = await t.server.db.query<{ pin_hash: string; badge_hash: string }>(
      'select pin_hash, badge_hash from users where id = $1',
      [res.body.id],
    );
    const { N, r, p } = secretHashParams();
    expect(row!.pin_hash).toMatch(new RegExp(`^scrypt\\$${N}\\$${r}\\$${p}\\$`));
    expect(row!.pin_hash).not.toContain('4821');
    expect(row!.badge_hash).toBe(createHash('sha256').update('BADGE-000123').digest('hex'));
  });

  it('validates roles, PINs, warehouses and badge uniqueness', async () => {
    const weak = await t.api('POST', '/v1/users', { body: { name: 'A', role: 'packer', warehouseId: lon.warehouseId, pin: '1234' } });
    expect(weak.status).toBe(400);
    expect(weak.body.detail).toMatch(/too easy/);
    const short = await t.api('POST', '/v1/users', { body: { name: 'A', role: 'packer', warehouseId: lon.warehouseId, pin: '12' } });
    expect(short.status).toBe(400);
    const noWh = await t.api('POST', '/v1/users', { body: { name: 'A', role: 'returns', pin: '5831' } });
    expect(noWh.status).toBe(400);
    expect(noWh.body.errors[0].path).toBe('warehouseId');
    const badRole = await t.api('POST', '/v1/users', {
      body: { name: 'A', role: 'integrator', warehouseId: lon.warehouseId, pin: '5831' },
    });
    expect(badRole.status).toBe(400);
    const unknownWh = await t.api('POST', '/v1/users', {
      body: { name: 'A', role: 'packer', warehouseId: crypto.randomUUID(), pin: '5831' },
    });
    expect(unknownWh.status).toBe(422);
    await t.api('POST', '/v1/users', {
      body: { name: 'B1', role: 'packer', warehouseId: lon.warehouseId, pin: '5831', badge: 'DUP-BADGE-1' },
    });
    const dup = await t.api('POST', '/v1/users', {
      body: { name: 'B2', role: 'packer', warehouseId: lon.warehouseId, pin: '5831', badge: ' DUP-BADGE-1 ' },
    });
    expect(dup.status).toBe(409);
    expect(dup.body.code).toBe('badge_taken');
    // A station takes these for an item or an order (and does not count them as badge guesses), or a tote: not a badge.
    for (const [badge, reads] of [
      ['5012345678900', 'an item barcode'],
      ['ORD-20261205-00001', 'an order number'],
      ['T-PRIYA-01', 'a tote label'],
    ]) {
      const taken = await t.api('POST', '/v1/users', {
        body: { name: 'C', role: 'packer', warehouseId: lon.warehouseId, pin: '5831', badge },
      });
      expect(taken.status, badge).toBe(400);
      expect(taken.body.detail).toContain(`this code reads as ${reads} at the station`);
    }
    expect(isTrivialPin('0000')).toBe(true);
    expect(isTrivialPin('9876')).toBe(true);
    expect(isTrivialPin('8901')).toBe(true);
    expect(isTrivialPin('4821')).toBe(false);
  });

  it('is admin-managed: a supervisor may list but not create, a station may not use it', async () => {
    const sup = await t.api('POST', '/v1/api-keys', { body: { name: 'sup', role: 'supervisor', warehouseId: lon.warehouseId } });
    const create = await t.api('POST', '/v1/users', {
      token: sup.body.key,
      body: { name: 'X', role: 'packer', warehouseId: lon.warehouseId, pin: '5831' },
    });
    expect(create.status).toBe(403);
    const list = await t.api('GET', '/v1/users', { token: sup.body.key });
    expect(list.status).toBe(200);
    expect(list.body.data.every((u: { warehouseId: string }) => u.warehouseId === lon.warehouseId)).toBe(true);
    const other = await t.api('GET', `/v1/users?warehouseId=${man.warehouseId}`, { token: sup.body.key });
    expect(other.status).toBe(403);
    const asStation = await t.api('GET', '/v1/users', { token: lon.stationToken });
    expect(asStation.status).toBe(403);
  });

  it('keeps a warehouse-bound admin to its own warehouse', async () => {
    const key = await t.api('POST', '/v1/api-keys', { body: { name: 'lon admin', role: 'admin', warehouseId: lon.warehouseId } });
    const elsewhere = await t.api('POST', '/v1/users', {
      token: key.body.key,
      body: { name: 'X', role: 'packer', warehouseId: man.warehouseId, pin: '5831' },
    });
    expect(elsewhere.status).toBe(403);
    const global = await t.api('POST', '/v1/users', { token: key.body.key, body: { name: 'X', role: 'supervisor', pin: '5831' } });
    expect(global.status).toBe(403);
    const mine = await t.api('POST', '/v1/users', {
      token: key.body.key,
      body: { name: 'Lon Sup', role: 'supervisor', warehouseId: lon.warehouseId, pin: '5831' },
    });
    expect(mine.status).toBe(201);
  });

  it('gives a station the hashed sign-in list of its warehouse, verifiable offline, with an ETag', async () => {
    const packer = await t.api('POST', '/v1/users', {
      body: { name: 'Sync Packer', role: 'packer', warehouseId: lon.warehouseId, pin: '7302', badge: 'SYNC-BADGE-7' },
    });
    const roaming = await t.api('POST', '/v1/users', { body: { name: 'Roaming Admin', role: 'admin', pin: '6193' } });
    const elsewhere = await t.api('POST', '/v1/users', {
      body: { name: 'Man Packer', role: 'packer', warehouseId: man.warehouseId, pin: '6193' },
    });

    const list = await t.api('GET', '/v1/sync/users', { token: lon.stationToken });
    expect(list.status).toBe(200);
    const ids = list.body.users.map((u: { id: string }) => u.id);
    expect(ids).toContain(packer.body.id);
    expect(ids).toContain(roaming.body.id);
    expect(ids).not.toContain(elsewhere.body.id);
    expect(list.body.hashing.pin.algorithm).toBe('scrypt');
    const synced = list.body.users.find((u: { id: string }) => u.id === packer.body.id);
    expect(synced.pinScrypt).toMatchObject({ ...secretHashParams(), keyLength: 32 });
    expect(stationChecksPin(synced, '7302')).toBe(true);
    expect(stationChecksPin(synced, '7303')).toBe(false);
    expect(synced.badgeHash).toBe(createHash('sha256').update('SYNC-BADGE-7').digest('hex'));

    const etag = list.headers.get('etag')!;
    expect(etag).toBeTruthy();
    const same = await t.api('GET', '/v1/sync/users', { token: lon.stationToken, headers: { 'if-none-match': etag } });
    expect(same.status).toBe(304);

    // A PIN change, and a deactivation, change the list.
    const changed = await t.api('PATCH', `/v1/users/${packer.body.id}`, { body: { pin: '9157' } });
    expect(changed.body.version).toBe(2);
    const after = await t.api('GET', '/v1/sync/users', { token: lon.stationToken, headers: { 'if-none-match': etag } });
    expect(after.status).toBe(200);
    const resynced = after.body.users.find((u: { id: string }) => u.id === packer.body.id);
    expect(stationChecksPin(resynced, '7302')).toBe(false);
    expect(stationChecksPin(resynced, '9157')).toBe(true);

    const gone = await t.api('DELETE', `/v1/users/${packer.body.id}`);
    expect(gone.body).toMatchObject({ active: false });
    expect(gone.body.deactivatedAt).toBeTruthy();
    const final = await t.api('GET', '/v1/sync/users', { token: lon.stationToken });
    expect(final.body.users.map((u: { id: string }) => u.id)).not.toContain(packer.body.id);

    const notStation = await t.api('GET', '/v1/sync/users');
    expect(notStation.status).toBe(403);
  });

  it('moves a person between warehouses and clears a badge', async () => {
    const u = await t.api('POST', '/v1/users', {
      body: { name: 'Mover', role: 'returns', warehouseId: lon.warehouseId, pin: '2719', badge: 'MOVER-BADGE' },
    });
    const moved = await t.api('PATCH', `/v1/users/${u.body.id}`, { body: { warehouseId: man.warehouseId, badge: null } });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ warehouseId: man.warehouseId, hasBadge: false });
    const manList = await t.api('GET', '/v1/sync/users', { token: man.stationToken });
    expect(manList.body.users.map((x: { id: string }) => x.id)).toContain(u.body.id);
    const toNowhere = await t.api('PATCH', `/v1/users/${u.body.id}`, { body: { warehouseId: null } });
    expect(toNowhere.status).toBe(422);
    const unknownField = await t.api('PATCH', `/v1/users/${u.body.id}`, { body: { pinHash: 'x' } });
    expect(unknownField.status).toBe(400);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSse } from '../testing/sse';
import { eventually } from '../testing/test-support';
import { setUpWarehouse, startTestServer, type TestServer } from '../testing/test-server';

let t: TestServer;
let warehouseId: string;
beforeAll(async () => {
  t = await startTestServer();
  ({ warehouseId } = await setUpWarehouse(t, 'LON-1'));
});
afterAll(() => t.close());

/** A freshly enrolled station of the warehouse. */
async function enrolledStation(name: string) {
  const st = await t.api('POST', '/v1/stations', { body: { name, warehouseId } });
  const enrolled = await t.api('POST', '/v1/stations/enroll', { body: { code: st.body.enrollmentCode }, token: null });
  expect(enrolled.status).toBe(201);
  return { id: enrolled.body.stationId as string, credential: enrolled.body.credential as string };
}

const hello = (credential: string) => t.api('GET', '/v1/sync/hello', { token: credential });

describe('revoking a station', () => {
  it('refuses its credential with credential_revoked from then on, although it was cached', async () => {
    const station = await enrolledStation('Pack revoked');
    expect((await hello(station.credential)).status).toBe(200); // now cached on this process

    const revoked = await t.api('POST', `/v1/stations/${station.id}/revoke`);
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({ id: station.id, name: 'Pack revoked', revokedAt: expect.any(String) });

    const refused = await eventually('the revocation to reach the cache', async () => {
      const res = await hello(station.credential);
      return res.status === 401 && res;
    });
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(refused.body).toMatchObject({ code: 'credential_revoked', detail: expect.stringContaining('re-enrol') });
    // Nor does it list among the live stations.
    const list = await t.api('GET', '/v1/stations');
    expect(list.body.data.map((s: { id: string }) => s.id)).not.toContain(station.id);
  });

  it('closes its open live stream', async () => {
    const station = await enrolledStation('Pack streaming');
    const stream = await openSse(`${t.url}/v1/sync/stream`, station.credential);
    try {
      expect(await stream.next()).toBe('RESYNC');
      expect((await t.api('POST', `/v1/stations/${station.id}/revoke`)).status).toBe(200);
      await expect(stream.next()).rejects.toThrow('stream ended');
    } finally {
      stream.close();
    }
  });

  it('can be re-enrolled under the same id, keeping its seqs; the old credential stays refused', async () => {
    const station = await enrolledStation('Pack returning');
    const before = await hello(station.credential);
    await t.api('POST', `/v1/stations/${station.id}/revoke`);
    // A revocation voids a code issued before it; only a new one brings the station back.
    const code = await t.api('POST', `/v1/stations/${station.id}/enrollment-code`, { body: { codeTtlMinutes: 10 } });
    expect(code.status).toBe(201);
    const again = await t.api('POST', '/v1/stations/enroll', { body: { code: code.body.enrollmentCode }, token: null });
    expect(again.status).toBe(201);
    expect(again.body.stationId).toBe(station.id);

    const after = await hello(again.body.credential);
    expect(after.status).toBe(200);
    expect(after.body).toMatchObject({ stationId: station.id, lastSeq: before.body.lastSeq });
    const old = await hello(station.credential);
    expect(old.status).toBe(401);
    expect(old.body.code).toBe('credential_revoked');
    // The code was one-time.
    expect((await t.api('POST', '/v1/stations/enroll', { body: { code: code.body.enrollmentCode }, token: null })).body.code).toBe(
      'enrollment_code_invalid',
    );
  });

  it('answers 404 for an unknown station and 403 to anyone but an admin', async () => {
    expect((await t.api('POST', `/v1/stations/${crypto.randomUUID()}/revoke`)).status).toBe(404);
    const station = await enrolledStation('Pack self');
    const supervisor = await t.api('POST', '/v1/api-keys', { body: { name: 'sup', role: 'supervisor' } });
    expect((await t.api('POST', `/v1/stations/${station.id}/revoke`, { token: supervisor.body.key })).status).toBe(403);
    expect((await t.api('POST', `/v1/stations/${station.id}/revoke`, { token: station.credential })).status).toBe(403);
    expect((await hello(station.credential)).status).toBe(200);
  });
});

describe('rotating a station credential', () => {
  it('the new credential works and the old one is refused with credential_revoked', async () => {
    const station = await enrolledStation('Pack rotated');
    expect((await hello(station.credential)).status).toBe(200);
    const rotated = await t.api('POST', `/v1/stations/${station.id}/rotate`);
    expect(rotated.status).toBe(200);
    expect(rotated.body.credential).not.toBe(station.credential);

    expect((await hello(rotated.body.credential)).body.stationId).toBe(station.id);
    const old = await eventually('the old credential to be refused', async () => {
      const res = await hello(station.credential);
      return res.status === 401 && res;
    });
    expect(old.body).toMatchObject({ code: 'credential_revoked', detail: expect.stringContaining('replaced') });
  });

  it('refuses to rotate a revoked station (re-enrol it instead)', async () => {
    const station = await enrolledStation('Pack gone');
    await t.api('POST', `/v1/stations/${station.id}/revoke`);
    const res = await t.api('POST', `/v1/stations/${station.id}/rotate`);
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('station_revoked');
  });
});

describe('API keys', () => {
  it('a revoked key is refused with credential_revoked', async () => {
    const key = await t.api('POST', '/v1/api-keys', { body: { name: 'shop', role: 'integrator' } });
    expect((await t.api('GET', '/v1/warehouses', { token: key.body.key })).status).toBe(200);
    expect((await t.api('POST', `/v1/api-keys/${key.body.id}/revoke`)).status).toBe(200);
    const refused = await eventually('the key to be refused', async () => {
      const res = await t.api('GET', '/v1/warehouses', { token: key.body.key });
      return res.status === 401 && res;
    });
    expect(refused.body.code).toBe('credential_revoked');
    expect((await t.api('POST', `/v1/api-keys/${key.body.id}/rotate`)).body.code).toBe('api_key_revoked');
  });

  it('a rotated key keeps its id and role under a new secret; the old secret is refused', async () => {
    const key = await t.api('POST', '/v1/api-keys', { body: { name: 'erp', role: 'integrator' } });
    expect((await t.api('GET', '/v1/warehouses', { token: key.body.key })).status).toBe(200);
    const rotated = await t.api('POST', `/v1/api-keys/${key.body.id}/rotate`);
    expect(rotated.status).toBe(200);
    expect(rotated.body).toMatchObject({ id: key.body.id, name: 'erp', role: 'integrator' });
    expect((await t.api('GET', '/v1/warehouses', { token: rotated.body.key })).status).toBe(200);
    const old = await eventually('the old secret to be refused', async () => {
      const res = await t.api('GET', '/v1/warehouses', { token: key.body.key });
      return res.status === 401 && res;
    });
    expect(old.body).toMatchObject({ code: 'credential_revoked', detail: expect.stringContaining('rotated') });
    // Only an admin may rotate.
    expect((await t.api('POST', `/v1/api-keys/${key.body.id}/rotate`, { token: rotated.body.key })).status).toBe(403);
  });
});

describe('the server that made the change', () => {
  it('refuses a revoked or rotated credential from its very next request, before its own change notice arrives', async () => {
    // LISTEN delivers credential notices only when the test says: on PostgreSQL a notice reaches
    // the process's own listening connection after the HTTP answer, and a request in between
    // must not be answered from the cache.
    const held: (() => void)[] = [];
    const slow = await startTestServer(
      {},
      {
        database: (db) => ({
          ...db,
          listen: (channel, onPayload) =>
            db.listen(channel, (payload) =>
              payload.includes('credential-changed') ? held.push(() => onPayload(payload)) : onPayload(payload),
            ),
        }),
      },
    );
    try {
      const key = await slow.api('POST', '/v1/api-keys', { body: { name: 'shop', role: 'integrator' } });
      const other = await slow.api('POST', '/v1/api-keys', { body: { name: 'erp', role: 'integrator' } });
      for (const k of [key, other]) expect((await slow.api('GET', '/v1/warehouses', { token: k.body.key })).status).toBe(200); // cached

      expect((await slow.api('POST', `/v1/api-keys/${key.body.id}/revoke`)).status).toBe(200);
      const revoked = await slow.api('GET', '/v1/warehouses', { token: key.body.key });
      expect(revoked.status).toBe(401);
      expect(revoked.body.code).toBe('credential_revoked');

      const rotated = await slow.api('POST', `/v1/api-keys/${other.body.id}/rotate`);
      expect(rotated.status).toBe(200);
      expect((await slow.api('GET', '/v1/warehouses', { token: other.body.key })).body.code).toBe('credential_revoked');
      expect((await slow.api('GET', '/v1/warehouses', { token: rotated.body.key })).status).toBe(200);

      const { warehouseId: wh } = await setUpWarehouse(slow, 'SLOW-1');
      const st = await slow.api('POST', '/v1/stations', { body: { name: 'Pack slow', warehouseId: wh } });
      const enrolled = await slow.api('POST', '/v1/stations/enroll', { body: { code: st.body.enrollmentCode }, token: null });
      const station = enrolled.body.credential as string;
      expect((await slow.api('GET', '/v1/sync/hello', { token: station })).status).toBe(200);
      expect((await slow.api('POST', `/v1/stations/${enrolled.body.stationId}/revoke`)).status).toBe(200);
      expect((await slow.api('GET', '/v1/sync/hello', { token: station })).body.code).toBe('credential_revoked');

      // The notices were sent (and are acted on again, harmlessly, when they land).
      expect(held.length).toBeGreaterThanOrEqual(3);
      held.forEach((deliver) => deliver());
      expect((await slow.api('GET', '/v1/warehouses', { token: rotated.body.key })).status).toBe(200);
    } finally {
      await slow.close();
    }
  });
});

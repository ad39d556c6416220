import type { FastifyRequest } from 'fastify';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database';
import { setUpWarehouse, startTestServer, type TestServer } from '../testing/test-server';
import { createFailedAuthLimiter } from './failed-auth-limiter';
import { createAuthenticator } from './principal';
import { verifySecret } from './secrets';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

function counting(db: Database) {
  const counter = { lookups: 0 };
  const wrapped: Database = {
    ...db,
    query: (sql, params) => {
      if (/from api_keys where lookup_prefix/.test(sql)) counter.lookups++;
      return db.query(sql, params);
    },
  };
  return { db: wrapped, counter };
}
const request = (token: string) =>
  ({ headers: { authorization: `Bearer ${token}` }, ip: '127.0.0.1', log: pino({ level: 'silent' }) }) as unknown as FastifyRequest;

describe('credential cache', () => {
  it('verifies a credential once for many concurrent requests', async () => {
    const key = await t.api('POST', '/v1/api-keys', { body: { name: 'burst', role: 'integrator' } });
    const { db, counter } = counting(t.server.db);
    const auth = createAuthenticator(db);
    const principals = await Promise.all(Array.from({ length: 25 }, () => auth.authenticate(request(key.body.key))));
    expect(new Set(principals.map((p) => p.id))).toEqual(new Set([key.body.id]));
    expect(counter.lookups).toBe(1);
  });

  it('still refuses a bad credential, and a revoked one once its cache period is over', async () => {
    const key = await t.api('POST', '/v1/api-keys', { body: { name: 'revoked soon', role: 'integrator' } });
    const auth = createAuthenticator(t.server.db, { cacheMs: 150 });
    await expect(auth.authenticate(request(`${key.body.key.slice(0, -2)}zz`))).rejects.toMatchObject({ status: 401 });
    expect((await auth.authenticate(request(key.body.key))).id).toBe(key.body.id);
    await t.server.db.query('update api_keys set revoked_at = now() where id = $1', [key.body.id]);
    // Refused once the cached acceptance (150 ms) runs out: how soon is the cache's business, not this test's.
    const outcome = () =>
      auth.authenticate(request(key.body.key)).then(
        () => 'accepted',
        (err: { status?: number }) => err.status,
      );
    await expect.poll(outcome, { timeout: 20_000 }).toBe(401);
  });
});

describe('a credential whose cache ran out', () => {
  /** scrypt, counted: the test asks how often the server hashed, not how long it took. */
  function countedScrypt() {
    const counted = { hashed: 0 };
    return {
      counted,
      verifySecret: (secret: string, stored: string) => {
        counted.hashed++;
        return verifySecret(secret, stored);
      },
    };
  }
  const expired = () => new Promise((r) => setTimeout(r, 60));

  it('is checked against its record again, but not hashed again while the record holds the hash it matched', async () => {
    const key = await t.api('POST', '/v1/api-keys', { body: { name: 'back after a while', role: 'integrator' } });
    const { db, counter } = counting(t.server.db);
    const { counted, verifySecret } = countedScrypt();
    const auth = createAuthenticator(db, { cacheMs: 20, verifySecret });
    expect((await auth.authenticate(request(key.body.key))).id).toBe(key.body.id);
    await expired();
    expect((await auth.authenticate(request(key.body.key))).id).toBe(key.body.id);
    expect(counter.lookups).toBe(2);
    expect(counted.hashed).toBe(1);

    // Revoked: the record says so, hash or no hash.
    await t.server.db.query('update api_keys set revoked_at = now() where id = $1', [key.body.id]);
    await expired();
    await expect(auth.authenticate(request(key.body.key))).rejects.toMatchObject({ status: 401, code: 'credential_revoked' });
  });

  it('is refused once rotated, as replaced (the hash it matched is the retired one), and the new secret is hashed', async () => {
    const key = await t.api('POST', '/v1/api-keys', { body: { name: 'rotated', role: 'integrator' } });
    const { counted, verifySecret } = countedScrypt();
    const auth = createAuthenticator(t.server.db, { cacheMs: 20, verifySecret });
    expect((await auth.authenticate(request(key.body.key))).id).toBe(key.body.id);
    const rotated = await t.api('POST', `/v1/api-keys/${key.body.id}/rotate`, { body: {} });
    expect(rotated.status).toBe(200);
    await expired();
    await expect(auth.authenticate(request(key.body.key))).rejects.toMatchObject({
      status: 401,
      code: 'credential_revoked',
      detail: expect.stringContaining('rotated'),
    });
    expect((await auth.authenticate(request(rotated.body.key))).id).toBe(key.body.id);
    expect(counted.hashed).toBe(2);
  });

  it('is refused when another secret names the same station, however recently the right one passed', async () => {
    const { stationToken } = await setUpWarehouse(t, 'AUTH-1');
    const { counted, verifySecret } = countedScrypt();
    const auth = createAuthenticator(t.server.db, { cacheMs: 20, verifySecret });
    expect((await auth.authenticate(request(stationToken))).kind).toBe('station');
    await expired();
    const forged = `${stationToken.slice(0, -4)}${stationToken.endsWith('zzzz') ? 'yyyy' : 'zzzz'}`;
    await expect(auth.authenticate(request(forged))).rejects.toMatchObject({ status: 401 });
    expect(counted.hashed).toBe(2);
    expect((await auth.authenticate(request(stationToken))).kind).toBe('station');
    expect(counted.hashed).toBe(2);
  });
});

describe('failed-attempt exemption', () => {
  it('a credential verified while a change notice arrives stays exempt from a flood naming it', async () => {
    const key = await t.api('POST', '/v1/api-keys', { body: { name: 'flooded', role: 'integrator' } });
    const limiter = createFailedAuthLimiter({
      perCredential: { burst: 100, refillMs: 3_600_000 },
      perAddress: { burst: 2, refillMs: 3_600_000 },
      limitedAnswerDelayMs: 0,
    });
    const auth = createAuthenticator(t.server.db, { limiter });
    // The notice lands while the first verification is running: its answer is not cached, but the
    // credential did verify (the order PostgreSQL's NOTIFY gave once in the suite).
    const first = auth.authenticate(request(key.body.key));
    auth.forgetCredential({ kind: 'api-key', id: key.body.id });
    expect((await first).id).toBe(key.body.id);
    // Wrong secrets from the same address: the address's limit stops them, and only the exemption lets the key through.
    const forged = `${key.body.key.slice(0, -4)}${key.body.key.endsWith('zzzz') ? 'yyyy' : 'zzzz'}`;
    for (let i = 0; i < 2; i++) await expect(auth.authenticate(request(forged))).rejects.toMatchObject({ status: 401 });
    await expect(auth.authenticate(request(forged))).rejects.toMatchObject({ status: 429 });
    expect((await auth.authenticate(request(key.body.key))).id).toBe(key.body.id);
  });
});

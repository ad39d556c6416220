import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_FAILED_AUTH_LIMITS, type FailedAuthLimits } from './failed-auth-limiter';
import { setUpWarehouse, startTestServer, type TestServer } from '../testing/test-server';

let t: TestServer | null = null;
afterEach(async () => {
  await t?.close();
  t = null;
});

/** A credential for the station with a wrong secret: it names a real station, so refusing it costs a hash. */
const forged = (stationId: string) => `dks_st_${stationId.replace(/-/g, '')}_${'x'.repeat(43)}`;
/**
 * The default buckets, refilling once an hour instead of every few seconds: on loaded cores a
 * flood of scrypt-hashed attempts can take longer than one refill, and a refilled token would
 * let an attempt through that the test expects refused. Refill itself is tested with a clock.
 */
const LIMITS: FailedAuthLimits = {
  ...DEFAULT_FAILED_AUTH_LIMITS,
  perCredential: { ...DEFAULT_FAILED_AUTH_LIMITS.perCredential, refillMs: 3_600_000 },
  perAddress: { ...DEFAULT_FAILED_AUTH_LIMITS.perAddress, refillMs: 3_600_000 },
};
const hello = (token: string) => t!.api('GET', '/v1/sync/hello', { token });

function expectLimited(res: { status: number; body: any; headers: Headers }) {
  expect(res.status).toBe(429);
  expect(res.headers.get('content-type')).toContain('application/problem+json');
  expect(res.body.code).toBe('too_many_failed_attempts');
  expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
}

describe('failed authentication limits', () => {
  it('refuses further attempts naming a station once it has had its failures, before looking at the secret', async () => {
    t = await startTestServer({}, { failedAuthLimits: LIMITS });
    const { stationId, stationToken } = await setUpWarehouse(t, 'LON-1');
    // A second station, never verified on this server, to show the check comes before the hash.
    const other = await t.api('POST', '/v1/stations', {
      body: { name: 'Pack 2', warehouseId: (await t.api('GET', '/v1/warehouses')).body.data[0].id },
    });
    const enrolled = await t.api('POST', '/v1/stations/enroll', { body: { code: other.body.enrollmentCode }, token: null });

    expect((await hello(stationToken)).status).toBe(200);
    for (let i = 0; i < DEFAULT_FAILED_AUTH_LIMITS.perCredential.burst; i++) expect((await hello(forged(stationId))).status).toBe(401);
    expectLimited(await hello(forged(stationId)));
    // The station that proved itself before the flood keeps working.
    expect((await hello(stationToken)).status).toBe(200);

    for (let i = 0; i < DEFAULT_FAILED_AUTH_LIMITS.perCredential.burst; i++)
      expect((await hello(forged(enrolled.body.stationId))).status).toBe(401);
    // Even its right secret is not hashed now: the limit is checked first.
    expectLimited(await hello(enrolled.body.credential));
  }, 120_000); // a dozen deliberate scrypt hashes: slow on loaded cores

  it('limits failures from one address across credentials, without starving a credential that works', async () => {
    t = await startTestServer({}, { failedAuthLimits: LIMITS });
    expect((await t.api('GET', '/v1/warehouses')).status).toBe(200); // the admin's key has proved itself here
    let limited = null;
    // Each names a different (unknown) station: only the address limit can stop them.
    for (let i = 0; i <= DEFAULT_FAILED_AUTH_LIMITS.perAddress.burst && !limited; i++) {
      const res = await hello(forged(crypto.randomUUID()));
      if (res.status === 429) limited = res;
      else expect(res.status).toBe(401);
    }
    expect(limited).not.toBeNull();
    expectLimited(limited!);
    // The admin's key still answers from the same address.
    expect((await t.api('GET', '/v1/warehouses')).status).toBe(200);
  }, 120_000);
});

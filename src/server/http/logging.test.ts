import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setUpWarehouse, startTestServer, TEST_ADMIN_TOKEN, type TestServer } from '../testing/test-server';

/** Every JSON line the server logged. */
const lines: Record<string, any>[] = [];
let raw = '';
const destination = {
  write(chunk: string) {
    raw += chunk;
    for (const line of chunk.split('\n').filter(Boolean)) lines.push(JSON.parse(line));
  },
};

let t: TestServer;
let station: Awaited<ReturnType<typeof setUpWarehouse>>;
beforeAll(async () => {
  t = await startTestServer({ logLevel: 'info' }, { logDestination: destination });
  station = await setUpWarehouse(t, 'LON-1');
});
afterAll(() => t.close());

const linesOf = (reqId: string) => lines.filter((l) => l.reqId === reqId);

describe('server logs', () => {
  it('are JSON lines tagged with the request id the response carries, with the authorization header redacted', async () => {
    const res = await t.api('GET', '/v1/warehouses');
    const reqId = res.headers.get('x-request-id')!;
    expect(reqId).toMatch(/^[0-9a-f-]{36}$/);
    const mine = linesOf(reqId);
    const incoming = mine.find((l) => l.msg === 'incoming request')!;
    expect(incoming.req).toMatchObject({ method: 'GET', url: '/v1/warehouses', headers: { authorization: '[redacted]' } });
    expect(mine.find((l) => l.msg === 'request completed')).toMatchObject({
      res: { statusCode: 200 },
      apiKeyId: expect.any(String),
      role: 'admin',
    });
    expect(raw).not.toContain(TEST_ADMIN_TOKEN);
  });

  it("say which station made a request, and keep a caller's sane request id", async () => {
    const res = await t.api('GET', '/v1/sync/hello', { token: station.stationToken, headers: { 'x-request-id': 'lb-trace-0001' } });
    expect(res.headers.get('x-request-id')).toBe('lb-trace-0001');
    expect(linesOf('lb-trace-0001').find((l) => l.msg === 'request completed')).toMatchObject({ stationId: station.stationId });
    expect(raw).not.toContain(station.stationToken);
    // A request id that is not a plain token is replaced, not written into the log.
    const odd = await t.api('GET', '/health', { token: null, headers: { 'x-request-id': '"}, "forged": true' } });
    expect(odd.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('redact PINs, secrets and credentials wherever a logged object holds them', () => {
    t.server.app.log.info(
      { body: { name: 'Ada', pin: '4321', secret: 'whsec_abc', carrierCredentials: { apiKey: 'ck_live' } }, credential: 'dks_st_x' },
      'probe',
    );
    const probe = lines.find((l) => l.msg === 'probe')!;
    expect(probe.body).toEqual({ name: 'Ada', pin: '[redacted]', secret: '[redacted]', carrierCredentials: '[redacted]' });
    expect(probe.credential).toBe('[redacted]');
  });
});

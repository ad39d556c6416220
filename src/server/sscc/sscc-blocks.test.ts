import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SsccBlock } from '../../shared/api/sscc-blocks';
import { setUpWarehouse, startTestServer, type TestServer } from '../testing/test-server';

let t: TestServer;
let lon: Awaited<ReturnType<typeof setUpWarehouse>>;
let man: Awaited<ReturnType<typeof setUpWarehouse>>;
beforeAll(async () => {
  t = await startTestServer();
  lon = await setUpWarehouse(t, 'LON-1', {});
  man = await setUpWarehouse(t, 'MAN-1', {});
});
afterAll(() => t.close());

const ask = (token: string | null, range: { extensionDigit: number; companyPrefix: string }) =>
  t.api('POST', '/v1/sync/sscc-blocks', { body: range, token });

/** Every serial of some blocks, to show they never share one. */
const serialsOf = (blocks: SsccBlock[]) =>
  blocks.flatMap((b) => Array.from({ length: b.lastSerial - b.firstSerial + 1 }, (_, i) => b.firstSerial + i));

describe('SSCC serial blocks', () => {
  it('gives two stations disjoint blocks of one range, above the serials stations counted locally before', async () => {
    const range = { extensionDigit: 0, companyPrefix: '0614141' };
    const a = await ask(lon.stationToken, range);
    const b = await ask(man.stationToken, range);
    expect([a.status, b.status]).toEqual([201, 201]);
    const [first, second] = [SsccBlock.parse(a.body), SsccBlock.parse(b.body)];
    // 7-digit prefix: 9 serial digits; blocks start at half the range (sscc-block-store.ts says why).
    expect(first).toMatchObject({ ...range, firstSerial: 500_000_000, lastSerial: 500_000_999 });
    expect(second).toMatchObject({ ...range, firstSerial: 500_001_000, lastSerial: 500_001_999 });
    const rows = await t.server.db.query<{ station_id: string }>('select station_id from sscc_blocks where id = $1', [second.id]);
    expect(rows[0]!.station_id).toBe(man.stationId);
  });

  it('counts each extension digit and company prefix separately', async () => {
    const other = SsccBlock.parse((await ask(lon.stationToken, { extensionDigit: 1, companyPrefix: '0614141' })).body);
    expect(other.firstSerial).toBe(500_000_000);
  });

  it('never gives stations asking at once overlapping blocks', async () => {
    const range = { extensionDigit: 5, companyPrefix: '061414' };
    const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => ask(i % 2 ? lon.stationToken : man.stationToken, range)));
    expect(answers.map((r) => r.status)).toEqual(Array(12).fill(201));
    const serials = serialsOf(answers.map((r) => SsccBlock.parse(r.body)));
    expect(serials).toHaveLength(12 * 1000);
    expect(new Set(serials).size).toBe(serials.length);
  });

  it('refuses with 409 sscc_numbers_exhausted once the range is handed out', async () => {
    // A 12-digit prefix leaves 4 serial digits: blocks 5000..9999 are five blocks of 1000.
    const range = { extensionDigit: 2, companyPrefix: '123456789012' };
    const blocks = [];
    for (let i = 0; i < 5; i++) blocks.push(SsccBlock.parse((await ask(lon.stationToken, range)).body));
    expect(blocks.at(-1)).toMatchObject({ firstSerial: 9000, lastSerial: 9999 });
    const refused = await ask(man.stationToken, range);
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('sscc_numbers_exhausted');
    expect(refused.body.detail).toMatch(/123456789012/);
  });

  it('is for enrolled stations only: 401 without a credential, 403 for an API key, 400 for a bad prefix', async () => {
    const range = { extensionDigit: 0, companyPrefix: '0614141' };
    expect((await ask(null, range)).status).toBe(401);
    const admin = await t.api('POST', '/v1/sync/sscc-blocks', { body: range });
    expect(admin.status).toBe(403);
    const key = await t.api('POST', '/v1/api-keys', { body: { name: 'supervisor key', role: 'supervisor' } });
    expect((await ask(key.body.key, range)).status).toBe(403);
    expect((await ask(lon.stationToken, { extensionDigit: 0, companyPrefix: '12345' })).status).toBe(400);
    expect((await ask(lon.stationToken, { extensionDigit: 10, companyPrefix: '0614141' })).status).toBe(400);
  });
});

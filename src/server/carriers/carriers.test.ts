import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTrackingNumber, isValidUps1z } from '../../shared/carriers/tracking-numbers';
import { configFromEnv } from '../config';
import { startTestServer, type TestServer } from '../testing/test-server';

/**
 * Carrier accounts, shipping rules and tracking-number blocks over real HTTP on a real database:
 * credentials sealed at rest and never answered, scope by warehouse, and blocks that never overlap
 * whoever asks at the same time.
 */
let t: TestServer;
const SECRET_KEY = 'carrier-credentials-sealing-key-for-tests';

interface Station {
  id: string;
  token: string;
}
async function warehouse(code: string, stations: number): Promise<{ id: string; stations: Station[] }> {
  const wh = await t.api('POST', '/v1/warehouses', { body: { code, name: `Warehouse ${code}`, priority: 10 } });
  const list: Station[] = [];
  for (let i = 1; i <= stations; i++) {
    const st = await t.api('POST', '/v1/stations', { body: { name: `Pack ${i} ${code}`, warehouseId: wh.body.id } });
    const enrolled = await t.api('POST', '/v1/stations/enroll', { body: { code: st.body.enrollmentCode }, token: null });
    list.push({ id: enrolled.body.stationId, token: enrolled.body.credential });
  }
  return { id: wh.body.id, stations: list };
}
const upsAccount = (warehouseId: string, accountNumber: string, extra: Record<string, unknown> = {}) => ({
  warehouseId,
  carrier: 'ups',
  accountNumber,
  name: `UPS ${accountNumber}`,
  labelFormat: 'zpl',
  services: [
    { code: '03', name: 'UPS Ground' },
    { code: '01', name: 'UPS Next Day Air' },
  ],
  credentials: { userId: 'dockside', password: 'hunter2-very-secret' },
  blockSize: 50,
  lowWater: 10,
  ...extra,
});

beforeAll(async () => {
  const base = configFromEnv(process.env);
  t = await startTestServer({ webhooks: { ...base.webhooks, secretKey: SECRET_KEY } });
});
afterAll(() => t.close());

describe('carrier accounts', () => {
  it('keeps credentials sealed at rest and answers only their names', async () => {
    const wh = await warehouse('CA1', 0);
    const created = await t.api('POST', '/v1/carrier-accounts', { body: upsAccount(wh.id, '7A1B22') });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      carrier: 'ups',
      credentialNames: ['password', 'userId'],
      credentialStorage: 'sealed',
      nextSerial: 1,
    });
    expect(JSON.stringify(created.body)).not.toContain('hunter2');
    const [row] = await t.server.db.query<{ credentials: string }>('select credentials from carrier_accounts where id = $1', [
      created.body.id,
    ]);
    expect(row!.credentials).toMatch(/^enc:v1:/);
    expect(row!.credentials).not.toContain('hunter2');
    const read = await t.api('GET', `/v1/carrier-accounts/${created.body.id}`);
    expect(JSON.stringify(read.body)).not.toContain('hunter2');

    const changed = await t.api('PATCH', `/v1/carrier-accounts/${created.body.id}`, { body: { credentials: null, name: 'UPS main' } });
    expect(changed.body).toMatchObject({ name: 'UPS main', credentialNames: [] });
  });

  it('refuses a bad shipper number, a duplicate account and a low-water mark above the block', async () => {
    const wh = await warehouse('CA2', 0);
    const bad = await t.api('POST', '/v1/carrier-accounts', { body: upsAccount(wh.id, '12345') });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('validation_failed');
    const uspsCode = await t.api('POST', '/v1/carrier-accounts', {
      body: { ...upsAccount(wh.id, '123456789'), carrier: 'usps', services: [{ code: '03', name: 'x' }] },
    });
    expect(uspsCode.status).toBe(400);
    expect((await t.api('POST', '/v1/carrier-accounts', { body: upsAccount(wh.id, 'DUP001') })).status).toBe(201);
    const dup = await t.api('POST', '/v1/carrier-accounts', { body: upsAccount(wh.id, 'DUP001') });
    expect([dup.status, dup.body.code]).toEqual([409, 'carrier_account_exists']);
    const water = await t.api('POST', '/v1/carrier-accounts', { body: upsAccount(wh.id, 'WAT001', { blockSize: 10, lowWater: 10 }) });
    expect(water.status).toBe(400);
  });

  it('keeps each warehouse to its own accounts and rules', async () => {
    const a = await warehouse('CA3', 0);
    const b = await warehouse('CA4', 0);
    const acct = (await t.api('POST', '/v1/carrier-accounts', { body: upsAccount(a.id, 'SCOPE1') })).body;
    const supB = (await t.api('POST', '/v1/api-keys', { body: { name: 'sup b', role: 'supervisor', warehouseId: b.id } })).body.key;
    expect((await t.api('GET', `/v1/carrier-accounts/${acct.id}`, { token: supB })).status).toBe(403);
    expect((await t.api('GET', '/v1/carrier-accounts', { token: supB })).body.data).toEqual([]);
    expect((await t.api('PUT', `/v1/warehouses/${a.id}/shipping-rules`, { token: supB, body: { rules: [] } })).status).toBe(403);
    // A supervisor manages rules but not accounts (credentials are an admin's).
    expect((await t.api('POST', '/v1/carrier-accounts', { token: supB, body: upsAccount(b.id, 'SCOPE2') })).status).toBe(403);
    // B's rules cannot name A's account.
    const cross = await t.api('PUT', `/v1/warehouses/${b.id}/shipping-rules`, {
      body: { rules: [{ name: 'x', when: {}, accountId: acct.id, serviceCode: '03' }] },
    });
    expect([cross.status, cross.body.code]).toEqual([422, 'rule_service_unknown']);
  });

  it('stores rules in order, replicates them with the accounts (no credentials) to the warehouse stations', async () => {
    const wh = await warehouse('CA5', 1);
    const acct = (await t.api('POST', '/v1/carrier-accounts', { body: upsAccount(wh.id, 'RULES1') })).body;
    const rules = [
      { name: 'heavy', when: { weightGrams: { min: 5000 }, countries: ['US'] }, accountId: acct.id, serviceCode: '03' },
      {
        name: 'valuable',
        when: { orderValueMinor: { min: 50_000 }, channels: ['web'], regions: ['CA'] },
        accountId: acct.id,
        serviceCode: '01',
      },
      { name: 'else', when: {}, accountId: acct.id, serviceCode: '03' },
    ];
    const put = await t.api('PUT', `/v1/warehouses/${wh.id}/shipping-rules`, { body: { rules } });
    expect(put.status).toBe(200);
    expect(put.body.rules).toEqual(rules);
    // A service a rule uses cannot be removed.
    const drop = await t.api('PATCH', `/v1/carrier-accounts/${acct.id}`, { body: { services: [{ code: '03', name: 'Ground' }] } });
    expect([drop.status, drop.body.code]).toEqual([409, 'service_in_use']);

    const config = await t.api('GET', '/v1/sync/carriers', { token: wh.stations[0]!.token });
    expect(config.status).toBe(200);
    expect(config.body.rules).toEqual(rules);
    expect(config.body.accounts).toEqual([expect.objectContaining({ id: acct.id, accountNumber: 'RULES1', services: acct.services })]);
    expect(JSON.stringify(config.body)).not.toMatch(/hunter2|credential/i);
  });
});

describe('tracking-number blocks', () => {
  it('never hands two stations overlapping blocks, however many ask at once', async () => {
    const wh = await warehouse('TB1', 2);
    const acct = (await t.api('POST', '/v1/carrier-accounts', { body: upsAccount(wh.id, 'BLOCK1', { blockSize: 25, lowWater: 5 }) })).body;
    const asks = Array.from({ length: 12 }, (_, i) =>
      t.api('POST', '/v1/sync/tracking-blocks', { token: wh.stations[i % 2]!.token, body: { accountId: acct.id } }),
    );
    const blocks = (await Promise.all(asks)).map((r) => {
      expect(r.status).toBe(201);
      return r.body as { firstSerial: number; lastSerial: number };
    });
    const sorted = [...blocks].sort((x, y) => x.firstSerial - y.firstSerial);
    expect(sorted[0]!.firstSerial).toBe(1);
    for (const [i, b] of sorted.entries()) {
      expect(b.lastSerial - b.firstSerial + 1).toBe(25);
      if (i > 0) expect(b.firstSerial).toBe(sorted[i - 1]!.lastSerial + 1);
    }
    const serials = blocks.flatMap((b) => Array.from({ length: b.lastSerial - b.firstSerial + 1 }, (_, k) => b.firstSerial + k));
    expect(new Set(serials).size).toBe(12 * 25);
    const numbers = serials.map((s) => buildTrackingNumber({ format: 'ups-1z', shipperNumber: 'BLOCK1' }, '03', s));
    expect(numbers.every(isValidUps1z)).toBe(true);
    expect((await t.api('GET', `/v1/carrier-accounts/${acct.id}`)).body.nextSerial).toBe(12 * 25 + 1);
  });

  it("refuses another warehouse's account, a switched-off account, and a range its format cannot hold", async () => {
    const a = await warehouse('TB2', 1);
    const b = await warehouse('TB3', 1);
    const acct = (await t.api('POST', '/v1/carrier-accounts', { body: upsAccount(a.id, 'BLOCK2') })).body;
    expect((await t.api('POST', '/v1/sync/tracking-blocks', { token: b.stations[0]!.token, body: { accountId: acct.id } })).status).toBe(
      404,
    );
    await t.api('PATCH', `/v1/carrier-accounts/${acct.id}`, { body: { active: false } });
    const off = await t.api('POST', '/v1/sync/tracking-blocks', { token: a.stations[0]!.token, body: { accountId: acct.id } });
    expect([off.status, off.body.code]).toEqual([409, 'carrier_account_inactive']);
    // An API key is not a station.
    expect((await t.api('POST', '/v1/sync/tracking-blocks', { body: { accountId: acct.id } })).status).toBe(403);

    const full = (await t.api('POST', '/v1/carrier-accounts', { body: upsAccount(a.id, 'BLOCK3', { blockSize: 100 }) })).body;
    await t.server.db.query('update carrier_accounts set next_serial = 9999950 where id = $1', [full.id]);
    const tail = await t.api('POST', '/v1/sync/tracking-blocks', { token: a.stations[0]!.token, body: { accountId: full.id } });
    expect(tail.body).toMatchObject({ firstSerial: 9_999_950, lastSerial: 9_999_999 });
    const none = await t.api('POST', '/v1/sync/tracking-blocks', { token: a.stations[0]!.token, body: { accountId: full.id } });
    expect([none.status, none.body.code]).toEqual([409, 'tracking_numbers_exhausted']);
  });
});

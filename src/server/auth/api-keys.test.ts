import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setUpWarehouse, startTestServer, type TestServer } from '../testing/test-server';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

const keyCount = async () => Number((await t.server.db.query<{ n: unknown }>('select count(*) as n from api_keys'))[0]!.n);

describe('API keys', () => {
  // Found by the OpenAPI fuzzer: the key's insert broke the warehouse foreign key and answered 500.
  it('refuses a key bound to a warehouse that does not exist with 422 warehouse_unknown, and stores nothing', async () => {
    const before = await keyCount();
    const res = await t.api('POST', '/v1/api-keys', { body: { name: 'lost', role: 'supervisor', warehouseId: crypto.randomUUID() } });
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body.code).toBe('warehouse_unknown');
    expect(await keyCount()).toBe(before);
    const { warehouseId } = await setUpWarehouse(t);
    const bound = await t.api('POST', '/v1/api-keys', { body: { name: 'found', role: 'supervisor', warehouseId } });
    expect(bound.status).toBe(201);
    expect(bound.body.warehouseId).toBe(warehouseId);
  });
});

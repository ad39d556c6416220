import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleOrder, setUpWarehouse, startTestServer, type TestServer } from '../testing/test-server';

/** Input an order API must refuse with a 400 naming the field, writing nothing. */
describe('order input bounds', () => {
  let t: TestServer;
  const count = async () => Number((await t.server.db.query<{ n: unknown }>('select count(*) as n from orders'))[0]!.n);
  const line = (over: Record<string, unknown> = {}) => ({ sku: 'SKU-MUG', name: 'Enamel mug', quantity: 1, unitPriceMinor: 1250, ...over });

  beforeAll(async () => {
    t = await startTestServer();
    await setUpWarehouse(t);
  });
  afterAll(() => t?.close());

  it.each([
    [
      'a unit price of 2^53-1 times 3',
      sampleOrder({ lines: [line({ unitPriceMinor: Number.MAX_SAFE_INTEGER, quantity: 3 })] }),
      'lines.0.unitPriceMinor',
    ],
    [
      'a line amount past the maximum',
      sampleOrder({ lines: [line({ unitPriceMinor: 4_000_000_000_000, quantity: 3 })] }),
      'lines.0.quantity',
    ],
    ['a misspelled top-level field', { ...sampleOrder(), shippingMinr: 499 }, 'shippingMinr'],
    ['an unknown field in a line', sampleOrder({ lines: [line({ colour: 'red' })] }), 'lines.0'],
    [
      'an unknown field in the address',
      sampleOrder({ shippingAddress: { ...sampleOrder().shippingAddress, flat: '2B' } }),
      'shippingAddress',
    ],
  ])('%s: 400 naming the field, nothing written', async (_what, body, path) => {
    const before = await count();
    const res = await t.api('POST', '/v1/orders', { body });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('validation_failed');
    const paths = (res.body.errors as { path: string; message: string }[]).map((e) => `${e.path} ${e.message}`).join('\n');
    expect(paths).toContain(path);
    if (path === 'shippingMinr' || path === 'lines.0') expect(res.body.detail).toMatch(/colour|shippingMinr/);
    expect(await count()).toBe(before);
  });

  it('keeps every total exact at the largest amounts it takes', async () => {
    const res = await t.api('POST', '/v1/orders', {
      body: sampleOrder({
        lines: [line({ unitPriceMinor: 3_333_333_333_333, quantity: 3, taxRateBps: 2000 })],
        shippingMinor: 0,
        payment: { status: 'pending' },
      }),
    });
    expect(res.status).toBe(201);
    expect(res.body.totals.subtotalMinor).toBe(9_999_999_999_999);
    expect(res.body.totals.taxMinor).toBe(2_000_000_000_000);
    expect(res.body.totals.totalMinor).toBe(11_999_999_999_999);
  });
});

describe('the same end state, however it was reached', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
    await setUpWarehouse(t);
  });
  afterAll(() => t?.close());

  it('cancelling every unit at once or one at a time leaves the same totals and counters', async () => {
    const body = sampleOrder({ lines: [{ sku: 'SKU-MUG', name: 'Enamel mug', quantity: 2, unitPriceMinor: 1000 }], shippingMinor: 0 });
    const once = (await t.api('POST', '/v1/orders', { body })).body;
    const stepwise = (await t.api('POST', '/v1/orders', { body })).body;
    const all = await t.api('POST', `/v1/orders/${once.id}/partial-cancel`, {
      body: { lines: [{ lineId: once.lines[0].id, quantity: 2 }], reason: 'gone' },
    });
    expect(all.status).toBe(200);
    for (let i = 0; i < 2; i++) {
      const r = await t.api('POST', `/v1/orders/${stepwise.id}/partial-cancel`, {
        body: { lines: [{ lineId: stepwise.lines[0].id, quantity: 1 }], reason: 'gone' },
      });
      expect(r.status).toBe(200);
    }
    const a = (await t.api('GET', `/v1/orders/${once.id}`)).body;
    const b = (await t.api('GET', `/v1/orders/${stepwise.id}`)).body;
    expect(a.status).toBe('cancelled');
    expect(b.status).toBe('cancelled');
    expect(a.totals).toEqual(b.totals);
    expect(a.totals.totalMinor).toBe(0);
    expect(a.lines[0]).toMatchObject({ quantity: 0, cancelledQuantity: 2 });
    expect(b.lines[0]).toMatchObject({ quantity: 0, cancelledQuantity: 2 });
  });
});

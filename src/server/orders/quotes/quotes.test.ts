import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleOrder, setUpWarehouse, startTestServer, type TestServer } from '../../testing/test-server';

let t: TestServer;
let lon: Awaited<ReturnType<typeof setUpWarehouse>>;

beforeAll(async () => {
  t = await startTestServer();
  lon = await setUpWarehouse(t, 'LON-1', { 'SKU-MUG': 100, 'SKU-TEE': 100, 'SKU-CAP': 50 });
});
afterAll(() => t.close());

async function create(overrides: Record<string, unknown> = {}) {
  const res = await t.api('POST', '/v1/orders', { body: sampleOrder(overrides) });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

const cap = { sku: 'SKU-CAP', name: 'Cap', quantity: 2, unitPriceMinor: 1500, taxRateBps: 2000, discountMinor: 100 };

describe('quoted edits', () => {
  it('prices an edit without changing the order, then applies exactly it through the line commands', async () => {
    const order = await create({ payment: { status: 'pending' } });
    const [mug, tee] = order.lines;
    const quote = await t.api('POST', `/v1/orders/${order.id}/quote-change`, {
      body: { add: [cap], change: [{ lineId: mug.id, quantity: 3 }], remove: [tee.id], reason: 'customer called' },
    });
    expect(quote.status, JSON.stringify(quote.body)).toBe(201);
    expect(quote.headers.get('location')).toBe(`/v1/orders/${order.id}/quotes/${quote.body.id}`);
    // Cap: 2 x 1500 - 100 = 2900 + 20% = 3480. Mug 2 -> 3 at 1250 + 20%: +1500. Tee off: -2400.
    expect(quote.body.added).toEqual([
      expect.objectContaining({ sku: 'SKU-CAP', before: null, differenceMinor: 3480, taxDifferenceMinor: 580 }),
    ]);
    expect(quote.body.changed).toEqual([
      expect.objectContaining({
        lineId: mug.id,
        before: expect.objectContaining({ quantity: 2 }),
        after: expect.objectContaining({ quantity: 3, totalMinor: 4500 }),
        differenceMinor: 1500,
      }),
    ]);
    expect(quote.body.removed).toEqual([expect.objectContaining({ lineId: tee.id, after: null, differenceMinor: -2400 })]);
    expect(quote.body.differenceMinor).toBe(3480 + 1500 - 2400);
    expect(quote.body.taxDifferenceMinor).toBe(580 + 250 - 400);
    expect(quote.body.newTotals.totalMinor).toBe(order.totals.totalMinor + 2580);
    expect(quote.body).toMatchObject({
      status: 'open',
      orderVersion: order.version,
      toPayMinor: order.totals.totalMinor + 2580,
      toRefundMinor: 0,
    });
    expect(Date.parse(quote.body.expiresAt) - Date.parse(quote.body.createdAt)).toBe(15 * 60_000);

    const unchanged = await t.api('GET', `/v1/orders/${order.id}`);
    expect(unchanged.body.version).toBe(order.version);
    expect(unchanged.body.totals).toEqual(order.totals);

    const applied = await t.api('POST', `/v1/orders/${order.id}/apply-quote/${quote.body.id}`, { body: {} });
    expect(applied.status, JSON.stringify(applied.body)).toBe(200);
    expect(applied.body.totals).toEqual(quote.body.newTotals);
    expect(applied.body.lines.map((l: any) => [l.sku, l.quantity])).toEqual([
      ['SKU-MUG', 3],
      ['SKU-CAP', 2],
    ]);
    // The added line is the one the quote priced.
    expect(applied.body.lines[1].id).toBe(quote.body.added[0].lineId);
    expect(applied.body.quote).toMatchObject({ id: quote.body.id, status: 'applied' });
    expect(applied.headers.get('etag')).toBe(`"${applied.body.version}"`);

    const timeline = await t.api('GET', `/v1/orders/${order.id}/timeline`);
    const types = timeline.body.data.map((e: any) => e.type);
    expect(types.slice(types.indexOf('order-quote-created'))).toEqual([
      'order-quote-created',
      'order-line-added',
      'order-line-updated',
      'order-line-removed',
      'order-quote-applied',
    ]);
    expect(timeline.body.data.at(-1).payload).toMatchObject({ differenceMinor: 2580, reason: 'customer called' });

    const again = await t.api('POST', `/v1/orders/${order.id}/apply-quote/${quote.body.id}`, { body: {} });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('quote_already_applied');
    expect((await t.api('GET', `/v1/orders/${order.id}/quotes/${quote.body.id}`)).body.status).toBe('applied');
    const listed = await t.api('GET', `/v1/orders/${order.id}/quotes`);
    expect(listed.body.data.map((q: any) => [q.id, q.status])).toEqual([[quote.body.id, 'applied']]);
  });

  it('refuses a stale quote (the order changed since) and an expired one, as problem+json with stable codes', async () => {
    const order = await create({ payment: { status: 'pending' } });
    const stale = await t.api('POST', `/v1/orders/${order.id}/quote-change`, {
      body: { change: [{ lineId: order.lines[0].id, quantity: 5 }] },
    });
    expect(stale.status).toBe(201);
    await t.api('PATCH', `/v1/orders/${order.id}/lines/${order.lines[1].id}`, { body: { quantity: 2 } });
    expect((await t.api('GET', `/v1/orders/${order.id}/quotes/${stale.body.id}`)).body.status).toBe('stale');
    const refused = await t.api('POST', `/v1/orders/${order.id}/apply-quote/${stale.body.id}`, { body: {} });
    expect(refused.status).toBe(409);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(refused.body).toMatchObject({ code: 'quote_stale', quoteOrderVersion: order.version, currentVersion: order.version + 1 });

    const current = (await t.api('GET', `/v1/orders/${order.id}`)).body;
    const expiring = await t.api('POST', `/v1/orders/${order.id}/quote-change`, {
      body: { change: [{ lineId: order.lines[0].id, quantity: 4 }], validForMinutes: 1 },
    });
    await t.server.db.query(`update order_quotes set expires_at = now() - interval '1 second' where id = $1`, [expiring.body.id]);
    const expired = await t.api('POST', `/v1/orders/${order.id}/apply-quote/${expiring.body.id}`, { body: {} });
    expect(expired.status).toBe(409);
    expect(expired.body.code).toBe('quote_expired');
    const after = (await t.api('GET', `/v1/orders/${order.id}`)).body;
    expect(after.version).toBe(current.version);
    expect(after.lines[0].quantity).toBe(2);
  });

  it('refuses what the line commands refuse, before storing a quote', async () => {
    const order = await create({ payment: { status: 'pending' } });
    const all = await t.api('POST', `/v1/orders/${order.id}/quote-change`, { body: { remove: order.lines.map((l: any) => l.id) } });
    expect(all.status).toBe(409);
    expect(all.body.code).toBe('order_needs_a_line');
    const unknown = await t.api('POST', `/v1/orders/${order.id}/quote-change`, {
      body: { change: [{ lineId: crypto.randomUUID(), quantity: 1 }] },
    });
    expect(unknown.status).toBe(404);
    const empty = await t.api('POST', `/v1/orders/${order.id}/quote-change`, { body: {} });
    expect(empty.status).toBe(400);
    const twice = await t.api('POST', `/v1/orders/${order.id}/quote-change`, {
      body: { change: [{ lineId: order.lines[0].id, quantity: 1 }], remove: [order.lines[0].id] },
    });
    expect(twice.status).toBe(400);
    const [row] = await t.server.db.query<{ n: unknown }>('select count(*) as n from order_quotes where order_id = $1', [order.id]);
    expect(Number(row?.n)).toBe(0);
    const wrongOrder = await create({ payment: { status: 'pending' } });
    const quote = await t.api('POST', `/v1/orders/${order.id}/quote-change`, {
      body: { change: [{ lineId: order.lines[0].id, quantity: 3 }] },
    });
    const elsewhere = await t.api('POST', `/v1/orders/${wrongOrder.id}/apply-quote/${quote.body.id}`, { body: {} });
    expect(elsewhere.status).toBe(404);
  });

  it('on a paid order refunds what the edit takes off, with a credit note, and bills what it adds on a supplementary invoice', async () => {
    const order = await create(); // paid at checkout: invoiced
    const [mug, tee] = order.lines;
    const smaller = await t.api('POST', `/v1/orders/${order.id}/quote-change`, { body: { change: [{ lineId: mug.id, quantity: 1 }] } });
    // One mug less: 1250 + 20% = 1500 back.
    expect(smaller.body).toMatchObject({ differenceMinor: -1500, toRefundMinor: 1500, toPayMinor: 0 });
    const applied = await t.api('POST', `/v1/orders/${order.id}/apply-quote/${smaller.body.id}`, { body: { reason: 'one mug is enough' } });
    expect(applied.status, JSON.stringify(applied.body)).toBe(200);
    expect(applied.body.refund).toMatchObject({ amountMinor: 1500, kind: 'cancellation' });
    expect(applied.body.totals).toMatchObject({ totalMinor: order.totals.totalMinor - 1500, refundedMinor: 1500, balanceDueMinor: 0 });

    const bigger = await t.api('POST', `/v1/orders/${order.id}/quote-change`, { body: { change: [{ lineId: tee.id, quantity: 3 }] } });
    // Two more tees: 2 x 2000 + 20% = 4800 to pay.
    expect(bigger.body).toMatchObject({ differenceMinor: 4800, toRefundMinor: 0, toPayMinor: 4800 });
    const more = await t.api('POST', `/v1/orders/${order.id}/apply-quote/${bigger.body.id}`, { body: {} });
    expect(more.status).toBe(200);
    expect(more.body.refund).toBeNull();
    expect(more.body.totals.balanceDueMinor).toBe(4800);

    const docs = (await t.api('GET', `/v1/orders/${order.id}/invoices`)).body.data;
    expect(docs.map((d: any) => [d.kind, d.totalMinor, d.correctsId === null])).toEqual([
      ['invoice', order.totals.totalMinor, true],
      ['credit_note', 1500, false],
      ['invoice', 4800, false],
    ]);
    expect(docs[1].lines).toEqual([expect.objectContaining({ lineId: mug.id, quantity: 1, taxMinor: 250, totalMinor: 1500 })]);
    expect(docs[2]).toMatchObject({ quoteId: bigger.body.id, taxMinor: 800 });
  });

  it('is a write: packers may not quote', async () => {
    const order = await create(); // routed to LON-1, where the packer works
    const packer = (await t.api('POST', '/v1/api-keys', { body: { name: 'packer', role: 'packer', warehouseId: lon.warehouseId } })).body
      .key;
    const body = { change: [{ lineId: order.lines[0].id, quantity: 3 }] };
    const res = await t.api('POST', `/v1/orders/${order.id}/quote-change`, { body, token: packer });
    expect(res.status).toBe(403);
    const quote = await t.api('POST', `/v1/orders/${order.id}/quote-change`, { body });
    expect((await t.api('GET', `/v1/orders/${order.id}/quotes/${quote.body.id}`, { token: packer })).status).toBe(200);
    const apply = await t.api('POST', `/v1/orders/${order.id}/apply-quote/${quote.body.id}`, { body: {}, token: packer });
    expect(apply.status).toBe(403);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleOrder, setUpWarehouse, startTestServer, type TestServer } from '../testing/test-server';

/** List, search, summary, audit and metrics over a known set of orders (this file's own database). */
let t: TestServer;
let lon: Awaited<ReturnType<typeof setUpWarehouse>>;
let man: Awaited<ReturnType<typeof setUpWarehouse>>;
const orders: Record<string, any> = {};

async function create(name: string, overrides: Record<string, unknown>) {
  const res = await t.api('POST', '/v1/orders', { body: sampleOrder(overrides) });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  orders[name] = res.body;
  return res.body;
}

const one = (sku: string, unitPriceMinor: number) => [{ sku, name: sku, quantity: 1, unitPriceMinor }];

beforeAll(async () => {
  t = await startTestServer();
  lon = await setUpWarehouse(t, 'LON-1', { 'SKU-MUG': 100, 'SKU-TEE': 100 });
  man = await setUpWarehouse(t, 'MAN-1', { 'SKU-HAT': 100 });
  await create('grace', {
    customer: { name: 'Grace Hopper', email: 'grace@navy.example' },
    channel: 'web',
    lines: one('SKU-MUG', 1000),
    shippingMinor: 0,
  });
  await create('alan', {
    customer: { id: 'CUST-7', name: 'Alan Turing', email: 'alan@bletchley.example' },
    channel: 'b2b',
    lines: one('SKU-HAT', 5000),
    shippingMinor: 0,
  });
  await create('ada', {
    customer: { name: 'Ada Lovelace', email: 'ada@engine.example' },
    channel: 'web',
    lines: one('SKU-TEE', 2500),
    shippingMinor: 0,
    payment: { status: 'pending' },
  });
  await create('linus', {
    customer: { name: 'Linus T', email: 'linus@kernel.example' },
    channel: 'pos',
    lines: one('SKU-MUG', 7000),
    shippingMinor: 0,
    currency: 'EUR',
  });
  await create('cancelled', {
    customer: { name: 'Zed Cancel', email: 'zed@example.com' },
    channel: 'web',
    lines: one('SKU-TEE', 3000),
    shippingMinor: 0,
  });
  await t.api('POST', `/v1/orders/${orders.cancelled.id}/cancel`, { body: { reason: 'test', refund: true } });
  await t.api('POST', `/v1/orders/${orders.alan.id}/hold`, { body: { reasons: ['high_risk_of_fraud'] } });
});
afterAll(() => t.close());

const numbers = (body: { data: { number: string }[] }) => body.data.map((o) => o.number);
const ids = (body: { data: { id: string }[] }) => new Set(body.data.map((o) => o.id));

describe('list', () => {
  it('filters by status, payment status, channel, customer, warehouse and totals', async () => {
    const pending = await t.api('GET', '/v1/orders?status=pending');
    expect(numbers(pending.body)).toEqual([orders.ada.number]);
    const several = await t.api('GET', '/v1/orders?status=confirmed,cancelled');
    expect(ids(several.body)).toEqual(new Set([orders.grace.id, orders.linus.id, orders.cancelled.id]));
    const unpaid = await t.api('GET', '/v1/orders?payment_status=pending');
    expect(numbers(unpaid.body)).toEqual([orders.ada.number]);
    const b2b = await t.api('GET', '/v1/orders?channel=b2b');
    expect(numbers(b2b.body)).toEqual([orders.alan.number]);
    const byCustomer = await t.api('GET', '/v1/orders?customer_id=CUST-7');
    expect(numbers(byCustomer.body)).toEqual([orders.alan.number]);
    const byName = await t.api('GET', '/v1/orders?customer=hopper');
    expect(numbers(byName.body)).toEqual([orders.grace.number]);
    const manchester = await t.api('GET', `/v1/orders?warehouse=${man.warehouseId}`);
    expect(numbers(manchester.body)).toEqual([orders.alan.number]);
    const range = await t.api('GET', '/v1/orders?min_total=2000&max_total=5000');
    expect(ids(range.body)).toEqual(new Set([orders.alan.id, orders.ada.id, orders.cancelled.id]));
    const euros = await t.api('GET', '/v1/orders?currency=EUR');
    expect(numbers(euros.body)).toEqual([orders.linus.number]);
    expect(lon.warehouseId).toBeTruthy();
  });

  it('filters by date range and derived fulfillment status', async () => {
    const future = await t.api('GET', '/v1/orders?from=2999-01-01T00:00:00Z');
    expect(future.body.data).toEqual([]);
    const all = await t.api(
      'GET',
      `/v1/orders?from=2000-01-01T00:00:00Z&to=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`,
    );
    expect(all.body.data).toHaveLength(5);
    const unfulfilled = await t.api('GET', '/v1/orders?fulfillment_status=unfulfilled');
    expect(unfulfilled.body.data).toHaveLength(5);
    expect(unfulfilled.body.data.every((o: { fulfillmentStatus: string }) => o.fulfillmentStatus === 'unfulfilled')).toBe(true);
    const fulfilled = await t.api('GET', '/v1/orders?fulfillment_status=fulfilled');
    expect(fulfilled.body.data).toEqual([]);
  });

  it('filters and presents in another vocabulary', async () => {
    const processing = await t.api('GET', '/v1/orders?status_vocabulary=order-management&status=PROCESSING');
    // confirmed orders and the one held from confirmed all show as PROCESSING in order-management.
    expect(ids(processing.body)).toEqual(new Set([orders.grace.id, orders.linus.id, orders.alan.id]));
    expect(processing.body.data.every((o: { status: string }) => o.status === 'PROCESSING')).toBe(true);
    const held = await t.api('GET', '/v1/orders?status_vocabulary=oms-rest&status=on_hold');
    expect(numbers(held.body)).toEqual([orders.alan.number]);
    const unpaid = await t.api('GET', '/v1/orders?status_vocabulary=fulfillment-routing&status=pending');
    expect(numbers(unpaid.body)).toEqual([orders.ada.number]);
    const unknown = await t.api('GET', '/v1/orders?status=awaiting_fulfillment');
    expect(unknown.status).toBe(400);
    expect(unknown.body.detail).toContain('not a dockside status');
  });

  it('sorts and pages by cursor without gaps or repeats, and by page number with totals', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: {
        body: { data: { id: string; totals: { totalMinor: number } }[]; pagination: { nextCursor: string | null; hasMore: boolean } };
      } = await t.api('GET', `/v1/orders?sort=total&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...res.body.data.map((o) => o.id));
      cursor = res.body.pagination.nextCursor;
    } while (cursor);
    const byTotal = Object.values(orders)
      .sort((a, b) => a.totals.totalMinor - b.totals.totalMinor)
      .map((o) => o.id);
    expect(seen).toEqual(byTotal);
    const page2 = await t.api('GET', '/v1/orders?sort=-total&limit=2&page=2');
    expect(page2.body.pagination).toMatchObject({ page: 2, totalItems: 5, totalPages: 3, hasMore: true });
    expect(page2.body.data.map((o: { id: string }) => o.id)).toEqual([...byTotal].reverse().slice(2, 4));
    const newest = await t.api('GET', '/v1/orders?limit=1');
    expect(newest.body.data[0].id).toBe(orders.cancelled.id);
    const badCursor = await t.api('GET', '/v1/orders?cursor=garbage');
    expect(badCursor.body.code).toBe('invalid_cursor');
    const mismatched = await t.api(
      'GET',
      `/v1/orders?sort=number&cursor=${(await t.api('GET', '/v1/orders?limit=1')).body.pagination.nextCursor}`,
    );
    expect(mismatched.body.code).toBe('invalid_cursor');
  });

  it('leaves lines out of list rows unless expanded', async () => {
    const plain = await t.api('GET', '/v1/orders?limit=1');
    expect(plain.body.data[0].lines).toBeUndefined();
    expect(plain.body.data[0].lineCount).toBe(1);
    const expanded = await t.api('GET', '/v1/orders?limit=1&expand=lines,payments');
    expect(expanded.body.data[0].lines).toHaveLength(1);
    expect(expanded.body.data[0].refunds).toHaveLength(1);
  });
});

describe('search', () => {
  it('finds by exact and partial order number, name or email, and total range', async () => {
    const exact = await t.api('POST', '/v1/orders/search', { body: { number: orders.alan.number.toLowerCase() } });
    expect(numbers(exact.body)).toEqual([orders.alan.number]);
    const tail = orders.grace.number.slice(-5);
    const partial = await t.api('POST', '/v1/orders/search', { body: { numberContains: tail } });
    expect(numbers(partial.body)).toContain(orders.grace.number);
    const q = await t.api('POST', '/v1/orders/search', { body: { q: 'LOVELACE' } });
    expect(numbers(q.body)).toEqual([orders.ada.number]);
    const email = await t.api('POST', '/v1/orders/search', { body: { q: 'kernel.example' } });
    expect(numbers(email.body)).toEqual([orders.linus.number]);
    const wildcard = await t.api('POST', '/v1/orders/search', { body: { q: '%' } });
    expect(wildcard.body.data).toEqual([]);
    const ranged = await t.api('POST', '/v1/orders/search', { body: { minTotal: 6000, maxTotal: 7000 } });
    expect(numbers(ranged.body)).toEqual([orders.linus.number]);
    const viaGet = await t.api('GET', '/v1/orders?q=turing');
    expect(numbers(viaGet.body)).toEqual([orders.alan.number]);
    // A field it does not know is refused by name, not ignored (which answered every order).
    const misnamed = await t.api('POST', '/v1/orders/search', { body: { query: 'turing' } });
    expect(misnamed.status).toBe(400);
    expect(JSON.stringify(misnamed.body)).toContain('query');
  });

  it('aggregates counts per status in the asked vocabulary', async () => {
    const res = await t.api('POST', '/v1/orders/search', {
      body: { aggregations: ['status', 'channel', 'currency'], statusVocabulary: 'order-management' },
    });
    expect(res.body.aggregations.status).toEqual({ PROCESSING: 3, PENDING: 1, CANCELLED: 1 });
    expect(res.body.aggregations.channel).toEqual({ web: 3, b2b: 1, pos: 1 });
    expect(res.body.aggregations.currency).toEqual({ GBP: 4, EUR: 1 });
  });
});

describe('summary', () => {
  it('counts per status and gives revenue and average order value per currency', async () => {
    const res = await t.api('GET', '/v1/orders/summary');
    expect(res.status).toBe(200);
    expect(res.body.ordersCount).toBe(5);
    expect(res.body.countsByStatus).toMatchObject({ confirmed: 2, on_hold: 1, pending: 1, cancelled: 1, shipped: 0 });
    expect(res.body.cancellationRate).toBeCloseTo(0.2);
    const gbp = res.body.revenue.find((r: { currency: string }) => r.currency === 'GBP');
    // Not cancelled: grace 1000, alan 5000, ada 2500 -> 8500 over 3 orders.
    expect(gbp).toMatchObject({ orders: 4, grossMinor: 8500, revenueMinor: 8500, averageOrderValueMinor: 2833 });
    expect(res.body.revenue.find((r: { currency: string }) => r.currency === 'EUR')).toMatchObject({
      revenueMinor: 7000,
      averageOrderValueMinor: 7000,
    });
    expect(res.body.orderStats).toMatchObject({
      currency: 'GBP',
      totalOrders: 5,
      pendingOrders: 1,
      processingOrders: 3,
      cancelledOrders: 1,
      totalRevenue: 8500,
      averageOrderValue: 2833,
    });
    const web = await t.api('GET', '/v1/orders/summary?channel=web&status_vocabulary=fulfillment-routing');
    expect(web.body.ordersCount).toBe(3);
    expect(web.body.countsByStatus).toMatchObject({ pending: 1, awaiting_fulfillment: 1, cancelled: 1 });
  });
});

describe('audit', () => {
  it('queries the timeline across orders by type, actor and order, newest first, with a cursor', async () => {
    const cancels = await t.api('GET', '/v1/orders/audit?type=order-status-changed&limit=100');
    expect(cancels.status).toBe(200);
    const positions = cancels.body.data.map((e: { position: number }) => e.position);
    expect(positions).toEqual([...positions].sort((a, b) => b - a));
    expect(
      cancels.body.data.some(
        (e: { orderId: string; payload: { to: string } }) => e.orderId === orders.cancelled.id && e.payload.to === 'cancelled',
      ),
    ).toBe(true);
    const first = await t.api('GET', '/v1/orders/audit?limit=3');
    const second = await t.api('GET', `/v1/orders/audit?limit=3&cursor=${first.body.nextCursor}`);
    expect(second.body.data[0].position).toBeLessThan(first.body.data[2].position);
    const byOrder = await t.api('GET', `/v1/orders/audit?order_id=${orders.alan.id}&type=order-hold-placed`);
    expect(byOrder.body.data).toHaveLength(1);
    const stations = await t.api('GET', '/v1/orders/audit?actor_kind=station');
    expect(stations.body.data).toEqual([]);
    const admin = await t.api('GET', `/v1/orders/audit?actor_id=${cancels.body.data[0].actor.id}&limit=500`);
    expect(admin.body.data.length).toBeGreaterThan(5);
  });
});

describe('metrics', () => {
  it('exposes the order metrics in the Prometheus text format', async () => {
    const delivered = await create('delivered', { lines: one('SKU-MUG', 4000), shippingMinor: 0 });
    await t.server.db.query(
      `update orders set status = 'delivered', doc = jsonb_set(jsonb_set(doc, '{status}', '"delivered"'), '{milestones}', $2::jsonb) where id = $1`,
      [
        delivered.id,
        JSON.stringify({
          pending: '2030-01-01T00:00:00.000Z',
          confirmed: '2030-01-01T00:00:00.000Z',
          shipped: '2030-01-01T02:00:00.000Z',
          delivered: '2030-01-03T02:00:00.000Z',
        }),
      ],
    );
    const res = await fetch(`${t.url}/metrics`, { headers: { authorization: 'Bearer dks_test_admin_token_0123456789abcdef' } });
    expect(res.headers.get('content-type')).toContain('text/plain');
    const text = await res.text();
    expect(text).toContain('dockside_order_status_distribution{status="cancelled"} 1');
    expect(text).toContain('dockside_order_status_distribution{status="delivered"} 1');
    expect(text).toContain('# TYPE dockside_order_processing_duration_seconds histogram');
    // Confirmed -> shipped took 2 h: in the 7200 s bucket, not the 3600 s one.
    expect(text).toContain('dockside_order_processing_duration_seconds_bucket{le="3600"} 0');
    expect(text).toContain('dockside_order_processing_duration_seconds_bucket{le="7200"} 1');
    expect(text).toContain('dockside_order_processing_duration_seconds_sum 7200');
    expect(text).toContain('dockside_order_shipping_duration_seconds_bucket{le="172800"} 1');
    expect(text).toContain('dockside_order_shipping_duration_seconds_bucket{le="86400"} 0');
    expect(text).toMatch(/dockside_order_cancellation_rate 0\.1666/);
    expect(text).toContain('dockside_order_average_value_minor{currency="EUR"} 7000');
    for (const line of text.trim().split('\n')) expect(line).toMatch(/^(# (HELP|TYPE) \w+ .+|\w+(\{[^}]*\})? -?[\d.e+-]+)$/);
    const anon = await fetch(`${t.url}/metrics`);
    expect(anon.status).toBe(401);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleOrder, setUpWarehouse, startTestServer, TEST_ADMIN_TOKEN, type TestServer } from '../testing/test-server';
import { eventually } from '../testing/test-support';
import { parseCsv } from './csv';

process.env.DOCKSIDE_JOB_POLL_MS = '50';

interface Order {
  id: string;
  number: string;
  status: string;
  totals: { totalMinor: number };
}

let t: TestServer;
let man: Awaited<ReturnType<typeof setUpWarehouse>>;
/** confirmed (paid) x3, pending (unpaid), cancelled, and one routed to Manchester. */
const o: Record<'c1' | 'c2' | 'c3' | 'unpaid' | 'cancelled' | 'manchester', Order> = {} as never;

beforeAll(async () => {
  t = await startTestServer();
  await setUpWarehouse(t, 'LON-1', { 'SKU-MUG': 1000, 'SKU-TEE': 1000 });
  man = await setUpWarehouse(t, 'MAN-1', { 'SKU-CAP': 1000 });
  const make = async (body: Record<string, unknown>) => {
    const res = await t.api('POST', '/v1/orders', { body });
    expect(res.status).toBe(201);
    return res.body as Order;
  };
  o.c1 = await make(sampleOrder());
  o.c2 = await make(sampleOrder());
  o.c3 = await make(sampleOrder());
  o.unpaid = await make(sampleOrder({ payment: { status: 'pending' } }));
  o.cancelled = await make(sampleOrder());
  o.manchester = await make(sampleOrder({ lines: [{ sku: 'SKU-CAP', name: 'Cap', quantity: 1, unitPriceMinor: 900 }] }));
  expect((await t.api('POST', `/v1/orders/${o.cancelled.id}/cancel`, { body: { reason: 'customer asked' } })).status).toBe(200);
});
afterAll(() => t.close());

function finished(id: string, token?: string) {
  return eventually(`job ${id} to finish`, async () => {
    const res = await t.api('GET', `/v1/jobs/${id}`, token ? { token } : {});
    expect(res.status).toBe(200);
    return (res.body.status === 'succeeded' || res.body.status === 'failed') && res.body;
  });
}

async function download(url: string, token = TEST_ADMIN_TOKEN) {
  const res = await fetch(t.url + url, { headers: { authorization: `Bearer ${token}` } });
  expect(res.status).toBe(200);
  return { text: await res.text(), type: res.headers.get('content-type'), disposition: res.headers.get('content-disposition') };
}

const statusOf = async (id: string) => (await t.api('GET', `/v1/orders/${id}`)).body.status as string;

function postFeed(csv: string, query = '') {
  return fetch(`${t.url}/v1/jobs/reconciliations${query}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}`, 'content-type': 'text/csv' },
    body: csv,
  });
}

describe('bulk status update', () => {
  it('moves each order through the status command, reports each one, and goes on past the ones refused', async () => {
    const hold = await t.api('POST', '/v1/jobs/bulk-status', {
      body: { orders: [o.c1.id, o.c2.number], status: 'on_hold', holdReasons: ['high_risk_of_fraud'], reason: 'fraud review' },
    });
    expect(hold.status).toBe(202);
    expect(hold.headers.get('location')).toBe(`/v1/jobs/${hold.body.id}`);
    expect(hold.body).toMatchObject({
      kind: 'bulk-status',
      status: 'queued',
      downloadUrl: null,
      params: { request: { status: 'on_hold' } },
    });
    expect(hold.body.params).not.toHaveProperty('principal');
    const held = await finished(hold.body.id);
    expect(held).toMatchObject({
      status: 'succeeded',
      result: { updated: 2, unchanged: 0, failed: 0 },
      progress: { processed: 2, total: 2 },
    });
    expect([await statusOf(o.c1.id), await statusOf(o.c2.id)]).toEqual(['on_hold', 'on_hold']);
    // Each change is on the order's timeline like any other, with the job as part of who did it.
    const timeline = await t.api('GET', `/v1/orders/${o.c2.id}/timeline`);
    expect(JSON.stringify(timeline.body)).toContain(`bulk status ${hold.body.id.slice(0, 8)}`);

    const missing = 'ORD-20990101-99999';
    const res = await t.api('POST', '/v1/jobs/bulk-status', {
      body: { orders: [o.c1.id, o.unpaid.number, o.cancelled.id, missing, o.c3.id], status: 'confirmed' },
    });
    const job = await finished(res.body.id);
    expect(job.status).toBe('succeeded');
    expect(job.result).toMatchObject({ processed: 5, total: 5, updated: 1, unchanged: 1, failed: 3 });
    // The held order returns to confirmed (its holds released); the rest stay as they were.
    expect(await statusOf(o.c1.id)).toBe('confirmed');
    expect(await statusOf(o.unpaid.id)).toBe('pending');
    expect(await statusOf(o.cancelled.id)).toBe('cancelled');

    const report = JSON.parse((await download(`${job.downloadUrl}?format=json`)).text);
    expect(report).toMatchObject({ jobId: job.id, kind: 'bulk-status', result: { failed: 3 } });
    const rows = report.rows as Record<string, string | null>[];
    expect(rows.map((r) => [r.order, r.outcome])).toEqual([
      [o.c1.id, 'updated'],
      [o.unpaid.number, 'failed'],
      [o.cancelled.id, 'failed'],
      [missing, 'failed'],
      [o.c3.id, 'unchanged'],
    ]);
    expect(rows[0]).toMatchObject({ orderNumber: o.c1.number, statusBefore: 'on_hold', statusAfter: 'confirmed', code: null });
    // The refusals are the single-order route's, with their codes.
    for (const [i, id] of [
      [1, o.unpaid.id],
      [2, o.cancelled.id],
    ] as const) {
      const single = await t.api('POST', `/v1/orders/${id}/status`, { body: { status: 'confirmed' } });
      expect(single.status).toBeGreaterThanOrEqual(400);
      expect(rows[i]).toMatchObject({ orderId: id, code: single.body.code, statusAfter: rows[i]!.statusBefore });
    }
    expect(rows[3]).toMatchObject({ orderId: null, code: 'not_found' });
    expect(job.result.failures.map((f: { order: string }) => f.order)).toEqual([o.unpaid.number, o.cancelled.id, missing]);

    const csv = await download(job.downloadUrl);
    expect(csv.type).toContain('text/csv');
    expect(csv.disposition).toMatch(/attachment; filename="bulk-status-.*\.csv"/);
    const table = parseCsv(csv.text);
    expect(table[0]).toEqual(['order', 'order_id', 'order_number', 'outcome', 'status_before', 'status_after', 'code', 'message']);
    expect(table.slice(1).map((r) => r[3])).toEqual(['updated', 'failed', 'failed', 'failed', 'unchanged']);
  });

  it("keeps a warehouse-bound supervisor's job to its warehouse, and refuses what no order can be moved to before queuing", async () => {
    const sup = await t.api('POST', '/v1/api-keys', { body: { name: 'man sup', role: 'supervisor', warehouseId: man.warehouseId } });
    const res = await t.api('POST', '/v1/jobs/bulk-status', {
      token: sup.body.key,
      body: { orders: [o.c3.id, o.manchester.number], status: 'on_hold' },
    });
    expect(res.status).toBe(202);
    const job = await finished(res.body.id, sup.body.key);
    expect(job.result).toMatchObject({ updated: 1, failed: 1 });
    // Another warehouse's order is not found, and not described.
    expect(job.result.failures).toEqual([
      expect.objectContaining({ order: o.c3.id, code: 'not_found', orderNumber: null, statusBefore: null }),
    ]);
    expect(await statusOf(o.c3.id)).toBe('confirmed');
    expect(await statusOf(o.manchester.id)).toBe('on_hold');
    expect((await t.api('GET', `/v1/jobs/${job.id}`)).status).toBe(200);

    const packer = await t.api('POST', '/v1/api-keys', { body: { name: 'p', role: 'packer' } });
    const refused = await t.api('POST', '/v1/jobs/bulk-status', { token: packer.body.key, body: { orders: [o.c3.id], status: 'on_hold' } });
    expect(refused.status).toBe(403);
    const unknown = await t.api('POST', '/v1/jobs/bulk-status', { body: { orders: [o.c3.id], status: 'teleported' } });
    expect(unknown).toMatchObject({ status: 422, body: { code: 'unknown_status' } });
    const payment = await t.api('POST', '/v1/jobs/bulk-status', {
      body: { orders: [o.c3.id], status: 'PAID', vocabulary: 'order-management' },
    });
    expect(payment.status).toBe(422);
    expect((await t.api('POST', '/v1/jobs/bulk-status', { body: { orders: [], status: 'on_hold' } })).status).toBe(400);
    expect((await t.api('POST', '/v1/jobs/bulk-status', { body: { orders: [o.c3.id, o.c3.id], status: 'on_hold' } })).status).toBe(400);
  });
});

describe('reconciliation against an external feed', () => {
  it('reports orders missing on either side and differing statuses and amounts, as CSV and JSON', async () => {
    const before = (await t.api('GET', '/v1/orders?limit=100')).body.data as Order[];
    const total = (x: Order) => before.find((b) => b.id === x.id)!.totals.totalMinor;
    const stamp = before.map((b) => b.number);
    const csv = [
      'order_number,status,total_minor,note',
      `${o.c3.number},confirmed,${total(o.c3)},matches`,
      `${o.c1.number},shipped,${total(o.c1)},status differs`,
      `${o.unpaid.number},pending,${total(o.unpaid) + 1},"amount, off by one"`,
      'ORD-20990101-00001,pending,100,not ours',
      `${o.cancelled.number},CANCELLED,${total(o.cancelled)},case does not matter`,
    ].join('\r\n');
    const res = await postFeed(csv);
    expect(res.status).toBe(202);
    const created = (await res.json()) as { id: string; kind: string; params: Record<string, unknown> };
    expect(created).toMatchObject({ kind: 'reconcile', params: { rows: 5, vocabulary: 'dockside' } });
    const job = await finished(created.id);
    const missingThere = stamp.filter((n) => ![o.c3, o.c1, o.unpaid, o.cancelled].some((x) => x.number === n));
    expect(job).toMatchObject({
      status: 'succeeded',
      result: { feedRows: 5, matched: 2, missing_here: 1, status_differs: 1, amount_differs: 1, missing_there: missingThere.length },
    });
    expect(missingThere.length).toBeGreaterThanOrEqual(2); // c2 and the Manchester order at least

    const report = JSON.parse((await download(`${job.downloadUrl}?format=json`)).text);
    const byKind = (kind: string) => report.rows.filter((r: { kind: string }) => r.kind === kind);
    expect(byKind('status_differs')).toEqual([
      expect.objectContaining({ orderNumber: o.c1.number, orderId: o.c1.id, feedRow: 3, ourStatus: 'confirmed', feedStatus: 'shipped' }),
    ]);
    expect(byKind('amount_differs')).toEqual([
      expect.objectContaining({
        orderNumber: o.unpaid.number,
        feedRow: 4,
        ourTotalMinor: total(o.unpaid),
        feedTotalMinor: total(o.unpaid) + 1,
      }),
    ]);
    expect(byKind('missing_here')).toEqual([expect.objectContaining({ orderNumber: 'ORD-20990101-00001', orderId: null, feedRow: 5 })]);
    expect(
      byKind('missing_there')
        .map((r: { orderNumber: string }) => r.orderNumber)
        .sort(),
    ).toEqual(missingThere.sort());

    const file = await download(job.downloadUrl);
    expect(file.type).toContain('text/csv');
    expect(file.disposition).toMatch(/filename="reconciliation-.*\.csv"/);
    const table = parseCsv(file.text);
    expect(table[0]).toEqual([
      'kind',
      'order_number',
      'order_id',
      'feed_row',
      'our_status',
      'feed_status',
      'our_total_minor',
      'feed_total_minor',
      'currency',
    ]);
    expect(table).toHaveLength(1 + report.rows.length);
    expect(table.find((r) => r[0] === 'amount_differs')).toEqual([
      'amount_differs',
      o.unpaid.number,
      o.unpaid.id,
      '4',
      'pending',
      'pending',
      String(total(o.unpaid)),
      String(total(o.unpaid) + 1),
      'GBP',
    ]);
  });

  it("compares in the feed's vocabulary, over the period it covers, and only a warehouse's own orders for a bound caller", async () => {
    const sup = await t.api('POST', '/v1/api-keys', { body: { name: 'man sup 2', role: 'supervisor', warehouseId: man.warehouseId } });
    const res = await t.api('POST', '/v1/jobs/reconciliations', {
      token: sup.body.key,
      body: {
        vocabulary: 'order-management',
        createdFrom: '2000-01-01T00:00:00Z',
        data: `order_number,status,total_minor\n${o.manchester.number},PENDING,900\n${o.c1.number},PROCESSING,1\n`,
      },
    });
    expect(res.status).toBe(202);
    const job = await finished(res.body.id, sup.body.key);
    // Manchester's order is on hold (the bulk test held it): order-management shows it as the status beneath.
    const rows = JSON.parse((await download(`${job.downloadUrl}?format=json`, sup.body.key)).text).rows;
    expect(job.result).toMatchObject({ missing_here: 1, missing_there: 0 });
    expect(rows.find((r: { kind: string }) => r.kind === 'missing_here').orderNumber).toBe(o.c1.number);
    expect(job.result.ourOrdersChecked).toBe(1);

    const none = await postFeed(`order_number,status,total_minor\n${o.c1.number},confirmed,1\n`, '?createdTo=2000-01-01T00:00:00Z');
    const empty = await finished(((await none.json()) as { id: string }).id);
    expect(empty.result).toMatchObject({ missing_there: 0, ourOrdersChecked: 0, amount_differs: 1 });
  });

  it('refuses a feed it cannot read with 400 problem+json naming the row and column, and queues nothing', async () => {
    const jobsBefore = (await t.api('GET', '/v1/jobs?kind=reconcile&limit=200')).body.data.length;
    const cases: [string, number, string | null, RegExp][] = [
      ['order_number,status,total_minor\r\nORD-1,confirmed,12.50\r\n', 2, 'total_minor', /12\.50.*minor units/],
      [
        'order_number,status,total_minor\r\nORD-1,confirmed,100\r\nORD-2,teleported,5\r\n',
        3,
        'status',
        /teleported.*not a dockside status/,
      ],
      ['order_number,status\r\nORD-1,confirmed\r\n', 1, 'total_minor', /no column total_minor/],
      ['order_number,status,total_minor\r\nORD-1,confirmed,1\r\nORD-1,pending,2\r\n', 3, 'order_number', /also on row 2/],
      ['order_number,status,total_minor\r\nORD-1,confirmed\r\n', 2, 'total_minor', /2 cells; the header has 3/],
      ['order_number,status,total_minor\r\nORD-1,"confirmed,1\r\n', 2, 'column 2', /quoted cell is not closed/],
      ['order_number,status,total_minor\r\n,confirmed,1\r\n', 2, 'order_number', /1 to 64/],
      ['order_number,status,total_minor\r\nORD-1,confirmed,-3\r\n', 2, 'total_minor', /non-negative/],
    ];
    for (const [csv, row, column, message] of cases) {
      const res = await postFeed(csv);
      const body = (await res.json()) as { code: string; row: number; column: string | null; detail: string; errors: unknown[] };
      expect(res.status, csv).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(body, csv).toMatchObject({ code: 'invalid_feed', row, column });
      expect(body.detail, csv).toMatch(message);
      expect(body.detail).toContain(`row ${row}, column ${column}`);
    }
    // Every bad row is listed (up to 20), not only the first.
    const many = await postFeed('order_number,status,total_minor\nA,confirmed,x\nB,nope,1\nC,pending,2\n');
    expect(((await many.json()) as { errors: unknown[] }).errors).toEqual([
      expect.objectContaining({ row: 2, column: 'total_minor' }),
      expect.objectContaining({ row: 3, column: 'status' }),
    ]);
    expect((await postFeed('')).status).toBe(400);
    expect((await t.api('POST', '/v1/jobs/reconciliations', { body: { data: 'x', vocabulary: 'klingon' } })).status).toBe(400);
    expect((await t.api('GET', '/v1/jobs?kind=reconcile&limit=200')).body.data.length).toBe(jobsBefore);
  });
});

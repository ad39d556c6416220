import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleAddress, sampleOrder, setUpWarehouse, startTestServer, type TestServer } from '../testing/test-server';
import { eventually } from '../testing/test-support';
import { csvRow, parseCsv, unguard } from './csv';

process.env.DOCKSIDE_JOB_POLL_MS = '50';

let t: TestServer;
let lon: Awaited<ReturnType<typeof setUpWarehouse>>;
let man: Awaited<ReturnType<typeof setUpWarehouse>>;
const created: { id: string; number: string; status: string }[] = [];

beforeAll(async () => {
  t = await startTestServer();
  lon = await setUpWarehouse(t, 'LON-1', { 'SKU-MUG': 1000, 'SKU-TEE': 1000 });
  man = await setUpWarehouse(t, 'MAN-1', { 'SKU-CAP': 1000 });
  const tricky = sampleOrder({
    customer: { name: 'O"Brien, Ltd', email: 'ob@example.com' },
    shippingAddress: { ...sampleAddress, name: '=HYPERLINK("x")', line2: 'Flat 2\nBack door' },
  });
  for (const body of [
    sampleOrder(),
    tricky,
    sampleOrder({ payment: { status: 'pending' } }),
    sampleOrder({ lines: [{ sku: 'SKU-CAP', name: 'Cap', quantity: 1, unitPriceMinor: 900 }] }),
  ]) {
    const res = await t.api('POST', '/v1/orders', { body });
    expect(res.status).toBe(201);
    created.push(res.body);
  }
});
afterAll(() => t.close());

function finished(id: string, token?: string) {
  return eventually(`job ${id} to finish`, async () => {
    const res = await t.api('GET', `/v1/jobs/${id}`, token ? { token } : {});
    expect(res.status).toBe(200);
    return (res.body.status === 'succeeded' || res.body.status === 'failed') && res.body;
  });
}

async function download(job: { downloadUrl: string }, token?: string) {
  const res = await fetch(t.url + job.downloadUrl, {
    headers: { authorization: `Bearer ${token ?? 'dks_test_admin_token_0123456789abcdef'}` },
  });
  expect(res.status).toBe(200);
  return { text: await res.text(), type: res.headers.get('content-type'), disposition: res.headers.get('content-disposition') };
}

describe('export jobs', () => {
  it('exports every order as NDJSON documents', async () => {
    const res = await t.api('POST', '/v1/jobs/exports', { body: { format: 'ndjson' } });
    expect(res.status).toBe(202);
    expect(res.headers.get('location')).toBe(`/v1/jobs/${res.body.id}`);
    expect(res.body).toMatchObject({ kind: 'export', format: 'ndjson', downloadUrl: null });
    const job = await finished(res.body.id);
    expect(job).toMatchObject({ status: 'succeeded', progress: { processed: 4, total: 4 }, result: { orders: 4 } });
    const file = await download(job);
    expect(file.type).toContain('application/x-ndjson');
    expect(file.disposition).toMatch(/attachment; filename="orders-.*\.ndjson"/);
    const docs = file.text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(docs.map((d) => d.number).sort()).toEqual(created.map((c) => c.number).sort());
    expect(docs[0].lines[0]).toHaveProperty('unitPriceMinor');
  });

  it('exports filtered CSV, quoted and safe to open in a spreadsheet', async () => {
    const res = await t.api('POST', '/v1/jobs/exports', { body: { format: 'csv', filters: { status: ['confirmed'] } } });
    const job = await finished(res.body.id);
    const file = await download(job);
    expect(file.type).toContain('text/csv');
    const rows = parseCsv(file.text);
    const header = rows[0]!;
    const col = (name: string) => header.indexOf(name);
    // 3 confirmed orders: two with 2 lines, one with 1 line.
    expect(rows).toHaveLength(1 + 5);
    expect(new Set(rows.slice(1).map((r) => r[col('status')]))).toEqual(new Set(['confirmed']));
    const tricky = rows.find((r) => r[col('customer_name')] === 'O"Brien, Ltd')!;
    expect(tricky[col('ship_name')]).toBe(`'=HYPERLINK("x")`);
    expect(tricky[col('ship_line2')]).toBe('Flat 2\nBack door');
    expect(file.text).toContain('"O""Brien, Ltd"');
  });

  it('keeps a warehouse-bound principal to its warehouse and refuses packers', async () => {
    const sup = await t.api('POST', '/v1/api-keys', { body: { name: 'man sup', role: 'supervisor', warehouseId: man.warehouseId } });
    const res = await t.api('POST', '/v1/jobs/exports', { token: sup.body.key, body: { format: 'ndjson' } });
    const job = await finished(res.body.id, sup.body.key);
    const docs = (await download(job, sup.body.key)).text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(docs.map((d) => d.id)).toEqual([created[3]!.id]);
    const other = await t.api('POST', '/v1/jobs/exports', {
      token: sup.body.key,
      body: { format: 'csv', filters: { warehouseId: lon.warehouseId } },
    });
    expect(other.status).toBe(403);
    const adminJob = await t.api('POST', '/v1/jobs/exports', { body: { format: 'csv' } });
    expect((await t.api('GET', `/v1/jobs/${adminJob.body.id}`, { token: sup.body.key })).status).toBe(404);
    const packer = await t.api('POST', '/v1/api-keys', { body: { name: 'p', role: 'packer' } });
    expect((await t.api('POST', '/v1/jobs/exports', { token: packer.body.key, body: { format: 'csv' } })).status).toBe(403);
    expect((await t.api('POST', '/v1/jobs/exports', { body: { format: 'xlsx' } })).status).toBe(400);
  });
});

describe('import jobs', () => {
  it('imports an export back as new orders through the order path, and a re-run skips them', async () => {
    const exp = await finished(
      (await t.api('POST', '/v1/jobs/exports', { body: { format: 'csv', filters: { status: ['confirmed'] } } })).body.id,
    );
    const csv = (await download(exp)).text;
    const res = await t.api('POST', '/v1/jobs/imports', { body: { format: 'csv', data: csv } });
    expect(res.status).toBe(202);
    const job = await finished(res.body.id);
    expect(job).toMatchObject({ status: 'succeeded', result: { created: 3, skipped: 0, failed: 0 } });
    const first = job.result.createdOrders[0];
    const order = await t.api('GET', `/v1/orders/${first.id}`);
    const source = created.find((c) => c.number === first.ref)!;
    const original = await t.api('GET', `/v1/orders/${source.id}`);
    expect(order.body.externalReference).toBe(original.body.number);
    expect(order.body.number).not.toBe(original.body.number);
    expect(order.body.totals).toEqual(original.body.totals);
    expect(order.body.customer.name).toBe(original.body.customer.name);
    expect(order.body.shippingAddress).toEqual(original.body.shippingAddress);
    expect(order.body.lines.map((l: { sku: string; quantity: number }) => [l.sku, l.quantity])).toEqual(
      original.body.lines.map((l: { sku: string; quantity: number }) => [l.sku, l.quantity]),
    );
    // Routed like any new order.
    expect(order.body.fulfillmentOrders.length).toBeGreaterThan(0);

    const again = await finished((await t.api('POST', '/v1/jobs/imports', { body: { format: 'csv', data: csv } })).body.id);
    expect(again.result).toMatchObject({ created: 0, skipped: 3, failed: 0 });
  });

  it('takes a raw NDJSON upload and reports each bad line without stopping', async () => {
    const good = { ...sampleOrder(), externalReference: 'SHOP-1001' };
    const text = [
      JSON.stringify(good),
      '{not json',
      JSON.stringify({ ...sampleOrder(), externalReference: 'SHOP-1002', lines: [] }),
      '',
      JSON.stringify({ ...sampleOrder(), externalReference: 'SHOP-1003', payment: { status: 'paid' } }),
    ].join('\n');
    const res = await fetch(`${t.url}/v1/jobs/imports?mode=create`, {
      method: 'POST',
      headers: { authorization: 'Bearer dks_test_admin_token_0123456789abcdef', 'content-type': 'application/x-ndjson' },
      body: text,
    });
    expect(res.status).toBe(202);
    const job = await finished(((await res.json()) as { id: string }).id);
    expect(job.params).toMatchObject({ mode: 'create' });
    expect(job.result).toMatchObject({ created: 2, failed: 2, skipped: 0 });
    expect(job.result.errors).toEqual([
      expect.objectContaining({ source: 'line 2', code: 'invalid_row', message: 'not valid JSON' }),
      expect.objectContaining({ source: 'line 3', ref: 'SHOP-1002', code: 'validation_failed' }),
    ]);
    const [row] = await t.server.db.query<{ n: unknown }>(
      `select count(*) as n from orders where doc->>'externalReference' in ('SHOP-1001', 'SHOP-1003')`,
    );
    expect(Number(row!.n)).toBe(2);
  });

  it('fails a CSV that lacks required columns, and has nothing to download', async () => {
    const res = await t.api('POST', '/v1/jobs/imports', { body: { format: 'csv', data: 'sku,qty\r\nA,1\r\n' } });
    const job = await finished(res.body.id);
    expect(job.status).toBe('failed');
    expect(job.error).toMatch(/lacks the columns currency, customer_name/);
    expect((await t.api('GET', `/v1/jobs/${job.id}/download`)).status).toBe(404);
    const list = await t.api('GET', '/v1/jobs?kind=import&status=failed');
    expect(list.body.data.map((j: { id: string }) => j.id)).toContain(job.id);
  });
});

describe('csv', () => {
  it('round-trips quotes, commas, newlines and formula guards', () => {
    const cells = ['plain', 'a,b', 'say "hi"', 'two\r\nlines', '=1+2', '-5', ' padded ', ''];
    const parsed = parseCsv(csvRow(cells) + csvRow(['x']));
    expect(parsed[0]!.map(unguard)).toEqual(cells);
    expect(parsed[1]).toEqual(['x']);
    expect(csvRow([-5, 3])).toBe('-5,3\r\n');
    expect(() => parseCsv('"open')).toThrow(/not closed/);
  });
});

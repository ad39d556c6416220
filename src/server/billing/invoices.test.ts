import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfText } from '../../documents/testing/pdf-text';
import { sampleOrder, setUpWarehouse, startTestServer, TEST_ADMIN_TOKEN, type TestServer } from '../testing/test-server';

let t: TestServer;
const year = new Date().getUTCFullYear();

beforeAll(async () => {
  t = await startTestServer();
  await setUpWarehouse(t, 'LON-1', { 'SKU-MUG': 100, 'SKU-TEE': 100 });
});
afterAll(() => t.close());

async function create(overrides: Record<string, unknown> = {}) {
  const res = await t.api('POST', '/v1/orders', { body: sampleOrder(overrides) });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

async function download(url: string) {
  const res = await fetch(t.url + url, { headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` } });
  return { status: res.status, type: res.headers.get('content-type'), bytes: new Uint8Array(await res.arrayBuffer()) };
}

/** pdftotext's layout text with runs of spaces and line breaks as one space: each table row reads as one run. */
const flat = (text: string) => text.replace(/\s+/g, ' ');

describe('invoices and credit notes', () => {
  it('invoices a paid order from its frozen prices, as JSON and as a PDF showing lines, tax and totals', async () => {
    const order = await create();
    const list = await t.api('GET', `/v1/orders/${order.id}/invoices`);
    expect(list.status).toBe(200);
    expect(list.body.data).toHaveLength(1);
    const invoice = list.body.data[0];
    // Mugs 2 x 1250 + 20% = 3000, tee 2000 + 20% = 2400, shipping 499.
    expect(invoice).toMatchObject({
      kind: 'invoice',
      number: `INV-${year}-000001`,
      orderNumber: order.number,
      currency: 'GBP',
      subtotalMinor: 4500,
      discountMinor: 0,
      taxMinor: 900,
      shippingMinor: 499,
      totalMinor: 5899,
      correctsId: null,
      billTo: expect.objectContaining({ name: 'Ada Lovelace', email: 'ada@example.com' }),
    });
    expect(invoice.totalMinor).toBe(order.totals.totalMinor);
    expect(invoice.lines.map((l: any) => [l.kind, l.sku, l.quantity, l.taxMinor, l.totalMinor])).toEqual([
      ['item', 'SKU-MUG', 2, 500, 3000],
      ['item', 'SKU-TEE', 1, 400, 2400],
      ['shipping', null, 1, 0, 499],
    ]);
    expect((await t.api('GET', invoice.pdfUrl.replace(/\/pdf$/, ''))).body).toEqual(invoice);
    const expanded = await t.api('GET', `/v1/orders/${order.id}?expand=invoices`);
    expect(expanded.body.invoices.map((d: any) => d.number)).toEqual([invoice.number]);

    const pdf = await download(invoice.pdfUrl);
    expect(pdf.status).toBe(200);
    expect(pdf.type).toBe('application/pdf');
    const text = flat(await pdfText(pdf.bytes, { layout: true }));
    expect(text).toContain('INVOICE');
    expect(text).toContain(`Number INV-${year}-000001`);
    expect(text).toContain(`Order ${order.number}`);
    expect(text).toContain('Ada Lovelace');
    expect(text).toContain('2 Enamel mug (SKU-MUG) 12.50 20% 5.00 30.00');
    expect(text).toContain('1 Cotton tee (SKU-TEE) 20.00 20% 4.00 24.00');
    expect(text).toContain('Subtotal 45.00');
    expect(text).toContain('Tax 9.00');
    expect(text).toContain('Shipping 4.99');
    expect(text).toContain('Total due 58.99');
  });

  it('issues a credit note for a refund, numbered in its own gap-free series', async () => {
    const order = await create();
    const mug = order.lines[0];
    const refused = await t.api('POST', `/v1/orders/${order.id}/refunds`, { body: { amountMinor: 999_999, reason: 'too much' } });
    expect(refused.status).toBe(409);
    const refund = await t.api('POST', `/v1/orders/${order.id}/refunds`, {
      body: { lines: [{ lineId: mug.id, quantity: 1 }], reason: 'broken' },
    });
    expect(refund.status, JSON.stringify(refund.body)).toBe(201);
    const goodwill = await t.api('POST', `/v1/orders/${order.id}/refunds`, { body: { amountMinor: 200, reason: 'late delivery' } });
    expect(goodwill.status).toBe(201);
    const docs = (await t.api('GET', `/v1/orders/${order.id}/invoices`)).body.data;
    expect(docs.map((d: any) => [d.kind, d.number, d.totalMinor])).toEqual([
      ['invoice', `INV-${year}-000002`, 5899],
      // The refused refund took no number.
      ['credit_note', `CN-${year}-000001`, 1500],
      ['credit_note', `CN-${year}-000002`, 200],
    ]);
    expect(docs[1]).toMatchObject({ correctsId: docs[0].id, refundId: expect.any(String), taxMinor: 250, reason: 'broken' });
    expect(docs[2].lines).toEqual([
      expect.objectContaining({ kind: 'adjustment', description: 'Adjustment: late delivery', totalMinor: 200 }),
    ]);
    const text = flat(await pdfText((await download(docs[1].pdfUrl)).bytes, { layout: true }));
    expect(text).toContain('CREDIT NOTE');
    expect(text).toContain('1 Enamel mug (SKU-MUG) 12.50 20% 2.50 15.00');
    expect(text).toContain('Total credited 15.00');
    const timeline = (await t.api('GET', `/v1/orders/${order.id}/timeline?type=invoice-issued,credit-note-issued`)).body.data;
    expect(timeline.map((e: any) => e.type)).toEqual(['invoice-issued', 'credit-note-issued', 'credit-note-issued']);
  });

  it('invoices an order confirmed on account on request, once; a pending order not', async () => {
    const pending = await create({ payment: { status: 'pending' } });
    expect((await t.api('GET', `/v1/orders/${pending.id}/invoices`)).body.data).toEqual([]);
    const refused = await t.api('POST', `/v1/orders/${pending.id}/invoices/generate`, { body: {} });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('order_not_invoiceable');
    await t.api('POST', `/v1/orders/${pending.id}/confirm`, { body: { reason: 'on account', overridePaymentCheck: true } });
    const first = await t.api('POST', `/v1/orders/${pending.id}/invoices/generate`, { body: { reason: 'net 30' } });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body).toMatchObject({ kind: 'invoice', number: `INV-${year}-000003`, reason: 'net 30', totalMinor: 5899 });
    const second = await t.api('POST', `/v1/orders/${pending.id}/invoices/generate`, { body: {} });
    expect(second.body.id).toBe(first.body.id);
    expect((await t.api('GET', `/v1/orders/${pending.id}/invoices/${crypto.randomUUID()}/pdf`)).status).toBe(404);
  });

  it('numbers every document of a kind once and without gaps, also when requests race', async () => {
    const orders = await Promise.all(Array.from({ length: 6 }, () => create()));
    expect(orders).toHaveLength(6);
    const rows = await t.server.db.query<{ number: string }>(`select number from billing_documents where kind = 'invoice' order by number`);
    const serials = rows.map((r) => Number(r.number.slice(-6)));
    expect(serials).toEqual(serials.map((_, i) => i + 1));
  });
});

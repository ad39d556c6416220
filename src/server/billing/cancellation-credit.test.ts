import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BackorderView } from '../../shared/api/fulfillment';
import { paymentGateway } from '../testing/payment-gateway';
import { sampleOrder, setUpWarehouse, startTestServer, type TestServer } from '../testing/test-server';

/**
 * Units cancelled off an invoiced order are credited, whether or not money was captured for them:
 * the invoice less its credit notes is always what the customer owes for what they get. Mugs stock
 * at LON, tees at none: the sample order (2 mugs at 12.50, a tee at 20.00, 20% tax, 4.99 shipping:
 * 58.99) ships the mugs (30.00) and backorders the tee (24.00).
 */
const SECRET = 'whsec_test_cancellation_credit';
const gateway = paymentGateway(() => t.url, SECRET);
let t: TestServer;

beforeAll(async () => {
  t = await startTestServer({ paymentWebhookSecret: SECRET });
  await setUpWarehouse(t, 'LON-1', { 'SKU-MUG': 100 });
});
afterAll(async () => {
  await t.close();
});

interface Doc {
  kind: string;
  totalMinor: number;
  refundId: string | null;
  correctsId: string | null;
  lines: { kind: string; sku: string | null; quantity: number; taxMinor: number; totalMinor: number }[];
}
const documents = async (id: string) => (await t.api('GET', `/v1/orders/${id}/invoices`)).body.data as Doc[];
const read = async (id: string) => (await t.api('GET', `/v1/orders/${id}`)).body;
/** Invoices less credit notes. */
const billedNet = (docs: Doc[]) => docs.reduce((n, d) => n + (d.kind === 'credit_note' ? -d.totalMinor : d.totalMinor), 0);
const rows = (d: Doc) => d.lines.map((l) => [l.kind, l.sku, l.quantity, l.taxMinor, l.totalMinor]);

async function placed(payment: 'paid' | 'authorized') {
  const res = await t.api('POST', '/v1/orders', { body: sampleOrder({ payment: { status: payment } }) });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; lines: { id: string; sku: string }[]; backorders: BackorderView[] };
}

/** Authorized, then captured in part: the first capture invoices every line (58.99). */
async function partlyCaptured(capturedMinor: number) {
  const order = await placed('authorized');
  expect(await gateway('payment.captured', order, capturedMinor)).toMatchObject({ outcome: 'applied', paymentStatus: 'paid' });
  expect((await documents(order.id)).map((d) => [d.kind, d.totalMinor])).toEqual([['invoice', 5899]]);
  return order;
}

const cancelBackorder = (order: { backorders: BackorderView[] }) =>
  t.api('POST', `/v1/backorders/${order.backorders[0]!.id}/cancel`, { body: { reason: 'discontinued' } });

describe('a backorder cancelled after a partial capture', () => {
  it('nothing captured for its units: no refund, but a credit note for them all the same', async () => {
    // 16.99 of 58.99 captured: less than the mugs and shipping (34.99) still owed, so nothing went to the tee.
    const order = await partlyCaptured(1699);
    const res = await cancelBackorder(order);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.refund).toBeNull();

    const [invoice, credit, ...more] = await documents(order.id);
    expect(more).toEqual([]);
    expect(credit).toMatchObject({ kind: 'credit_note', totalMinor: 2400, refundId: null, correctsId: expect.any(String) });
    expect(rows(credit!)).toEqual([['item', 'SKU-TEE', 1, 400, 2400]]);
    expect(credit!.correctsId).toBe((invoice as Doc & { id: string }).id);
    expect(billedNet([invoice!, credit!])).toBe((await read(order.id)).totals.totalMinor);
  });

  it('part captured for its units: the credit note is for the units (24.00), the refund only what was captured (5.01)', async () => {
    const order = await partlyCaptured(4000);
    const res = await cancelBackorder(order);
    expect(res.body.refund).toMatchObject({ amountMinor: 501, kind: 'cancellation' });

    const docs = await documents(order.id);
    expect(docs.map((d) => [d.kind, d.totalMinor])).toEqual([
      ['invoice', 5899],
      ['credit_note', 2400],
    ]);
    expect(docs[1]).toMatchObject({ refundId: res.body.refund.id });
    expect(rows(docs[1]!)).toEqual([['item', 'SKU-TEE', 1, 400, 2400]]);
    expect(billedNet(docs)).toBe(3499);
    expect((await read(order.id)).totals.totalMinor).toBe(3499);
  });
});

describe('a partial cancel of an invoiced order', () => {
  it('credits the units without a refund, and with one issues one credit note only', async () => {
    const order = await placed('paid');
    const mug = order.lines.find((l) => l.sku === 'SKU-MUG')!;
    const kept = await t.api('POST', `/v1/orders/${order.id}/partial-cancel`, {
      body: { lines: [{ lineId: mug.id, quantity: 1 }], reason: 'customer changed mind', refund: false },
    });
    expect(kept.status, JSON.stringify(kept.body)).toBe(200);
    expect(kept.body.partialCancellation).toMatchObject({ refund: null, creditNoteId: expect.any(String) });
    const refunded = await t.api('POST', `/v1/orders/${order.id}/partial-cancel`, {
      body: { lines: [{ lineId: mug.id, quantity: 1 }], reason: 'the other one too', refund: true },
    });
    expect(refunded.body.partialCancellation.refund).toMatchObject({ amountMinor: 1500 });

    const docs = await documents(order.id);
    expect(docs.map((d) => [d.kind, d.totalMinor, d.refundId])).toEqual([
      ['invoice', 5899, null],
      ['credit_note', 1500, null],
      ['credit_note', 1500, refunded.body.partialCancellation.refund.id],
    ]);
    expect(rows(docs[2]!)).toEqual([['item', 'SKU-MUG', 1, 250, 1500]]);
    expect(billedNet(docs)).toBe((await read(order.id)).totals.totalMinor);
  });
});

describe('a whole order cancelled', () => {
  it('credits every line and shipping it was invoiced for, refunded or not', async () => {
    for (const refund of [true, false]) {
      const order = await placed('paid');
      const res = await t.api('POST', `/v1/orders/${order.id}/cancel`, { body: { reason: 'customer rang', refund } });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      const docs = await documents(order.id);
      expect(docs.map((d) => [d.kind, d.totalMinor])).toEqual([
        ['invoice', 5899],
        ['credit_note', 5899],
      ]);
      expect(rows(docs[1]!)).toEqual([
        ['item', 'SKU-MUG', 2, 500, 3000],
        ['item', 'SKU-TEE', 1, 400, 2400],
        ['shipping', null, 1, 0, 499],
      ]);
      expect(docs[1]!.refundId).toBe(refund ? res.body.cancellationResult.refund.id : null);
      expect(res.body.cancellationResult.creditNoteId).toEqual(expect.any(String));
    }
  });

  it('credits only what is still billed after an earlier partial cancel was credited', async () => {
    const order = await partlyCaptured(3000);
    const mug = order.lines.find((l) => l.sku === 'SKU-MUG')!;
    await t.api('POST', `/v1/orders/${order.id}/partial-cancel`, {
      body: { lines: [{ lineId: mug.id, quantity: 1 }], reason: 'one mug less' },
    });
    const res = await t.api('POST', `/v1/orders/${order.id}/cancel`, { body: { reason: 'customer rang' } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const docs = await documents(order.id);
    expect(docs.map((d) => [d.kind, d.totalMinor])).toEqual([
      ['invoice', 5899],
      ['credit_note', 1500],
      ['credit_note', 4399],
    ]);
    expect(billedNet(docs)).toBe(0);
  });
});

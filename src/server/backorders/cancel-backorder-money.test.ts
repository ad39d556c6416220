import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BackorderView } from '../../shared/api/fulfillment';
import { sampleOrder, setUpWarehouse, startTestServer, type TestServer } from '../testing/test-server';
import { paymentGateway } from '../testing/payment-gateway';

/**
 * Cancelling a backorder of an order captured only in part: what is still owed for its units is
 * no longer owed, and only what was captured for them goes back (never a refund of all of them).
 * Mugs stock at LON, tees at none: the sample order (2 mugs at 12.50, a tee at 20.00, 20% tax,
 * 4.99 shipping: 58.99) ships the mugs (30.00) and backorders the tee (24.00).
 */
const SECRET = 'whsec_test_cancel_backorder_money';
const gateway = paymentGateway(() => t.url, SECRET);
let t: TestServer;

beforeAll(async () => {
  t = await startTestServer({ paymentWebhookSecret: SECRET });
  await setUpWarehouse(t, 'LON-1', { 'SKU-MUG': 100 });
});
afterAll(async () => {
  await t.close();
});

const TEE = { sku: 'SKU-TEE', name: 'Cotton tee', quantity: 1, unitPriceMinor: 2000, taxRateBps: 2000 };

/** An order authorized, then captured for `capturedMinor` only; its one backorder. */
async function partlyCaptured(capturedMinor: number, overrides: Record<string, unknown> = {}) {
  const res = await t.api('POST', '/v1/orders', { body: sampleOrder({ payment: { status: 'authorized' }, ...overrides }) });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  const [backorder] = res.body.backorders as BackorderView[];
  expect(backorder).toMatchObject({ sku: 'SKU-TEE', quantity: 1 });
  expect(await capture(res.body, capturedMinor)).toMatchObject({ outcome: 'applied', paymentStatus: 'paid' });
  return { order: res.body, backorder: backorder! };
}

/** The gateway reports a capture of `amountMinor`. */
const capture = (order: { id: string }, amountMinor: number) => gateway('payment.captured', order, amountMinor);

const cancel = (b: { id: string }) => t.api('POST', `/v1/backorders/${b.id}/cancel`, { body: { reason: 'discontinued' } });
const read = async (id: string) => (await t.api('GET', `/v1/orders/${id}`)).body;
const payments = async (id: string) => (await t.api('GET', `/v1/orders/${id}/payments`)).body;

describe('cancelling a backorder of an order captured only in part', () => {
  it('the owed part of its units comes off the balance due, and only the captured part is refunded', async () => {
    // 40.00 of 58.99 captured: 18.99 still owed, so of the tee's 24.00 only 5.01 was paid.
    const { order, backorder } = await partlyCaptured(4000);

    const res = await cancel(backorder);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.refundRequest).toBeNull();
    expect(res.body.refund).toMatchObject({ amountMinor: 501, kind: 'cancellation' });

    const after = await read(order.id);
    expect(after.lines.find((l: { sku: string }) => l.sku === 'SKU-TEE')).toMatchObject({ quantity: 0, cancelledQuantity: 1 });
    expect(after).toMatchObject({ status: 'confirmed', paymentStatus: 'partially_refunded' });
    // The mugs and shipping (34.99) are what the order is now; 40.00 paid less 5.01 back covers them.
    expect(after.totals).toMatchObject({ totalMinor: 3499, paidMinor: 4000, refundedMinor: 501, balanceDueMinor: 0 });
    const { refunds, refundRequests } = await payments(order.id);
    expect(refunds).toMatchObject([{ amountMinor: 501, kind: 'cancellation' }]);
    expect(refundRequests).toEqual([]);
  });

  it('an order left with nothing is cancelled and pays back all it captured, shipping too', async () => {
    // A tee and shipping (28.99), 20.00 captured.
    const { order, backorder } = await partlyCaptured(2000, { lines: [TEE] });
    expect(order.totals).toMatchObject({ totalMinor: 2899 });

    expect((await cancel(backorder)).status).toBe(200);
    const after = await read(order.id);
    expect(after).toMatchObject({ status: 'cancelled', paymentStatus: 'refunded' });
    expect(after.totals).toMatchObject({ paidMinor: 2000, refundedMinor: 2000, balanceDueMinor: 0 });
    expect((await payments(order.id)).refundRequests).toEqual([]);
  });
});

describe('cancelling the last backorder of an order paid in full', () => {
  it('cancels the order and refunds everything it paid, shipping too, with no refund request on top', async () => {
    const res = await t.api('POST', '/v1/orders', { body: sampleOrder({ lines: [TEE] }) });
    expect(res.body.totals).toMatchObject({ totalMinor: 2899, paidMinor: 2899 });
    const [backorder] = res.body.backorders as BackorderView[];

    const cancelled = await cancel(backorder!);
    expect(cancelled.body.refundRequest).toBeNull();
    const after = await read(res.body.id);
    expect(after).toMatchObject({ status: 'cancelled', paymentStatus: 'refunded', cancellation: { refund: true } });
    expect(after.totals).toMatchObject({ paidMinor: 2899, refundedMinor: 2899, balanceDueMinor: 0 });
    const { refunds, refundRequests } = await payments(res.body.id);
    expect(refunds).toMatchObject([{ amountMinor: 2899, kind: 'cancellation' }]);
    expect(refundRequests).toEqual([]);
  });
});

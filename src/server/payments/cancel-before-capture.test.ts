import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleOrder, setUpWarehouse, startTestServer, type TestServer } from '../testing/test-server';
import { paymentGateway } from '../testing/payment-gateway';

/**
 * Units cancelled before their money was captured (authorized only, or captured in part at a
 * first shipment) leave what is still to capture; a capture takes only what is owed.
 */
const SECRET = 'whsec_test_cancel_before_capture';
const gateway = paymentGateway(() => t.url, SECRET);
let t: TestServer;

beforeAll(async () => {
  t = await startTestServer({ paymentWebhookSecret: SECRET });
  await setUpWarehouse(t, 'LON-1', { 'SKU-MUG': 100, 'SKU-TEE': 100 });
});
afterAll(async () => {
  await t.close();
});

/** Sample order: 2 mugs at 12.50 and a tee at 20.00, 20% tax, 4.99 shipping: 58.99, authorized only. */
async function authorizedOrder(overrides: Record<string, unknown> = {}) {
  const res = await t.api('POST', '/v1/orders', { body: sampleOrder({ payment: { status: 'authorized' }, ...overrides }) });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  expect(res.body).toMatchObject({ status: 'confirmed', paymentStatus: 'authorized' });
  return res.body;
}

/** The gateway reports a capture of `amountMinor`, signed over its exact bytes. */
const capture = (order: { id: string }, amountMinor: number) => gateway('payment.captured', order, amountMinor);

const read = async (id: string) => (await t.api('GET', `/v1/orders/${id}?expand=tasks`)).body;
const payments = async (id: string) => (await t.api('GET', `/v1/orders/${id}/payments`)).body;
const invoices = async (id: string) => (await t.api('GET', `/v1/orders/${id}/invoices`)).body.data;
const reconciliation = (order: { tasks: { kind: string; detail: Record<string, unknown> }[] }) =>
  order.tasks.filter((x) => x.kind === 'payment-reconciliation').map((x) => x.detail);

describe('cancelling units of an order whose payment is authorized but not captured', () => {
  it('a partial cancel lowers what is still to capture by their price; capturing that settles the order', async () => {
    const order = await authorizedOrder();
    expect(order.totals).toMatchObject({ totalMinor: 5899, paidMinor: 0, balanceDueMinor: 5899 });
    const mug = order.lines.find((l: { sku: string }) => l.sku === 'SKU-MUG');
    const res = await t.api('POST', `/v1/orders/${order.id}/partial-cancel`, {
      body: { lines: [{ lineId: mug.id, quantity: 1 }], reason: 'customer changed mind' },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    // One mug: 12.50 + 2.50 tax. Nothing was captured, so nothing is refunded.
    expect(res.body.partialCancellation).toMatchObject({ removedMinor: 1500, refund: null });
    expect(res.body.lines.find((l: { id: string }) => l.id === mug.id)).toMatchObject({ quantity: 1, cancelledQuantity: 1 });
    expect(res.body).toMatchObject({ paymentStatus: 'authorized', totals: { totalMinor: 4399, paidMinor: 0, balanceDueMinor: 4399 } });

    expect(await capture(order, 4399)).toMatchObject({ outcome: 'applied', paymentStatus: 'paid' });
    const settled = await read(order.id);
    expect(settled.totals).toMatchObject({ totalMinor: 4399, paidMinor: 4399, refundedMinor: 0, balanceDueMinor: 0 });
    expect(reconciliation(settled)).toEqual([]);
  });

  it('a capture of the whole original authorization after a partial cancel is recorded and its excess flagged to pay back', async () => {
    const order = await authorizedOrder();
    const mug = order.lines.find((l: { sku: string }) => l.sku === 'SKU-MUG');
    await t.api('POST', `/v1/orders/${order.id}/partial-cancel`, { body: { lines: [{ lineId: mug.id, quantity: 1 }], reason: 'x' } });
    expect(await capture(order, 5899)).toMatchObject({ outcome: 'applied', paymentStatus: 'paid' });
    const after = await read(order.id);
    expect(after.totals).toMatchObject({ totalMinor: 4399, paidMinor: 5899, balanceDueMinor: 0 });
    expect(reconciliation(after)).toEqual([
      expect.objectContaining({ code: 'payment_captured_beyond_balance_due', capturedMinor: 5899, owedMinor: 4399, excessMinor: 1500 }),
    ]);
    const payBack = await t.api('POST', `/v1/orders/${order.id}/refunds`, {
      body: { amountMinor: 1500, reason: 'captured beyond what was owed' },
    });
    expect(payBack.status).toBe(201);
    expect(payBack.body.totals).toMatchObject({ paidMinor: 5899, refundedMinor: 1500, balanceDueMinor: 0 });
  });

  it('captured only in part: a partial cancel pays back none of what is still owed, and the rest to capture drops by its price', async () => {
    const order = await authorizedOrder();
    expect(await capture(order, 2000)).toMatchObject({ outcome: 'applied', paymentStatus: 'paid' });
    const mug = order.lines.find((l: { sku: string }) => l.sku === 'SKU-MUG');
    const res = await t.api('POST', `/v1/orders/${order.id}/partial-cancel`, {
      body: { lines: [{ lineId: mug.id, quantity: 1 }], reason: 'x', refund: true },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    // 38.99 was still owed, more than the 15.00 mug: it is simply no longer owed.
    expect(res.body.partialCancellation).toMatchObject({ removedMinor: 1500, refund: null });
    expect(res.body.totals).toMatchObject({ totalMinor: 4399, paidMinor: 2000, refundedMinor: 0, balanceDueMinor: 2399 });
    await capture(order, 2399);
    const settled = await read(order.id);
    expect(settled.totals).toMatchObject({ paidMinor: 4399, refundedMinor: 0, balanceDueMinor: 0 });
    expect(reconciliation(settled)).toEqual([]);
  });

  it('a supervisor cancelling the backorder of an order captured only for its first shipment takes its units off what is still to capture', async () => {
    const order = await authorizedOrder({
      lines: [
        { sku: 'SKU-MUG', name: 'Enamel mug', quantity: 1, unitPriceMinor: 1000, taxRateBps: 2000 },
        { sku: 'SKU-LATE', name: 'Backordered', quantity: 2, unitPriceMinor: 1000, taxRateBps: 2000, discountMinor: 100 },
      ],
    });
    // 12.00 mug + 22.80 backordered (20.00 - 1.00 discount, 20% tax) + 4.99 shipping.
    expect(order.totals).toMatchObject({ totalMinor: 3979, balanceDueMinor: 3979 });
    const [backorder] = order.backorders;
    // The mug and shipping are captured as they ship: the payment status is paid, 22.80 still owed.
    expect(await capture(order, 1699)).toMatchObject({ paymentStatus: 'paid' });

    const res = await t.api('POST', `/v1/backorders/${backorder.id}/cancel`, { body: { reason: 'discontinued' } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.refundRequest).toBeNull();
    const after = await read(order.id);
    expect(after.lines.find((l: { sku: string }) => l.sku === 'SKU-LATE')).toMatchObject({ quantity: 0, cancelledQuantity: 2 });
    expect(after.totals).toMatchObject({ totalMinor: 1699, paidMinor: 1699, refundedMinor: 0, balanceDueMinor: 0 });
    const requests = (await t.api('GET', `/v1/orders/${order.id}/payments`)).body.refundRequests;
    expect(requests).toEqual([]);
  });

  it('a cancelled authorized order owes nothing: a capture arriving afterwards is recorded, not invoiced, and flagged to pay back in full', async () => {
    const order = await authorizedOrder();
    const res = await t.api('POST', `/v1/orders/${order.id}/cancel`, { body: { reason: 'customer cancelled' } });
    expect(res.status).toBe(200);
    expect(res.body.cancellationResult.refund).toBeNull();
    expect(res.body).toMatchObject({ status: 'cancelled', paymentStatus: 'authorized', totals: { paidMinor: 0, balanceDueMinor: 0 } });

    expect(await capture(order, 5899)).toMatchObject({ outcome: 'applied', paymentStatus: 'paid' });
    const after = await read(order.id);
    expect(after).toMatchObject({ status: 'cancelled', totals: { paidMinor: 5899, balanceDueMinor: 0 } });
    expect((await payments(order.id)).payments).toMatchObject([{ status: 'captured', amountMinor: 5899 }]);
    // Nothing was sold: no invoice, and the money is to go back.
    expect(await invoices(order.id)).toEqual([]);
    expect(reconciliation(after)).toEqual([
      expect.objectContaining({ code: 'payment_captured_after_cancel', capturedMinor: 5899, owedMinor: 0, excessMinor: 5899 }),
    ]);
    expect(after.tasks.find((x: { kind: string }) => x.kind === 'payment-reconciliation').title).toBe(
      `£58.99 was captured on order ${order.number} after it was cancelled: refund the £58.99 (the order is not invoiced)`,
    );
    // Paid back: recorded, and still no invoice (nor a credit note for one).
    const payBack = await t.api('POST', `/v1/orders/${order.id}/refunds`, { body: { amountMinor: 5899, reason: 'order was cancelled' } });
    expect(payBack.status, JSON.stringify(payBack.body)).toBe(201);
    expect(payBack.body).toMatchObject({ paymentStatus: 'refunded', totals: { paidMinor: 5899, refundedMinor: 5899 } });
    expect(await invoices(order.id)).toEqual([]);

    // What should happen instead: the integrator voids the authorization, and the gateway says so.
    const voided = await authorizedOrder();
    await t.api('POST', `/v1/orders/${voided.id}/cancel`, { body: { reason: 'customer cancelled' } });
    expect(await gateway('payment.voided', voided, 5899)).toMatchObject({ outcome: 'applied', paymentStatus: 'failed' });
    const released = await read(voided.id);
    expect(released).toMatchObject({ status: 'cancelled', totals: { paidMinor: 0, balanceDueMinor: 0 } });
    expect(reconciliation(released)).toEqual([]);
  });

  it('a capture on an order whose balance due cancelled units brought to zero is recorded and flagged, with no second invoice', async () => {
    const order = await authorizedOrder({
      lines: [
        { sku: 'SKU-MUG', name: 'Enamel mug', quantity: 1, unitPriceMinor: 1000, taxRateBps: 2000 },
        { sku: 'SKU-LATE', name: 'Backordered', quantity: 2, unitPriceMinor: 1000, taxRateBps: 2000 },
      ],
    });
    // 12.00 mug + 24.00 backordered + 4.99 shipping; the mug and shipping are captured as they ship.
    await capture(order, 1699);
    expect(await invoices(order.id)).toHaveLength(1);
    await t.api('POST', `/v1/backorders/${order.backorders[0].id}/cancel`, { body: { reason: 'discontinued' } });
    expect((await read(order.id)).totals).toMatchObject({ totalMinor: 1699, paidMinor: 1699, balanceDueMinor: 0 });
    // The first capture invoiced every line: the backordered units, cancelled with nothing captured for them, are credited.
    const billed = [
      ['invoice', 4099],
      ['credit_note', 2400],
    ];
    expect((await invoices(order.id)).map((d: { kind: string; totalMinor: number }) => [d.kind, d.totalMinor])).toEqual(billed);

    // The gateway captures the rest of the original authorization anyway.
    expect(await capture(order, 2400)).toMatchObject({ outcome: 'applied', paymentStatus: 'paid' });
    const after = await read(order.id);
    expect(after.totals).toMatchObject({ totalMinor: 1699, paidMinor: 4099, balanceDueMinor: 0 });
    expect(reconciliation(after)).toEqual([
      expect.objectContaining({ code: 'payment_captured_beyond_balance_due', capturedMinor: 2400, owedMinor: 0, excessMinor: 2400 }),
    ]);
    expect((await invoices(order.id)).map((d: { kind: string; totalMinor: number }) => [d.kind, d.totalMinor])).toEqual(billed);
  });
});

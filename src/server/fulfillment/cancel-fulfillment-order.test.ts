import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FulfillmentDocument } from '../../shared/sync/fulfillment-document';
import { sampleOrder, setUpWarehouse, startTestServer, type TestServer } from '../testing/test-server';
import { paymentGateway } from '../testing/payment-gateway';

/**
 * A supervisor cancelling a fulfillment order cancels its units for the customer, as a partial
 * cancel of those units would: they leave the order's total, what was captured for them is
 * refunded, and an order left with nothing to ship is cancelled. Mugs stock only at LON, tees
 * only at MAN, so the sample order (2 mugs at 12.50, a tee at 20.00, 20% tax, 4.99 shipping:
 * 58.99) splits in two: LON's 2 mugs (30.00) and MAN's tee (24.00).
 */
const SECRET = 'whsec_test_cancel_fulfillment_order';
const gateway = paymentGateway(() => t.url, SECRET);
let t: TestServer;
let lon: Awaited<ReturnType<typeof setUpWarehouse>>;
let man: Awaited<ReturnType<typeof setUpWarehouse>>;

beforeAll(async () => {
  t = await startTestServer({ paymentWebhookSecret: SECRET });
  lon = await setUpWarehouse(t, 'LON-1', { 'SKU-MUG': 100 });
  man = await setUpWarehouse(t, 'MAN-1', { 'SKU-TEE': 100 });
});
afterAll(async () => {
  await t.close();
});

async function splitOrder(payment: 'authorized' | 'paid') {
  const res = await t.api('POST', '/v1/orders', { body: sampleOrder({ payment: { status: payment } }) });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  expect(res.body.totals).toMatchObject({ totalMinor: 5899 });
  const fos = res.body.fulfillmentOrders as FulfillmentDocument[];
  expect(fos).toHaveLength(2);
  return {
    order: res.body,
    atLon: fos.find((f) => f.warehouseId === lon.warehouseId)!,
    atMan: fos.find((f) => f.warehouseId === man.warehouseId)!,
  };
}

const cancelFo = (fo: { id: string }, reason = 'customer rang') =>
  t.api('POST', `/v1/fulfillment-orders/${fo.id}/cancel`, { body: { reason } });
const read = async (id: string) => (await t.api('GET', `/v1/orders/${id}?expand=tasks`)).body;
const payments = async (id: string) => (await t.api('GET', `/v1/orders/${id}/payments`)).body;
const lineOf = (order: { lines: { sku: string }[] }, sku: string) => order.lines.find((l) => l.sku === sku);
const reconciliation = (order: { tasks: { kind: string; detail: Record<string, unknown> }[] }) =>
  order.tasks.filter((x) => x.kind === 'payment-reconciliation').map((x) => x.detail);

async function reserved(warehouseId: string, sku: string) {
  const [row] = await t.server.db.query<{ reserved: unknown }>('select reserved from inventory where warehouse_id = $1 and sku = $2', [
    warehouseId,
    sku,
  ]);
  return Number(row!.reserved);
}

/** The gateway reports a capture of `amountMinor`. */
const capture = (order: { id: string }, amountMinor: number) => gateway('payment.captured', order, amountMinor);

/** LON's station claims, scans, packs, labels and ships the whole fulfillment order. */
async function shipAtLon(doc: FulfillmentDocument) {
  const [station] = await t.server.db.query<{ last_seq: unknown }>('select last_seq from stations where id = $1', [lon.stationId]);
  let seq = Number(station!.last_seq);
  const ev = (type: string, payload: Record<string, unknown>) => ({
    id: crypto.randomUUID(),
    stationId: lon.stationId,
    seq: ++seq,
    type,
    fulfillmentOrderId: doc.id,
    orderId: doc.orderId,
    actor: { kind: 'station', id: lon.stationId },
    occurredAt: new Date().toISOString(),
    payload,
  });
  const packageId = crypto.randomUUID();
  const contents = doc.lines.map((l) => ({ lineId: l.lineId, quantity: l.quantity }));
  const events = [
    ev('fulfillment-order-claimed', {}),
    ...contents.map((c) => ev('item-verified', { lineId: c.lineId, barcode: 'x', quantity: c.quantity })),
    ev('package-created', { packageId, contents, weightGrams: 500 }),
    ev('label-printed', { packageId, printJobId: crypto.randomUUID(), format: 'zpl', sscc: null, trackingNumber: null, carrier: null }),
    ev('package-shipped', { packageId }),
  ];
  const res = await t.api('POST', '/v1/sync/push', { token: lon.stationToken, body: { events } });
  expect(res.body.outcomes.map((o: { outcome: string }) => o.outcome)).toEqual(events.map(() => 'applied'));
}

describe("a supervisor cancelling one warehouse's fulfillment order", () => {
  it('authorized only: its units leave the total and what is still to capture; a capture of the rest settles the order', async () => {
    const { order, atLon, atMan } = await splitOrder('authorized');
    const before = await reserved(man.warehouseId, 'SKU-TEE');

    const res = await cancelFo(atMan);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ id: atMan.id, status: 'cancelled' });
    expect(await reserved(man.warehouseId, 'SKU-TEE')).toBe(before - 1);

    // The tee (20.00 + 4.00 tax) will not ship: the customer owes 34.99, not 58.99.
    const after = await read(order.id);
    expect(lineOf(after, 'SKU-TEE')).toMatchObject({ quantity: 0, cancelledQuantity: 1 });
    expect(lineOf(after, 'SKU-MUG')).toMatchObject({ quantity: 2 });
    expect(after).toMatchObject({ status: 'confirmed', paymentStatus: 'authorized' });
    expect(after.totals).toMatchObject({ totalMinor: 3499, paidMinor: 0, refundedMinor: 0, balanceDueMinor: 3499 });
    expect(await payments(order.id)).toMatchObject({ refunds: [], refundRequests: [] });
    // LON's part is untouched.
    const lonNow = (await t.api('GET', `/v1/fulfillment-orders/${atLon.id}`)).body;
    expect(lonNow).toMatchObject({ status: 'open', lines: [{ sku: 'SKU-MUG', quantity: 2 }] });

    expect(await capture(order, 3499)).toMatchObject({ outcome: 'applied', paymentStatus: 'paid' });
    const settled = await read(order.id);
    expect(settled.totals).toMatchObject({ totalMinor: 3499, paidMinor: 3499, refundedMinor: 0, balanceDueMinor: 0 });
    expect(reconciliation(settled)).toEqual([]);

    const types = (await t.api('GET', `/v1/orders/${order.id}/timeline`)).body.data.map((e: { type: string }) => e.type);
    expect(types).toEqual(expect.arrayContaining(['fulfillment-order-cancelled', 'order-partially-cancelled']));
  });

  it('paid: exactly its units are refunded, the other warehouse still ships its part, and the order ends shipped', async () => {
    const { order, atLon, atMan } = await splitOrder('paid');
    expect(order.totals).toMatchObject({ paidMinor: 5899, balanceDueMinor: 0 });

    expect((await cancelFo(atMan)).status).toBe(200);
    const after = await read(order.id);
    expect(lineOf(after, 'SKU-TEE')).toMatchObject({ quantity: 0, cancelledQuantity: 1 });
    expect(after).toMatchObject({ status: 'confirmed', paymentStatus: 'partially_refunded' });
    expect(after.totals).toMatchObject({ totalMinor: 3499, paidMinor: 5899, refundedMinor: 2400, balanceDueMinor: 0 });
    const { refunds } = await payments(order.id);
    expect(refunds).toMatchObject([{ amountMinor: 2400, kind: 'cancellation' }]);

    await shipAtLon(atLon);
    const shipped = await read(order.id);
    expect(shipped).toMatchObject({ status: 'shipped', paymentStatus: 'partially_refunded' });
    expect(shipped.totals).toMatchObject({ totalMinor: 3499, refundedMinor: 2400, balanceDueMinor: 0 });
  });

  it('paid: cancelling the only fulfillment order cancels the order and pays back everything, shipping too', async () => {
    const res = await t.api('POST', '/v1/orders', {
      body: sampleOrder({ lines: [{ sku: 'SKU-MUG', name: 'Enamel mug', quantity: 2, unitPriceMinor: 1250, taxRateBps: 2000 }] }),
    });
    expect(res.status).toBe(201);
    const order = res.body;
    expect(order.totals).toMatchObject({ totalMinor: 3499, paidMinor: 3499 });
    const [fo] = order.fulfillmentOrders as FulfillmentDocument[];

    expect((await cancelFo(fo!, 'out of business')).status).toBe(200);
    const after = await read(order.id);
    expect(after).toMatchObject({ status: 'cancelled', paymentStatus: 'refunded' });
    expect(lineOf(after, 'SKU-MUG')).toMatchObject({ quantity: 0, cancelledQuantity: 2 });
    expect(after.totals).toMatchObject({ paidMinor: 3499, refundedMinor: 3499, balanceDueMinor: 0 });
  });

  it('authorized only: cancelling the only fulfillment order cancels the order, owing nothing', async () => {
    const res = await t.api('POST', '/v1/orders', {
      body: sampleOrder({
        payment: { status: 'authorized' },
        lines: [{ sku: 'SKU-TEE', name: 'Cotton tee', quantity: 1, unitPriceMinor: 2000, taxRateBps: 2000 }],
      }),
    });
    const [fo] = res.body.fulfillmentOrders as FulfillmentDocument[];
    expect((await cancelFo(fo!)).status).toBe(200);
    const after = await read(res.body.id);
    expect(after).toMatchObject({ status: 'cancelled', paymentStatus: 'authorized' });
    expect(after.totals).toMatchObject({ paidMinor: 0, refundedMinor: 0, balanceDueMinor: 0 });
    expect(await payments(res.body.id)).toMatchObject({ refunds: [] });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleOrder, setUpWarehouse, startTestServer, type TestServer } from '../testing/test-server';
import { paymentGateway } from '../testing/payment-gateway';
import { stationEventsOf } from '../testing/station-events';
import type { FulfillmentDocument } from '../../shared/sync/fulfillment-document';

/**
 * GET /v1/orders/{id}/cancel-preview says what cancelling the whole order would do: every unit,
 * by warehouse, and the money as the payment stands, the refund being exactly what the cancel then
 * refunds. Mugs stock at LON, tees at MAN: the sample order (2 mugs at 12.50, a tee at 20.00, 20%
 * tax, 4.99 shipping: 58.99) splits, 2 units at LON and 1 at MAN.
 */
const SECRET = 'whsec_test_cancel_preview';
const gateway = paymentGateway(() => t.url, SECRET);
let t: TestServer;
let lon: Awaited<ReturnType<typeof setUpWarehouse>>;
const atLon = stationEventsOf(() => lon.stationId);

beforeAll(async () => {
  t = await startTestServer({ paymentWebhookSecret: SECRET });
  lon = await setUpWarehouse(t, 'LON-1', { 'SKU-MUG': 100 });
  await setUpWarehouse(t, 'MAN-1', { 'SKU-TEE': 100 });
});
afterAll(async () => {
  await t.close();
});

async function placed(payment: 'paid' | 'authorized' | 'pending') {
  const res = await t.api('POST', '/v1/orders', { body: sampleOrder({ payment: { status: payment } }) });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; number: string };
}

/** The gateway reports a capture of `amountMinor`. */
const capture = (order: { id: string }, amountMinor: number) => gateway('payment.captured', order, amountMinor);

const preview = async (id: string) => {
  const res = await t.api('GET', `/v1/orders/${id}/cancel-preview`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
};
const cancelled = (id: string) => t.api('POST', `/v1/orders/${id}/cancel`, { body: { reason: 'customer rang', refund: true } });

describe('what cancelling an order would do', () => {
  it('counts every unit by warehouse and says the refund the cancel then makes: what was captured', async () => {
    const order = await placed('authorized');
    // 30.00 of 58.99 captured: the cancel refunds those 30.00, not the total.
    await capture(order, 3000);
    const said = await preview(order.id);
    expect(said).toMatchObject({ id: order.id, number: order.number, customerName: 'Ada Lovelace', units: 3 });
    expect(said.warehouses.map((w: { code: string; units: number }) => [w.code, w.units]).sort()).toEqual([
      ['LON-1', 2],
      ['MAN-1', 1],
    ]);
    expect(said.money).toEqual({ kind: 'refund', amountMinor: 3000, currency: 'GBP' });

    const res = await cancelled(order.id);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.cancellationResult.refund).toMatchObject({ amountMinor: 3000 });
  });

  it('says where the units stand: picked (scanned at the bench), not picked yet, or on backorder', async () => {
    const res = await t.api('POST', '/v1/orders', {
      body: sampleOrder({
        lines: [
          { sku: 'SKU-MUG', name: 'Enamel mug', quantity: 2, unitPriceMinor: 1250, taxRateBps: 2000 },
          { sku: 'SKU-TEE', name: 'Cotton tee', quantity: 1, unitPriceMinor: 2000, taxRateBps: 2000 },
          { sku: 'SKU-LATE', name: 'Nowhere in stock', quantity: 2, unitPriceMinor: 1000, taxRateBps: 2000 },
        ],
      }),
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const order = res.body;
    expect(await preview(order.id)).toMatchObject({ units: 5, unitStates: { picked: 0, notPicked: 3, backordered: 2 } });

    // LON's packer scans one of the two mugs: it is off the shelf.
    const mugs = (order.fulfillmentOrders as FulfillmentDocument[]).find((f) => f.warehouseId === lon.warehouseId)!;
    const lineId = mugs.lines[0]!.lineId;
    const events = [
      atLon.event(mugs, 'fulfillment-order-claimed', {}),
      atLon.event(mugs, 'item-verified', { lineId, barcode: 'x', quantity: 1 }),
    ];
    const pushed = await t.api('POST', '/v1/sync/push', { token: lon.stationToken, body: { events } });
    expect(pushed.body.outcomes.map((o: { outcome: string }) => o.outcome)).toEqual(['applied', 'applied']);
    expect(await preview(order.id)).toMatchObject({ units: 5, unitStates: { picked: 1, notPicked: 2, backordered: 2 } });
  });

  it('an authorization only: no refund, the authorization is no longer needed', async () => {
    const order = await placed('authorized');
    expect((await preview(order.id)).money).toEqual({ kind: 'authorization' });
    expect((await cancelled(order.id)).body.cancellationResult.refund).toBeNull();
  });

  it('nothing paid: nothing about money, and no warehouse holds its units yet', async () => {
    const order = await placed('pending');
    expect(await preview(order.id)).toMatchObject({
      units: 3,
      warehouses: [],
      unitStates: { picked: 0, notPicked: 0, backordered: 0 },
      money: { kind: 'none' },
    });
  });

  it('is for those who may cancel: a packer is refused, and an unknown order is not found', async () => {
    const order = await placed('paid');
    const packer = (await t.api('POST', '/v1/api-keys', { body: { name: 'packer', role: 'packer' } })).body.key;
    expect((await t.api('GET', `/v1/orders/${order.id}/cancel-preview`, { token: packer })).status).toBe(403);
    const missing = await t.api('GET', `/v1/orders/${crypto.randomUUID()}/cancel-preview`);
    expect(missing).toMatchObject({ status: 404, body: { code: 'not_found' } });
  });
});

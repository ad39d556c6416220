import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FulfillmentDocument } from '../../shared/sync/fulfillment-document';
import { sampleOrder, setUpWarehouse, startTestServer, type TestServer } from '../testing/test-server';

// What a supervisor reads when the server refuses their action: what happened and what to do, the code unchanged.
let t: TestServer;
let lon: Awaited<ReturnType<typeof setUpWarehouse>>;
let man: Awaited<ReturnType<typeof setUpWarehouse>>;
let supervisor: string;

beforeAll(async () => {
  t = await startTestServer();
  lon = await setUpWarehouse(t, 'LON-1', { 'SKU-MUG': 100, 'SKU-TEE': 100 });
  man = await setUpWarehouse(t, 'MAN-1', { 'SKU-MUG': 100, 'SKU-TEE': 100 });
  supervisor = (await t.api('POST', '/v1/api-keys', { body: { name: 'sup lon', role: 'supervisor', warehouseId: lon.warehouseId } })).body
    .key;
});
afterAll(() => t.close());

async function newFo(): Promise<FulfillmentDocument> {
  const created = await t.api('POST', '/v1/orders', { body: sampleOrder() });
  return created.body.fulfillmentOrders[0] as FulfillmentDocument;
}
const post = (path: string, body: unknown = {}) => t.api('POST', path, { token: supervisor, body });

async function refused(res: { status: number; headers: Headers; body: { code: string; detail: string } }) {
  expect(res.headers.get('content-type')).toContain('application/problem+json');
  return { status: res.status, code: res.body.code, detail: res.body.detail };
}

describe("refusals of a supervisor's actions on orders", () => {
  it('moving an order a station is packing to another warehouse: who has it, and to ask them to put it aside', async () => {
    const fo = await newFo();
    await t.api('POST', `/v1/fulfillment-orders/${fo.id}/claim`, { token: lon.stationToken });
    const res = await post(`/v1/fulfillment-orders/${fo.id}/move`, { warehouseId: man.warehouseId, reason: 'dock closed' });
    expect(await refused(res)).toEqual({
      status: 409,
      code: 'fulfillment_order_in_progress_elsewhere',
      detail: `${fo.orderNumber} is being packed at Pack 1 LON-1: ask them to put it aside first, then move it`,
    });
  });

  it('releasing an order that is not on hold, taking back one no station has, holding a cancelled one', async () => {
    const fo = await newFo();
    expect(await refused(await post(`/v1/fulfillment-orders/${fo.id}/release`))).toEqual({
      status: 409,
      code: 'fulfillment_order_not_on_hold',
      detail: `${fo.orderNumber} is not on hold (it is not taken by any station): there is no hold to release`,
    });
    expect(await refused(await post(`/v1/fulfillment-orders/${fo.id}/unclaim`, { reason: 'rush' }))).toEqual({
      status: 409,
      code: 'fulfillment_order_not_claimed',
      detail: `${fo.orderNumber} is not taken by any station: no station has it, so there is nothing to take back`,
    });
    await post(`/v1/fulfillment-orders/${fo.id}/hold`, { reasons: ['high_risk_of_fraud'] });
    expect((await refused(await post(`/v1/fulfillment-orders/${fo.id}/release`, { reasons: ['incorrect_address'] }))).detail).toBe(
      `${fo.orderNumber} is on hold (high risk of fraud), not held for incorrect address: release only what it is held for`,
    );
    await post(`/v1/fulfillment-orders/${fo.id}/cancel`, { reason: 'customer cancelled' });
    expect(await refused(await post(`/v1/fulfillment-orders/${fo.id}/hold`, { reasons: ['supervisor'] }))).toEqual({
      status: 409,
      code: 'fulfillment_order_status_final',
      detail: `${fo.orderNumber} is cancelled, so it can no longer be held`,
    });
  });
});

describe("refusals of a supervisor's actions on backorders", () => {
  it('cancelling or reassigning a backorder that was cancelled already, releasing one still waiting', async () => {
    const created = await t.api('POST', '/v1/orders', {
      body: sampleOrder({ lines: [{ sku: 'SKU-LAMP', name: 'Desk lamp', quantity: 2, unitPriceMinor: 100, taxRateBps: 0 }] }),
    });
    const id = created.body.backorders[0].id as string;
    const which = `2 × SKU-LAMP for ${created.body.number}`;
    expect(await refused(await post(`/v1/backorders/${id}/release`, { reason: 'rush' }))).toEqual({
      status: 409,
      code: 'backorder_not_allocated',
      detail: `${which} is still waiting for stock: release it once stock is held for it, or reassign it to a warehouse that has some`,
    });
    expect((await post(`/v1/backorders/${id}/cancel`, { reason: 'discontinued' })).status).toBe(200);
    expect(await refused(await post(`/v1/backorders/${id}/cancel`, { reason: 'discontinued' }))).toEqual({
      status: 409,
      code: 'backorder_status_final',
      detail: `${which} was already cancelled: there is nothing left to cancel; refresh to see where it is`,
    });
    const reassign = await post(`/v1/backorders/${id}/reassign`, { warehouseId: man.warehouseId, reason: 'rush' });
    expect((await refused(reassign)).detail).toBe(
      `${which} was already cancelled: there is nothing left to reassign; refresh to see where it is`,
    );
  });
});

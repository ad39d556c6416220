import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isValidUps1z } from '../../shared/carriers/tracking-numbers';
import type { FulfillmentDocument } from '../../shared/sync/fulfillment-document';
import { sampleOrder, startTestServer, type TestServer } from '../testing/test-server';

/**
 * Return labels over real HTTP on a real database: numbered once per RMA from the carrier
 * account's counter (the same one the stations' blocks come from, so no number is ever issued
 * twice), answered again on a second ask, scoped to the warehouse, refused when not needed.
 */
let t: TestServer;
let warehouseId: string;
let accountId: string;
let clerk: string;
let otherClerk: string;
const HOME = { name: 'Dockside Returns', line1: '10 Harbour Rd', city: 'Portsmouth', postalCode: 'PO1 3LJ', country: 'GB' };

beforeAll(async () => {
  t = await startTestServer();
  const wh = await t.api('POST', '/v1/warehouses', { body: { code: 'RL-1', name: 'Returns house', priority: 10, address: HOME } });
  warehouseId = wh.body.id;
  for (const sku of ['SKU-MUG', 'SKU-TEE']) await t.api('PUT', `/v1/inventory/${warehouseId}/${sku}`, { body: { onHand: 100 } });
  const other = await t.api('POST', '/v1/warehouses', { body: { code: 'RL-2', name: 'Elsewhere', priority: 50 } });
  const account = await t.api('POST', '/v1/carrier-accounts', {
    body: {
      warehouseId,
      carrier: 'ups',
      accountNumber: '7A1B22',
      name: 'UPS returns',
      labelFormat: 'zpl',
      services: [{ code: '03', name: 'UPS Ground' }],
      blockSize: 10,
      lowWater: 2,
    },
  });
  expect(account.status).toBe(201);
  accountId = account.body.id;
  clerk = (await t.api('POST', '/v1/api-keys', { body: { name: 'Rita', role: 'returns', warehouseId } })).body.key;
  otherClerk = (await t.api('POST', '/v1/api-keys', { body: { name: 'Otto', role: 'returns', warehouseId: other.body.id } })).body.key;
});
afterAll(() => t.close());

/** An authorized RMA of a shipped order. */
async function authorizedReturn(method: 'ship' | 'dropoff' = 'ship'): Promise<{ id: string; number: string }> {
  const order = await t.api('POST', '/v1/orders', { body: sampleOrder() });
  for (const fo of order.body.fulfillmentOrders as FulfillmentDocument[]) {
    const pkg = await t.api('POST', `/v1/fulfillment-orders/${fo.id}/packages`, {
      body: { contents: fo.lines.map((l) => ({ lineId: l.lineId, quantity: l.quantity })) },
    });
    await t.api('POST', `/v1/packages/${pkg.body.id}/ship`, { body: { carrier: 'DPD', trackingNumbers: ['T1'] } });
  }
  const full = (await t.api('GET', `/v1/orders/${order.body.id}`)).body;
  const created = await t.api('POST', `/v1/orders/${order.body.id}/returns`, {
    body: { method, lines: [{ lineId: full.lines[0].id, quantity: 1, reasonCode: 'size_fit' }] },
  });
  expect(created.status).toBe(201);
  expect((await t.api('POST', `/v1/returns/${created.body.id}/authorize`, { token: clerk, body: {} })).body.status).toBe('authorized');
  return { id: created.body.id, number: created.body.number };
}

describe('return labels', () => {
  it('numbers one label per RMA from the account counter and answers it again', async () => {
    const before = (await t.api('GET', `/v1/carrier-accounts/${accountId}`)).body.nextSerial as number;
    const rma = await authorizedReturn();
    const made = await t.api('POST', `/v1/returns/${rma.id}/return-label`, { token: clerk, body: { accountId, serviceCode: '03' } });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ rmaNumber: rma.number, carrier: 'ups', serviceName: 'UPS Ground', source: 'block' });
    expect(isValidUps1z(made.body.trackingNumber)).toBe(true);
    expect(made.body.trackingNumber).toMatch(/^1Z7A1B2203/);
    expect(made.body.label).toMatchObject({ rmaNumber: rma.number, returnTo: HOME, trackingNumber: made.body.trackingNumber });
    expect(made.body.label.from.postalCode).toBeTruthy();
    expect((await t.api('GET', `/v1/carrier-accounts/${accountId}`)).body.nextSerial).toBe(before + 1);

    const again = await t.api('POST', `/v1/returns/${rma.id}/return-label`, { token: clerk, body: { accountId, serviceCode: '03' } });
    expect(again.status).toBe(200);
    expect(again.body.trackingNumber).toBe(made.body.trackingNumber);
    expect((await t.api('GET', `/v1/returns/${rma.id}/return-label`, { token: clerk })).body).toEqual(made.body);
    expect((await t.api('GET', `/v1/carrier-accounts/${accountId}`)).body.nextSerial).toBe(before + 1);
    // Numbered here, nothing was paid for it: there is nothing to void.
    const voided = await t.api('POST', `/v1/returns/${rma.id}/return-label/void`, { token: clerk, body: { reason: 'not needed' } });
    expect([voided.status, voided.body.code]).toEqual([409, 'return_label_not_bought']);
  });

  it("never shares a number with a station's block", async () => {
    const st = await t.api('POST', '/v1/stations', { body: { name: 'Desk', warehouseId } });
    const station = (await t.api('POST', '/v1/stations/enroll', { body: { code: st.body.enrollmentCode }, token: null })).body;
    const block = await t.api('POST', '/v1/sync/tracking-blocks', { token: station.credential, body: { accountId } });
    const rma = await authorizedReturn();
    const label = await t.api('POST', `/v1/returns/${rma.id}/return-label`, {
      token: station.credential,
      body: { accountId, serviceCode: '03' },
    });
    expect(label.status).toBe(201);
    const serial = Number(label.body.trackingNumber.slice(10, 17));
    expect(serial).toBe(block.body.lastSerial + 1);
  });

  it('refuses what needs no label, an unknown service and another warehouse', async () => {
    const dropoff = await authorizedReturn('dropoff');
    const refused = await t.api('POST', `/v1/returns/${dropoff.id}/return-label`, { token: clerk, body: { accountId, serviceCode: '03' } });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('return_label_not_needed');
    const rma = await authorizedReturn();
    const unknown = await t.api('POST', `/v1/returns/${rma.id}/return-label`, { token: clerk, body: { accountId, serviceCode: '99' } });
    expect(unknown.status).toBe(422);
    expect(unknown.body.code).toBe('carrier_service_unknown');
    expect(
      (await t.api('POST', `/v1/returns/${rma.id}/return-label`, { token: otherClerk, body: { accountId, serviceCode: '03' } })).status,
    ).toBe(403);
    expect((await t.api('GET', `/v1/returns/${rma.id}/return-label`, { token: clerk })).status).toBe(404);
    expect(
      (await t.api('POST', `/v1/returns/${rma.id}/return-label`, { token: clerk, body: { accountId: 'x', serviceCode: '03' } })).status,
    ).toBe(400);
  });
});

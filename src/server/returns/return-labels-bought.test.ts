import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { isValidUps1z } from '../../shared/carriers/tracking-numbers';
import type { FulfillmentDocument } from '../../shared/sync/fulfillment-document';
import { startEasyPostContractServer, type EasyPostContractServer } from '../carriers/testing/easypost-contract-server';
import { easyPostAccount } from '../carriers/testing/easypost-account';
import { configFromEnv } from '../config';
import { sampleAddress, sampleOrder, startTestServer, type TestServer } from '../testing/test-server';

/**
 * Return labels of an account that buys its labels (EasyPost), over real HTTP against the
 * contract server, on the test database: bought as a return shipment from the customer back to
 * the warehouse, weighed from what the order shipped, the carrier's file kept and answered again
 * without paying twice; the carrier's failures answered and nothing kept, so asking again works;
 * an unused label voided for a refund and never handed out for printing again.
 */
let t: TestServer;
let ep: EasyPostContractServer;
let warehouseId: string;
let accountId: string;
let clerk: string;
const API_KEY = 'EZTK_contract_key_returns';
const HOME = { name: 'Dockside Returns', line1: '10 Harbour Rd', city: 'Portsmouth', postalCode: 'PO1 3LJ', country: 'GB' };
const GRAMS_PER_OUNCE = 28.349523125;

beforeAll(async () => {
  ep = await startEasyPostContractServer({ apiKey: API_KEY });
  const base = configFromEnv(process.env);
  t = await startTestServer({
    webhooks: { ...base.webhooks, secretKey: 'return-label-tests-sealing-key' },
    carrierApi: { easypostUrl: ep.url, timeoutMs: 1500, refundRetryMs: 300 },
  });
  warehouseId = (await t.api('POST', '/v1/warehouses', { body: { code: 'RB-1', name: 'Returns bought', priority: 10, address: HOME } }))
    .body.id;
  for (const sku of ['SKU-MUG', 'SKU-TEE']) await t.api('PUT', `/v1/inventory/${warehouseId}/${sku}`, { body: { onHand: 100 } });
  const account = await t.api('POST', '/v1/carrier-accounts', { body: easyPostAccount(warehouseId, API_KEY) });
  expect(account.status).toBe(201);
  accountId = account.body.id;
  clerk = (await t.api('POST', '/v1/api-keys', { body: { name: 'Rita', role: 'returns', warehouseId } })).body.key;
});
afterAll(async () => {
  await t?.close();
  await ep?.close();
});

/** An authorized RMA for one mug of an order shipped in one parcel of `weightGrams` (three units). */
async function authorizedReturn(
  weightGrams: number | null,
  shippingAddress = sampleAddress,
): Promise<{ id: string; number: string; orderId: string }> {
  const order = await t.api('POST', '/v1/orders', { body: sampleOrder({ shippingAddress }) });
  for (const fo of order.body.fulfillmentOrders as FulfillmentDocument[]) {
    const pkg = await t.api('POST', `/v1/fulfillment-orders/${fo.id}/packages`, {
      body: { contents: fo.lines.map((l) => ({ lineId: l.lineId, quantity: l.quantity })), ...(weightGrams ? { weightGrams } : {}) },
    });
    expect((await t.api('POST', `/v1/packages/${pkg.body.id}/ship`, { body: { carrier: 'DPD', trackingNumbers: ['T1'] } })).status).toBe(
      200,
    );
  }
  const full = (await t.api('GET', `/v1/orders/${order.body.id}`)).body;
  const mug = full.lines.find((l: { sku: string }) => l.sku === 'SKU-MUG');
  const created = await t.api('POST', `/v1/orders/${order.body.id}/returns`, {
    body: { method: 'ship', lines: [{ lineId: mug.id, quantity: 1, reasonCode: 'size_fit' }] },
  });
  expect(created.status).toBe(201);
  expect((await t.api('POST', `/v1/returns/${created.body.id}/authorize`, { token: clerk, body: {} })).body.status).toBe('authorized');
  return { id: created.body.id, number: created.body.number, orderId: order.body.id };
}

const ask = (rmaId: string, body: Record<string, unknown> = {}) =>
  t.api('POST', `/v1/returns/${rmaId}/return-label`, { token: clerk, body: { accountId, serviceCode: '03', ...body } });
const buys = () => ep.requests.filter((r) => r.path.endsWith('/buy')).length;
const refunds = () => ep.requests.filter((r) => r.path.endsWith('/refund')).length;
const labelOf = async (rmaId: string) => (await t.api('GET', `/v1/returns/${rmaId}/return-label`, { token: clerk })).body;
const cancel = (rmaId: string) => t.api('POST', `/v1/returns/${rmaId}/cancel`, { token: clerk, body: { reason: 'customer keeps it' } });
const shipmentOf = (rmaId: string) => ep.shipments().filter((s) => s.reference === rmaId);

describe('return labels bought through the carrier adapter', () => {
  it("buys a return shipment from the customer back to the warehouse, keeps the carrier's file, and answers it again", async () => {
    const rma = await authorizedReturn(1200);
    const before = buys();
    const made = await ask(rma.id);
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ rmaNumber: rma.number, carrier: 'ups', serviceName: 'UPS Ground', source: 'adapter' });
    expect(isValidUps1z(made.body.trackingNumber)).toBe(true);
    expect(made.body.trackingUrl).toContain(made.body.trackingNumber);
    // The carrier's own file, byte for byte, and what it cost.
    expect(made.body.carrierLabel).toMatchObject({ format: 'zpl', currency: 'USD' });
    expect(made.body.carrierLabel.amountMinor).toBeGreaterThan(0);
    expect(Buffer.from(made.body.carrierLabel.contentBase64, 'base64').equals(ep.labels.get(made.body.trackingNumber)!)).toBe(true);
    expect(made.body.label).toMatchObject({ rmaNumber: rma.number, returnTo: HOME, trackingNumber: made.body.trackingNumber });
    // A return shipment: the customer's parcel comes back to the warehouse; one mug of three units
    // that shipped at 1,200 g weighs 400 g.
    const [shipment] = shipmentOf(rma.id);
    expect(shipment).toMatchObject({ isReturn: true, fromZip: HOME.postalCode, toZip: sampleAddress.postalCode });
    expect(Math.abs(shipment!.weightOz - 400 / GRAMS_PER_OUNCE)).toBeLessThan(0.11);
    expect(buys()).toBe(before + 1);

    // Asked again (a reprint, a retried request): the same label, nothing bought again.
    const again = await ask(rma.id);
    expect([again.status, again.body.trackingNumber]).toEqual([200, made.body.trackingNumber]);
    expect((await t.api('GET', `/v1/returns/${rma.id}/return-label`, { token: clerk })).body).toEqual(made.body);
    expect(buys()).toBe(before + 1);
  });

  it('weighs the parcel as asked; with no weight to go on it asks for one and buys nothing', async () => {
    const unweighed = await authorizedReturn(null);
    const before = buys();
    const refused = await ask(unweighed.id);
    expect([refused.status, refused.body.code]).toEqual([422, 'weight_required']);
    expect(refused.body.detail).toContain('weightGrams');
    expect(shipmentOf(unweighed.id)).toHaveLength(0);
    const weighed = await ask(unweighed.id, { weightGrams: 2000 });
    expect(weighed.status).toBe(201);
    expect(Math.abs(shipmentOf(unweighed.id)[0]!.weightOz - 2000 / GRAMS_PER_OUNCE)).toBeLessThan(0.11);
    expect(buys()).toBe(before + 1);
  });

  it("answers the carrier's refusal and its silence, keeps nothing, and buys when asked again", async () => {
    const nowhere = await authorizedReturn(900, { ...sampleAddress, line1: '1 NOWHERE Lane' });
    const refused = await ask(nowhere.id);
    expect([refused.status, refused.body.code]).toEqual([422, 'address_invalid']);
    expect((await t.api('GET', `/v1/returns/${nowhere.id}/return-label`, { token: clerk })).status).toBe(404);

    // The carrier does not answer in time: 504, the claim released, and the next ask buys.
    const rma = await authorizedReturn(900);
    ep.stall(1, 3000);
    const silent = await ask(rma.id);
    expect([silent.status, silent.body.code]).toEqual([504, 'carrier_timeout']);
    expect((await t.api('GET', `/v1/returns/${rma.id}/return-label`, { token: clerk })).status).toBe(404);
    const later = await ask(rma.id);
    expect(later.status).toBe(201);
    expect(later.body.source).toBe('adapter');
  });

  it('two asks at once for one RMA pay once', async () => {
    const rma = await authorizedReturn(1200);
    const before = buys();
    const answers = await Promise.all([ask(rma.id), ask(rma.id), ask(rma.id)]);
    for (const a of answers) expect([200, 201, 409]).toContain(a.status);
    expect(answers.filter((a) => a.status === 409).every((a) => a.body.code === 'return_label_in_progress')).toBe(true);
    expect(new Set(answers.filter((a) => a.status < 300).map((a) => a.body.trackingNumber)).size).toBe(1);
    expect(buys()).toBe(before + 1);
  });

  it('voids an unused label for a refund and never answers it for printing again; a used one is refused', async () => {
    const rma = await authorizedReturn(1200);
    const made = await ask(rma.id);
    expect(made.status).toBe(201);
    const before = refunds();
    // The customer will drop the parcel off instead: the label is voided, the RMA stays authorized.
    const voided = await t.api('POST', `/v1/returns/${rma.id}/return-label/void`, { token: clerk, body: { reason: 'customer keeps it' } });
    expect(voided.status).toBe(200);
    expect(voided.body).toMatchObject({
      trackingNumber: made.body.trackingNumber,
      voided: { reason: 'customer keeps it', refundStatus: 'submitted' },
    });
    expect(refunds()).toBe(before + 1);
    // Voided twice: answered as it is, the carrier not asked again.
    const twice = await t.api('POST', `/v1/returns/${rma.id}/return-label/void`, { token: clerk, body: { reason: 'again' } });
    expect([twice.status, twice.body.voided.reason]).toEqual([200, 'customer keeps it']);
    expect(refunds()).toBe(before + 1);
    // Never handed out for printing again.
    const reprint = await ask(rma.id);
    expect([reprint.status, reprint.body.code]).toEqual([409, 'return_label_voided']);
    expect((await t.api('GET', `/v1/returns/${rma.id}/return-label`, { token: clerk })).body.voided.refundStatus).toBe('submitted');

    // A unit came back with it: the carrier carried it, so it is not voided.
    const used = await authorizedReturn(1200);
    expect((await ask(used.id)).status).toBe(201);
    const line = (await t.api('GET', `/v1/returns/${used.id}`, { token: clerk })).body.lines[0];
    const received = await t.api('POST', `/v1/returns/${used.id}/receive`, {
      token: clerk,
      body: { lines: [{ returnLineId: line.id, quantity: 1 }] },
    });
    expect(received.status).toBe(200);
    const refused = await t.api('POST', `/v1/returns/${used.id}/return-label/void`, { token: clerk, body: { reason: 'oops' } });
    expect([refused.status, refused.body.code]).toEqual([409, 'return_label_in_use']);
    expect(refunds()).toBe(before + 1);
  });

  it('cancelling an RMA refunds its unused label in the background, trying again while the carrier does not answer', async () => {
    const rma = await authorizedReturn(1200);
    const made = await ask(rma.id);
    expect(made.status).toBe(201);
    const before = refunds();
    ep.stall(1, 3000); // the first refund times out (the adapter waits 1.5 s)
    expect((await cancel(rma.id)).status).toBe(200);
    await vi.waitFor(async () => expect((await labelOf(rma.id)).voided).toMatchObject({ reason: 'RMA cancelled: customer keeps it' }), {
      timeout: 20_000,
      interval: 200,
    });
    expect((await labelOf(rma.id)).voided.refundStatus).toBe('submitted');
    expect(refunds()).toBeGreaterThanOrEqual(before + 2); // one not answered in time, then one answered
    expect((await ask(rma.id)).body.code).toBe('return_label_voided');
  });

  it('a carrier that refuses the refund of a cancelled RMA leaves a supervisor task, and the label as it was', async () => {
    const rma = await authorizedReturn(1200);
    const made = await ask(rma.id);
    // The carrier scanned the parcel: it will not refund the label.
    await ep.pushTracking(`${t.url}/v1/no-such-receiver`, made.body.trackingNumber, 'in_transit', 'whsec-unused');
    expect((await cancel(rma.id)).status).toBe(200);
    const taskOf = async () =>
      ((await t.api('GET', `/v1/orders/${rma.orderId}/tasks`)).body.data as { kind: string; title: string }[]).find(
        (x) => x.kind === 'return-label-refund-failed',
      );
    await vi.waitFor(async () => expect(await taskOf()).toBeDefined(), { timeout: 20_000, interval: 200 });
    expect((await taskOf())!.title).toContain(`${made.body.trackingNumber} of ${rma.number} was not refunded`);
    expect((await labelOf(rma.id)).voided).toBeNull();
  });

  it('refuses a service the account does not have and a switched-off account, before calling the carrier', async () => {
    const rma = await authorizedReturn(1200);
    const calls = ep.requests.length;
    const unknown = await ask(rma.id, { serviceCode: '99' });
    expect([unknown.status, unknown.body.code]).toEqual([422, 'carrier_service_unknown']);
    expect((await t.api('PATCH', `/v1/carrier-accounts/${accountId}`, { body: { active: false } })).status).toBe(200);
    try {
      const off = await ask(rma.id);
      expect([off.status, off.body.code]).toEqual([409, 'carrier_account_inactive']);
    } finally {
      await t.api('PATCH', `/v1/carrier-accounts/${accountId}`, { body: { active: true } });
    }
    expect(ep.requests.length).toBe(calls);
  });
});

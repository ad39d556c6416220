import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isValidUps1z } from '../../shared/carriers/tracking-numbers';
import type { FulfillmentDocument } from '../../shared/sync/fulfillment-document';
import { configFromEnv } from '../config';
import { sampleOrder, setUpWarehouse, startTestServer, type TestServer } from '../testing/test-server';
import { startEasyPostContractServer, type EasyPostContractServer } from './testing/easypost-contract-server';

/**
 * Buying labels through the EasyPost adapter, over real HTTP, against the contract server, on the
 * test database (PGlite, or PostgreSQL with DOCKSIDE_TEST_DATABASE_URL): rate and buy, the label on
 * the package, order and timeline; asking twice never pays twice; void with a refund; the
 * carrier's refusals as stable 4xx; signed tracking pushes to delivered, with supervisor tasks for
 * exceptions; forged pushes refused.
 */
let t: TestServer;
let ep: EasyPostContractServer;
let lon: Awaited<ReturnType<typeof setUpWarehouse>>;
let other: Awaited<ReturnType<typeof setUpWarehouse>>;
let accountId: string;
let packer: string;
const API_KEY = 'EZTK_contract_key_0001';
const WEBHOOK_SECRET = 'whsec-dockside-tracking-0001';
const shipFrom = { name: 'Dockside LON', line1: '1 Dock Road', city: 'London', postalCode: 'E14 5AB', country: 'GB' };

beforeAll(async () => {
  ep = await startEasyPostContractServer({ apiKey: API_KEY });
  const base = configFromEnv(process.env);
  t = await startTestServer({
    webhooks: { ...base.webhooks, secretKey: 'carrier-label-tests-sealing-key' },
    carrierApi: { ...base.carrierApi, easypostUrl: ep.url, timeoutMs: 2000 },
  });
  lon = await setUpWarehouse(t, 'LBL-1');
  other = await setUpWarehouse(t, 'LBL-2');
  const account = await t.api('POST', '/v1/carrier-accounts', {
    body: {
      warehouseId: lon.warehouseId,
      carrier: 'ups',
      accountNumber: 'EZ0001',
      name: 'UPS via EasyPost',
      labelFormat: 'zpl',
      labelSource: 'easypost',
      services: [
        { code: '03', name: 'UPS Ground' },
        { code: '02', name: 'UPS 2nd Day Air' },
      ],
      credentials: { apiKey: API_KEY, webhookSecret: WEBHOOK_SECRET },
    },
  });
  expect(account.status).toBe(201);
  expect(account.body).toMatchObject({ labelSource: 'easypost', credentialNames: ['apiKey', 'webhookSecret'] });
  accountId = account.body.id;
  packer = (await t.api('POST', '/v1/api-keys', { body: { name: 'packer', role: 'packer', warehouseId: lon.warehouseId } })).body.key;
});
afterAll(async () => {
  await t?.close();
  await ep?.close();
});

async function packedPackage(weightGrams: number | null = 1200): Promise<{ doc: FulfillmentDocument; packageId: string }> {
  const created = await t.api('POST', '/v1/orders', { body: sampleOrder() });
  const doc = created.body.fulfillmentOrders.find((f: FulfillmentDocument) => f.warehouseId === lon.warehouseId) as FulfillmentDocument;
  const packageId = crypto.randomUUID();
  const pkg = await t.api('POST', `/v1/fulfillment-orders/${doc.id}/packages`, {
    token: packer,
    body: {
      id: packageId,
      contents: doc.lines.map((l) => ({ lineId: l.lineId, quantity: l.quantity })),
      ...(weightGrams ? { weightGrams } : {}),
    },
  });
  expect(pkg.status).toBe(201);
  return { doc, packageId };
}
const buy = (packageId: string, body: Record<string, unknown> = {}, token = packer) =>
  t.api('POST', `/v1/packages/${packageId}/carrier-label`, { token, body: { accountId, serviceCode: '03', shipFrom, ...body } });
const pushUrl = () => `${t.url}/v1/carrier-accounts/${accountId}/tracking-events`;

describe('labels bought through the carrier adapter', () => {
  it('rates, buys and puts the tracking number, tracking URL and the carrier label on the package, order and timeline', async () => {
    const { doc, packageId } = await packedPackage();
    const bought = await buy(packageId);
    expect(bought.status).toBe(201);
    expect(bought.body).toMatchObject({
      packageId,
      status: 'bought',
      carrier: 'ups',
      serviceName: 'UPS Ground',
      labelFormat: 'zpl',
      currency: 'USD',
    });
    expect(isValidUps1z(bought.body.trackingNumber)).toBe(true);
    // The carrier's file, byte for byte.
    expect(Buffer.from(bought.body.labelBase64, 'base64').equals(ep.labels.get(bought.body.trackingNumber)!)).toBe(true);

    const pkg = (await t.api('GET', `/v1/packages/${packageId}`)).body;
    expect(pkg).toMatchObject({
      status: 'labelled',
      carrier: 'ups',
      service: 'UPS Ground',
      trackingNumber: bought.body.trackingNumber,
      trackingUrl: bought.body.trackingUrl,
      labelFormat: 'zpl',
      labelUrl: expect.stringContaining(`${bought.body.trackingNumber}.zpl`),
    });
    const shipments = (await t.api('GET', `/v1/orders/${doc.orderId}/shipments`)).body.data;
    expect(shipments[0]).toMatchObject({ trackingNumber: bought.body.trackingNumber, trackingUrl: bought.body.trackingUrl });
    const timeline = (await t.api('GET', `/v1/orders/${doc.orderId}/timeline`)).body.data as {
      type: string;
      payload: { reason?: string };
    }[];
    expect(timeline.find((e) => e.type === 'package-labelled')?.payload.reason).toContain(`tracking ${bought.body.trackingNumber}`);

    // Asked again (Ship pressed twice, a retried request): the same label, nothing bought again.
    const buys = ep.requests.filter((r) => r.path.endsWith('/buy')).length;
    const again = await buy(packageId);
    expect([again.status, again.body.trackingNumber]).toEqual([200, bought.body.trackingNumber]);
    expect(ep.requests.filter((r) => r.path.endsWith('/buy')).length).toBe(buys);
    expect((await t.api('GET', `/v1/packages/${packageId}/carrier-label`, { token: packer })).body.labelBase64).toBe(
      bought.body.labelBase64,
    );
  });

  it('rates every service of the account for a package without buying, and says which the carrier did not offer', async () => {
    const { packageId } = await packedPackage();
    const buys = ep.requests.filter((r) => r.path.endsWith('/buy')).length;
    const rated = await t.api('POST', `/v1/packages/${packageId}/carrier-rates`, { token: packer, body: { accountId, shipFrom } });
    expect(rated.status).toBe(200);
    expect(rated.body).toMatchObject({
      accountId,
      carrier: 'ups',
      rates: [{ serviceCode: '03', serviceName: 'UPS Ground', currency: 'USD' }],
      unavailable: [{ serviceCode: '02', serviceName: 'UPS 2nd Day Air' }],
    });
    expect(rated.body.rates[0].amountMinor).toBeGreaterThan(0);
    expect(ep.requests.filter((r) => r.path.endsWith('/buy')).length).toBe(buys);
    expect((await t.api('GET', `/v1/packages/${packageId}`)).body).toMatchObject({ status: 'packing', trackingNumber: null });
    // The same refusals as a purchase: a bad address, another warehouse's caller, no weight.
    const nowhere = await t.api('POST', `/v1/packages/${packageId}/carrier-rates`, {
      token: packer,
      body: { accountId, shipFrom: { ...shipFrom, line1: '1 NOWHERE Lane' } },
    });
    expect([nowhere.status, nowhere.body.code]).toEqual([422, 'address_invalid']);
    const otherPacker = (await t.api('POST', '/v1/api-keys', { body: { name: 'p2', role: 'packer', warehouseId: other.warehouseId } })).body
      .key;
    expect(
      (await t.api('POST', `/v1/packages/${packageId}/carrier-rates`, { token: otherPacker, body: { accountId, shipFrom } })).status,
    ).toBe(403);
    const light = await packedPackage(null);
    const unweighed = await t.api('POST', `/v1/packages/${light.packageId}/carrier-rates`, {
      token: packer,
      body: { accountId, shipFrom },
    });
    expect([unweighed.status, unweighed.body.code]).toEqual([422, 'weight_required']);
  });

  it('two buys at once for one package pay once', async () => {
    const { packageId } = await packedPackage();
    const buys = ep.requests.filter((r) => r.path.endsWith('/buy')).length;
    const answers = await Promise.all([buy(packageId), buy(packageId), buy(packageId)]);
    const numbers = new Set(answers.filter((a) => a.status < 300).map((a) => a.body.trackingNumber));
    expect(numbers.size).toBe(1);
    for (const a of answers) expect([200, 201, 409]).toContain(a.status);
    expect(answers.filter((a) => a.status === 409).every((a) => a.body.code === 'carrier_label_in_progress')).toBe(true);
    expect(ep.requests.filter((r) => r.path.endsWith('/buy')).length).toBe(buys + 1);
  });

  it('buys for a package still in a station outbox, by its fulfillment order', async () => {
    const { doc } = await packedPackage();
    const unseen = crypto.randomUUID();
    const early = await buy(unseen, { fulfillmentOrderId: doc.id, weightGrams: 800 }, lon.stationToken);
    expect(early.status).toBe(201);
    const timeline = (await t.api('GET', `/v1/orders/${doc.orderId}/timeline`)).body.data as { type: string }[];
    expect(timeline.map((e) => e.type)).toContain('carrier-label-bought');
    expect((await buy(unseen, { weightGrams: 800 }, lon.stationToken)).status).toBe(404);
  });

  it("answers the carrier's refusals with stable codes, and buys nothing", async () => {
    const { packageId } = await packedPackage();
    const before = ep.requests.filter((r) => r.path.endsWith('/buy')).length;
    const nowhere = await buy(packageId, { shipFrom: { ...shipFrom, line1: '1 NOWHERE Lane' } });
    expect([nowhere.status, nowhere.body.code]).toEqual([422, 'address_invalid']);
    expect(nowhere.body.detail).toContain('Address not found');
    const notOffered = await buy(packageId, { serviceCode: '02' });
    expect([notOffered.status, notOffered.body.code]).toEqual([422, 'rate_unavailable']);
    ep.stall(1, 3000);
    const slow = await buy(packageId);
    expect([slow.status, slow.body.code]).toEqual([504, 'carrier_timeout']);
    expect(ep.requests.filter((r) => r.path.endsWith('/buy')).length).toBe(before);
    // The claim was released: the package can still get its label.
    expect((await buy(packageId)).status).toBe(201);
  });

  it('checks roles and warehouse scope, and the account', async () => {
    const { packageId } = await packedPackage();
    const otherPacker = (await t.api('POST', '/v1/api-keys', { body: { name: 'p2', role: 'packer', warehouseId: other.warehouseId } })).body
      .key;
    expect((await buy(packageId, {}, otherPacker)).status).toBe(403);
    expect((await buy(packageId, {}, other.stationToken)).status).toBe(403);
    const returns = (await t.api('POST', '/v1/api-keys', { body: { name: 'r', role: 'returns', warehouseId: lon.warehouseId } })).body.key;
    expect((await buy(packageId, {}, returns)).status).toBe(403);
    const blocks = await t.api('POST', '/v1/carrier-accounts', {
      body: {
        warehouseId: lon.warehouseId,
        carrier: 'ups',
        accountNumber: 'BLK001',
        name: 'UPS blocks',
        labelFormat: 'zpl',
        services: [{ code: '03', name: 'UPS Ground' }],
      },
    });
    const notBought = await buy(packageId, { accountId: blocks.body.id });
    expect([notBought.status, notBought.body.code]).toEqual([409, 'carrier_labels_not_bought']);
    const noWeight = await packedPackage(null);
    expect((await buy(noWeight.packageId)).body.code).toBe('weight_required');
    const noKey = await t.api('POST', '/v1/carrier-accounts', {
      body: {
        warehouseId: lon.warehouseId,
        carrier: 'ups',
        accountNumber: 'NOK001',
        name: 'x',
        labelFormat: 'zpl',
        labelSource: 'easypost',
        services: [{ code: '03', name: 'UPS Ground' }],
      },
    });
    expect(noKey.status).toBe(400);
  });

  it('voids a bought label before it ships: refunded at the carrier, the package voided', async () => {
    const { doc, packageId } = await packedPackage();
    const bought = await buy(packageId);
    // A paid label is not dropped by voiding the package alone.
    const plain = await t.api('POST', `/v1/packages/${packageId}/void`, { token: packer, body: { reason: 'wrong box' } });
    expect([plain.status, plain.body.code]).toEqual([409, 'carrier_label_bought']);
    const voided = await t.api('POST', `/v1/packages/${packageId}/carrier-label/void`, { token: packer, body: { reason: 'wrong box' } });
    expect(voided.status).toBe(200);
    expect(voided.body).toMatchObject({
      status: 'refund_submitted',
      trackingNumber: bought.body.trackingNumber,
      voidedAt: expect.any(String),
    });
    expect(ep.requests.filter((r) => r.path.endsWith('/refund')).length).toBeGreaterThan(0);
    const pkg = (await t.api('GET', `/v1/packages/${packageId}`)).body;
    expect(pkg).toMatchObject({ status: 'voided', voidReason: 'wrong box' });
    expect((await t.api('GET', `/v1/fulfillment-orders/${doc.id}`)).body.lines.every((l: { packed: number }) => l.packed === 0)).toBe(true);
    // Its units can be packed and labelled again: a new label.
    const repack = crypto.randomUUID();
    await t.api('POST', `/v1/fulfillment-orders/${doc.id}/packages`, {
      token: packer,
      body: { id: repack, contents: doc.lines.map((l) => ({ lineId: l.lineId, quantity: l.quantity })), weightGrams: 1000 },
    });
    expect((await buy(repack)).body.trackingNumber).not.toBe(bought.body.trackingNumber);
    expect((await t.api('POST', `/v1/packages/${packageId}/carrier-label/void`, { token: packer, body: { reason: 'again' } })).status).toBe(
      404,
    );
  });

  it('signed tracking pushes move the package to delivered and the order with it; a forged push changes nothing', async () => {
    const { doc, packageId } = await packedPackage();
    const bought = (await buy(packageId)).body;
    const code = bought.trackingNumber as string;
    // Scanned before the shipment reached the server: refused for now, so the carrier delivers it again.
    const early = await ep.pushTracking(pushUrl(), code, 'in_transit', WEBHOOK_SECRET);
    expect(early.status).toBe(409);
    expect((await t.api('POST', `/v1/packages/${packageId}/ship`, { token: packer, body: {} })).status).toBe(200);

    const forged = await ep.pushTracking(pushUrl(), code, 'delivered', 'not-the-secret');
    expect([forged.status, JSON.parse(forged.body).code]).toEqual([401, 'signature_invalid']);
    const unsigned = await fetch(pushUrl(), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(unsigned.status).toBe(401);

    const moving = await ep.pushTracking(pushUrl(), code, 'in_transit', WEBHOOK_SECRET, { eventId: early.eventId });
    expect([moving.status, JSON.parse(moving.body)]).toEqual([200, { outcome: 'applied', packageId, status: 'in_transit' }]);
    const redelivered = await ep.pushTracking(pushUrl(), code, 'in_transit', WEBHOOK_SECRET, { eventId: early.eventId });
    expect(JSON.parse(redelivered.body).outcome).toBe('duplicate');
    const pre = await ep.pushTracking(pushUrl(), code, 'pre_transit', WEBHOOK_SECRET);
    expect(JSON.parse(pre.body).outcome).toBe('ignored');
    const delivered = await ep.pushTracking(pushUrl(), code, 'delivered', WEBHOOK_SECRET, { message: 'Left at front door' });
    expect(JSON.parse(delivered.body)).toEqual({ outcome: 'applied', packageId, status: 'delivered' });

    const pkg = (await t.api('GET', `/v1/packages/${packageId}`)).body;
    expect(pkg).toMatchObject({ status: 'delivered', deliveredAt: expect.any(String) });
    expect(pkg.tracking.map((e: { status: string }) => e.status)).toEqual(['in_transit', 'delivered']);
    expect(pkg.tracking[1]).toMatchObject({ description: 'Left at front door', location: 'Louisville, KY, US' });
    expect((await t.api('GET', `/v1/orders/${doc.orderId}`)).body.status).toBe('delivered');
    const unknown = await ep.pushTracking(pushUrl(), '1Z999AA10123456784', 'delivered', WEBHOOK_SECRET);
    expect(JSON.parse(unknown.body).outcome).toBe('unknown_tracking_number');
  });

  it('an exception and a return to sender open supervisor tasks', async () => {
    const { doc, packageId } = await packedPackage();
    const code = (await buy(packageId)).body.trackingNumber as string;
    await t.api('POST', `/v1/packages/${packageId}/ship`, { token: packer, body: {} });
    expect((await ep.pushTracking(pushUrl(), code, 'failure', WEBHOOK_SECRET, { message: 'Address not found' })).status).toBe(200);
    expect((await ep.pushTracking(pushUrl(), code, 'return_to_sender', WEBHOOK_SECRET)).status).toBe(200);
    const tasks = await t.server.db.query<{ kind: string; warehouse_id: string }>(
      'select kind, warehouse_id from tasks where order_id = $1 order by created_at',
      [doc.orderId],
    );
    expect(tasks).toEqual([
      { kind: 'package-exception', warehouse_id: lon.warehouseId },
      { kind: 'package-returned-to-sender', warehouse_id: lon.warehouseId },
    ]);
    expect((await t.api('GET', `/v1/packages/${packageId}`)).body.status).toBe('returned_to_sender');
  });
});

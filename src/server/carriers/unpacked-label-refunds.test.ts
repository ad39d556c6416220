import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { StationEvent } from '../../shared/events/station-events';
import type { FulfillmentDocument } from '../../shared/sync/fulfillment-document';
import { configFromEnv } from '../config';
import { sampleOrder, setUpWarehouse, startTestServer, type TestServer } from '../testing/test-server';
import { stationEventsOf } from '../testing/station-events';
import { startEasyPostContractServer, type EasyPostContractServer } from './testing/easypost-contract-server';
import { easyPostAccount } from './testing/easypost-account';

/**
 * A box unpacked at a station (package-voided) after its label was bought from the carrier: the
 * push asks for the label's refund, and the server gets it in the background, against the
 * EasyPost contract server, trying again while the carrier does not answer. A carrier that refuses
 * leaves a supervisor task. The API's own void falls back to the same background refund when the
 * carrier does not answer. Runs on PGlite and on PostgreSQL.
 */
let t: TestServer;
let ep: EasyPostContractServer;
let station: Awaited<ReturnType<typeof setUpWarehouse>>;
let accountId: string;
const API_KEY = 'EZTK_contract_key_unpacked';
const shipFrom = { name: 'Dockside LON', line1: '1 Dock Road', city: 'London', postalCode: 'E14 5AB', country: 'GB' };

beforeAll(async () => {
  ep = await startEasyPostContractServer({ apiKey: API_KEY });
  const base = configFromEnv(process.env);
  t = await startTestServer({
    webhooks: { ...base.webhooks, secretKey: 'unpacked-label-tests-sealing-key' },
    carrierApi: { easypostUrl: ep.url, timeoutMs: 1500, refundRetryMs: 300 },
  });
  station = await setUpWarehouse(t, 'ULR-1');
  const account = await t.api('POST', '/v1/carrier-accounts', { body: easyPostAccount(station.warehouseId, API_KEY) });
  expect(account.status).toBe(201);
  accountId = account.body.id;
});
afterAll(async () => {
  await t?.close();
  await ep?.close();
});

const { event } = stationEventsOf(() => station.stationId);
async function push(events: StationEvent[]): Promise<string[]> {
  const res = await t.api('POST', '/v1/sync/push', { token: station.stationToken, body: { events } });
  expect(res.status).toBe(200);
  return (res.body.outcomes as { outcome: string; code?: string }[]).map((o) => o.code ?? o.outcome);
}

/** A box packed at the station whose label was bought (its printer then jammed). */
async function boxWithBoughtLabel(): Promise<{ doc: FulfillmentDocument; packageId: string; trackingNumber: string }> {
  const created = await t.api('POST', '/v1/orders', { body: sampleOrder() });
  const doc = created.body.fulfillmentOrders[0] as FulfillmentDocument;
  const packageId = crypto.randomUUID();
  const contents = doc.lines.map((l) => ({ lineId: l.lineId, quantity: l.quantity }));
  const packed = await push([
    event(doc, 'fulfillment-order-claimed', {}),
    ...doc.lines.map((l) => event(doc, 'item-verified', { lineId: l.lineId, barcode: l.barcode, quantity: l.quantity })),
    event(doc, 'package-created', { packageId, contents, weightGrams: 1200 }),
  ]);
  expect(packed.every((o) => o === 'applied')).toBe(true);
  const bought = await t.api('POST', `/v1/packages/${packageId}/carrier-label`, {
    token: station.stationToken,
    body: { accountId, serviceCode: '03', shipFrom, fulfillmentOrderId: doc.id },
  });
  expect(bought.status).toBe(201);
  return { doc, packageId, trackingNumber: bought.body.trackingNumber };
}

const refunds = () => ep.requests.filter((r) => r.path.endsWith('/refund')).length;
const timelineOf = async (orderId: string) =>
  (await t.api('GET', `/v1/orders/${orderId}/timeline`)).body.data as { type: string; payload: Record<string, unknown> }[];

describe("an unpacked box's bought label", () => {
  it('is refunded in the background, tried again while the carrier does not answer, and said on the timeline', async () => {
    const { doc, packageId, trackingNumber } = await boxWithBoughtLabel();
    const before = refunds();
    ep.stall(1, 3000); // the first refund times out (the adapter waits 1.5 s)
    expect(await push([event(doc, 'package-voided', { packageId, reason: 'label printer down' })])).toEqual(['applied']);
    const voided = async () => (await timelineOf(doc.orderId)).find((e) => e.type === 'carrier-label-voided');
    await vi.waitFor(async () => expect(await voided()).toBeDefined(), { timeout: 20_000, interval: 200 });
    expect((await voided())!.payload).toMatchObject({
      packageId,
      trackingNumber,
      reason: `label ${trackingNumber} voided (refund submitted): package unpacked at a station: label printer down`,
    });
    expect(refunds()).toBeGreaterThanOrEqual(before + 2); // one not answered in time, then one answered
    // No live label is left to reprint, and none is refunded twice.
    expect((await t.api('GET', `/v1/packages/${packageId}/carrier-label`)).status).toBe(404);
    const after = refunds();
    await new Promise((r) => setTimeout(r, 800));
    expect(refunds()).toBe(after);
  });

  it('a carrier that refuses the refund leaves a supervisor task', async () => {
    const { doc, packageId, trackingNumber } = await boxWithBoughtLabel();
    // The carrier scanned the parcel: it will not refund the label.
    await ep.pushTracking(`${t.url}/v1/no-such-receiver`, trackingNumber, 'in_transit', 'whsec-unused');
    expect(await push([event(doc, 'package-voided', { packageId, reason: 'wrong items in the box' })])).toEqual(['applied']);
    const taskOf = async () =>
      ((await t.api('GET', `/v1/orders/${doc.orderId}/tasks`)).body.data as { kind: string; title: string }[]).find(
        (x) => x.kind === 'carrier-label-refund-failed',
      );
    await vi.waitFor(async () => expect(await taskOf()).toBeDefined(), { timeout: 20_000, interval: 200 });
    expect((await taskOf())!.title).toContain(`Label ${trackingNumber} of ${doc.orderNumber}'s unpacked package was not refunded`);
    expect((await timelineOf(doc.orderId)).some((e) => e.type === 'carrier-label-voided')).toBe(false);
  });

  it('a box unpacked with no bought label asks the carrier nothing', async () => {
    const created = await t.api('POST', '/v1/orders', { body: sampleOrder() });
    const doc = created.body.fulfillmentOrders[0] as FulfillmentDocument;
    const packageId = crypto.randomUUID();
    const before = ep.requests.length;
    const outcomes = await push([
      event(doc, 'fulfillment-order-claimed', {}),
      event(doc, 'item-verified', { lineId: doc.lines[0]!.lineId, barcode: doc.lines[0]!.barcode, quantity: 1 }),
      event(doc, 'package-created', { packageId, contents: [{ lineId: doc.lines[0]!.lineId, quantity: 1 }], weightGrams: null }),
      event(doc, 'package-voided', { packageId, reason: 'box damaged' }),
    ]);
    expect(outcomes.every((o) => o === 'applied')).toBe(true);
    await new Promise((r) => setTimeout(r, 800));
    expect(ep.requests.length).toBe(before);
  });

  it("the API's void while the carrier does not answer: the package is voided now (202), the label is not handed out, and the refund follows", async () => {
    const { doc, packageId, trackingNumber } = await boxWithBoughtLabel();
    const before = refunds();
    ep.stall(2, 3000); // the void's own call and the first background try both time out
    const voided = await t.api('POST', `/v1/packages/${packageId}/carrier-label/void`, { body: { reason: 'customer changed address' } });
    expect(voided.status).toBe(202);
    expect(voided.body).toMatchObject({ status: 'bought', refundPending: true, trackingNumber, voidedAt: expect.any(String) });
    expect((await t.api('GET', `/v1/packages/${packageId}`)).body).toMatchObject({
      status: 'voided',
      voidReason: 'customer changed address',
    });
    // Not reprinted, and not voided twice.
    expect((await t.api('GET', `/v1/packages/${packageId}/carrier-label`)).status).toBe(404);
    expect((await t.api('POST', `/v1/packages/${packageId}/carrier-label/void`, { body: { reason: 'again' } })).status).toBe(404);
    const refunded = async () => (await timelineOf(doc.orderId)).find((e) => e.type === 'carrier-label-voided');
    await vi.waitFor(async () => expect(await refunded()).toBeDefined(), { timeout: 20_000, interval: 200 });
    expect((await refunded())!.payload.reason).toBe(`label ${trackingNumber} voided (refund submitted): customer changed address`);
    expect(refunds()).toBeGreaterThanOrEqual(before + 3);
    const voidedEntry = (await timelineOf(doc.orderId)).find((e) => e.type === 'package-voided');
    expect(voidedEntry!.payload.reason).toContain('the carrier did not answer, so its refund is asked for again in the background');
  });
});

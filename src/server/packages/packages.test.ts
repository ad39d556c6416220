import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StationEvent } from '../../shared/events/station-events';
import type { FulfillmentDocument } from '../../shared/sync/fulfillment-document';
import { sampleOrder, setUpWarehouse, startTestServer, type TestServer } from '../testing/test-server';

let t: TestServer;
let lon: Awaited<ReturnType<typeof setUpWarehouse>>;
let man: Awaited<ReturnType<typeof setUpWarehouse>>;
let integrator: string;
let packerLon: string;

beforeAll(async () => {
  t = await startTestServer();
  lon = await setUpWarehouse(t, 'LON-1');
  man = await setUpWarehouse(t, 'MAN-1', {});
  integrator = (await t.api('POST', '/v1/api-keys', { body: { name: 'carrier feed', role: 'integrator' } })).body.key;
  packerLon = (await t.api('POST', '/v1/api-keys', { body: { name: 'packer', role: 'packer', warehouseId: lon.warehouseId } })).body.key;
});
afterAll(() => t.close());

async function newFo(): Promise<FulfillmentDocument> {
  const created = await t.api('POST', '/v1/orders', { body: sampleOrder() });
  return created.body.fulfillmentOrders[0] as FulfillmentDocument;
}
const lineOf = (fo: FulfillmentDocument, sku: string) => fo.lines.find((l) => l.sku === sku)!.lineId;
const everything = (fo: FulfillmentDocument) => fo.lines.map((l) => ({ lineId: l.lineId, quantity: l.quantity }));
const level = async (sku: string) => (await t.api('GET', `/v1/inventory/${lon.warehouseId}/${sku}`)).body;
const fo = async (id: string) => (await t.api('GET', `/v1/fulfillment-orders/${id}`)).body as FulfillmentDocument;
const order = async (id: string) => (await t.api('GET', `/v1/orders/${id}`)).body;

describe('packages through the API', () => {
  it('creates, labels, ships and tracks a package to delivery; the FO document, stock and order follow', async () => {
    const doc = await newFo();
    const mugBefore = await level('SKU-MUG');
    const pkgId = crypto.randomUUID();
    const created = await t.api('POST', `/v1/fulfillment-orders/${doc.id}/packages`, {
      token: packerLon,
      body: { id: pkgId, contents: everything(doc), weightGrams: 1200, dimensions: { lengthMm: 300, widthMm: 200, heightMm: 100 } },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: pkgId, status: 'packing', weightGrams: 1200, dimensions: { lengthMm: 300 } });
    // Retrying the same create answers with the same package.
    const retry = await t.api('POST', `/v1/fulfillment-orders/${doc.id}/packages`, {
      token: packerLon,
      body: { id: pkgId, contents: everything(doc), weightGrams: 1200 },
    });
    expect(retry.status).toBe(200);
    let current = await fo(doc.id);
    expect(current.status).toBe('in_progress');
    expect(current.packages).toHaveLength(1);
    expect(current.lines.map((l) => [l.packed, l.verified])).toEqual(current.lines.map((l) => [l.quantity, l.quantity]));

    const shipEarly = await t.api('POST', `/v1/packages/${pkgId}/ship`, { token: packerLon, body: {} });
    expect(shipEarly.status).toBe(409);
    expect(shipEarly.body.code).toBe('package_transition_forbidden');

    const labelled = await t.api('POST', `/v1/packages/${pkgId}/label`, {
      token: packerLon,
      body: {
        carrier: 'DPD',
        service: 'next-day',
        trackingNumbers: ['15501234567890', '15501234567891'],
        format: 'zpl',
        sscc: '006141410000000018',
      },
    });
    expect(labelled.body).toMatchObject({
      status: 'labelled',
      carrier: 'DPD',
      service: 'next-day',
      trackingNumber: '15501234567890',
      trackingNumbers: ['15501234567890', '15501234567891'],
      sscc: '006141410000000018',
      labelFormat: 'zpl',
    });
    expect(
      (await t.api('POST', `/v1/packages/${pkgId}/label`, { body: { carrier: 'DPD', trackingNumbers: [], sscc: '123' } })).body.code,
    ).toBe('validation_failed');

    const shipped = await t.api('POST', `/v1/packages/${pkgId}/ship`, { token: packerLon, body: { note: 'collected 16:00' } });
    expect(shipped.status).toBe(200);
    expect(shipped.body.status).toBe('shipped');
    expect(shipped.body.shippedAt).toBeTruthy();
    current = await fo(doc.id);
    expect(current.status).toBe('closed');
    expect(current.lines.every((l) => l.shipped === l.quantity)).toBe(true);
    const mugAfter = await level('SKU-MUG');
    expect(mugAfter.onHand).toBe(mugBefore.onHand - 2);
    expect(mugAfter.reserved).toBe(mugBefore.reserved - 2);
    expect((await order(doc.orderId)).status).toBe('shipped');

    const transit = await t.api('POST', `/v1/packages/${pkgId}/tracking`, {
      token: integrator,
      body: { status: 'in_transit', location: 'Hinckley hub', externalId: 'evt-1', occurredAt: '2026-01-02T09:00:00.000Z' },
    });
    expect(transit.body.status).toBe('in_transit');
    // The carrier redelivers the same event: recorded once.
    const dup = await t.api('POST', `/v1/packages/${pkgId}/tracking`, {
      token: integrator,
      body: { status: 'in_transit', location: 'Hinckley hub', externalId: 'evt-1' },
    });
    expect(dup.status).toBe(200);
    expect(dup.body.tracking).toHaveLength(1);
    const delivered = await t.api('POST', `/v1/packages/${pkgId}/deliver`, {
      token: integrator,
      body: { location: 'front door', externalId: 'evt-2' },
    });
    expect(delivered.body).toMatchObject({ status: 'delivered' });
    expect(delivered.body.deliveredAt).toBeTruthy();
    expect(delivered.body.tracking.map((e: { status: string }) => e.status)).toEqual(['in_transit', 'delivered']);
    const late = await t.api('POST', `/v1/packages/${pkgId}/tracking`, { token: integrator, body: { status: 'in_transit' } });
    expect(late.body.code).toBe('package_status_final');
    const o = await order(doc.orderId);
    expect(o.status).toBe('delivered');
    expect(o.milestones.delivered).toBeTruthy();

    const tracking = await t.api('GET', `/v1/packages/${pkgId}/tracking`, { token: lon.stationToken });
    expect(tracking.body).toMatchObject({ status: 'delivered', carrier: 'DPD', trackingNumber: '15501234567890' });
    const timeline = (await t.api('GET', `/v1/orders/${doc.orderId}/timeline`)).body.data.map((e: { type: string }) => e.type);
    expect(timeline).toEqual(
      expect.arrayContaining(['package-recorded', 'package-labelled', 'package-shipped', 'package-tracking-updated']),
    );
    // Every change made through the API says who and why.
    const events = (await t.api('GET', `/v1/orders/${doc.orderId}/timeline`)).body.data as {
      type: string;
      actor: { id: string };
      payload: { reason?: string };
    }[];
    const mine = events.filter((e) => /^(package|fulfillment-order)-/.test(e.type));
    expect(mine.length).toBeGreaterThanOrEqual(6);
    expect(mine.filter((e) => !e.payload.reason || !e.actor.id).map((e) => e.type)).toEqual([]);
    expect(mine.find((e) => e.type === 'package-tracking-updated')!.payload.reason).toBe('carrier reported in transit at Hinckley hub');
    // Stations see the API's package in their replicated copy.
    const pulled = await t.api('POST', '/v1/sync/pull', {
      token: lon.stationToken,
      body: { collection: 'fulfillment_orders', checkpoint: { rev: 0 }, limit: 1000 },
    });
    const stationCopy = pulled.body.documents.filter((d: FulfillmentDocument) => d.id === doc.id).at(-1) as FulfillmentDocument;
    expect(stationCopy.packages[0]).toMatchObject({ id: pkgId, status: 'delivered', trackingNumber: '15501234567890' });
  });

  it('splits an FO into several packages and refuses to pack more than ordered', async () => {
    const doc = await newFo();
    const mug = lineOf(doc, 'SKU-MUG');
    const tee = lineOf(doc, 'SKU-TEE');
    const a = await t.api('POST', `/v1/fulfillment-orders/${doc.id}/packages`, { body: { contents: [{ lineId: mug, quantity: 1 }] } });
    expect(a.status).toBe(201);
    const over = await t.api('POST', `/v1/fulfillment-orders/${doc.id}/packages`, { body: { contents: [{ lineId: mug, quantity: 2 }] } });
    expect(over.status).toBe(422);
    expect(over.body.code).toBe('line_over_packed');
    const stranger = await t.api('POST', `/v1/fulfillment-orders/${doc.id}/packages`, {
      body: { contents: [{ lineId: crypto.randomUUID(), quantity: 1 }] },
    });
    expect(stranger.body.code).toBe('line_not_in_fulfillment_order');
    const b = await t.api('POST', `/v1/fulfillment-orders/${doc.id}/packages`, {
      body: {
        contents: [
          { lineId: mug, quantity: 1 },
          { lineId: tee, quantity: 1 },
        ],
      },
    });
    expect(b.status).toBe(201);
    // First box ships alone: the order is partially shipped, the FO stays open for the second.
    await t.api('POST', `/v1/packages/${a.body.id}/ship`, {
      token: integrator,
      body: { carrier: 'Royal Mail', trackingNumbers: ['RM123456785GB'] },
    });
    expect((await fo(doc.id)).status).toBe('in_progress');
    expect((await order(doc.orderId)).status).toBe('partially_shipped');
    const listed = await t.api('GET', `/v1/orders/${doc.orderId}/packages`);
    expect((await t.api('GET', `/v1/orders/${doc.orderId}/shipments`)).body).toEqual(listed.body);
    expect(listed.body.data.map((p: { status: string }) => p.status).sort()).toEqual(['packing', 'shipped']);
    expect(listed.body.data.find((p: { status: string }) => p.status === 'shipped')).toMatchObject({
      carrier: 'Royal Mail',
      trackingNumber: 'RM123456785GB',
    });
  });

  it('voids a package before it ships and frees its units for another box', async () => {
    const doc = await newFo();
    const pkg = await t.api('POST', `/v1/fulfillment-orders/${doc.id}/packages`, { token: packerLon, body: { contents: everything(doc) } });
    await t.api('POST', `/v1/packages/${pkg.body.id}/label`, { token: packerLon, body: { carrier: 'DPD', trackingNumbers: ['1'] } });
    expect((await t.api('POST', `/v1/packages/${pkg.body.id}/void`, { token: packerLon, body: {} })).body.code).toBe('validation_failed');
    const voided = await t.api('POST', `/v1/packages/${pkg.body.id}/void`, { token: packerLon, body: { reason: 'label smudged' } });
    expect(voided.body).toMatchObject({ status: 'voided', voidReason: 'label smudged' });
    const after = await fo(doc.id);
    expect(after.lines.every((l) => l.packed === 0 && l.verified === l.quantity)).toBe(true);
    const again = await t.api('POST', `/v1/fulfillment-orders/${doc.id}/packages`, {
      token: packerLon,
      body: { contents: everything(doc) },
    });
    expect(again.status).toBe(201);
    expect((await t.api('POST', `/v1/packages/${pkg.body.id}/void`, { body: { reason: 'twice' } })).body.code).toBe('package_status_final');
  });

  it('respects roles, warehouse scope and the station working on the order', async () => {
    const doc = await newFo();
    expect(
      (await t.api('POST', `/v1/fulfillment-orders/${doc.id}/packages`, { token: man.stationToken, body: { contents: everything(doc) } }))
        .status,
    ).toBe(403);
    const returnsKey = (await t.api('POST', '/v1/api-keys', { body: { name: 'returns', role: 'returns' } })).body.key;
    expect(
      (await t.api('POST', `/v1/fulfillment-orders/${doc.id}/packages`, { token: returnsKey, body: { contents: everything(doc) } })).status,
    ).toBe(403);
    await t.api('POST', `/v1/fulfillment-orders/${doc.id}/claim`, { token: lon.stationToken, body: {} });
    // A station has it in progress: the API cannot pack over it, the station can.
    const blocked = await t.api('POST', `/v1/fulfillment-orders/${doc.id}/packages`, { body: { contents: everything(doc) } });
    expect(blocked.body.code).toBe('fulfillment_order_in_progress_elsewhere');
    const mine = await t.api('POST', `/v1/fulfillment-orders/${doc.id}/packages`, {
      token: lon.stationToken,
      body: { contents: everything(doc) },
    });
    expect(mine.status).toBe(201);
    expect((await t.api('GET', `/v1/packages/${mine.body.id}`, { token: man.stationToken })).status).toBe(403);
    expect((await t.api('GET', `/v1/packages/${crypto.randomUUID()}`)).status).toBe(404);
    expect((await t.api('POST', `/v1/packages/${mine.body.id}/tracking`, { token: packerLon, body: { status: 'delivered' } })).status).toBe(
      403,
    );
  });

  it('finds packages a station created offline and lets the API track them', async () => {
    const doc = await newFo();
    const packageId = crypto.randomUUID();
    let seq = 0;
    const ev = (type: StationEvent['type'], payload: Record<string, unknown>) =>
      ({
        id: crypto.randomUUID(),
        stationId: lon.stationId,
        seq: ++seq + 1000,
        type,
        fulfillmentOrderId: doc.id,
        orderId: doc.orderId,
        actor: { kind: 'station', id: lon.stationId },
        occurredAt: new Date().toISOString(),
        payload,
      }) as StationEvent;
    const mug = lineOf(doc, 'SKU-MUG');
    const tee = lineOf(doc, 'SKU-TEE');
    const pushed = await t.api('POST', '/v1/sync/push', {
      token: lon.stationToken,
      body: {
        events: [
          ev('fulfillment-order-claimed', {}),
          ev('item-verified', { lineId: mug, barcode: 'x', quantity: 2 }),
          ev('item-verified', { lineId: tee, barcode: 'y', quantity: 1 }),
          ev('package-created', {
            packageId,
            contents: [
              { lineId: mug, quantity: 2 },
              { lineId: tee, quantity: 1 },
            ],
            weightGrams: 800,
          }),
          ev('label-printed', {
            packageId,
            printJobId: crypto.randomUUID(),
            format: 'zpl',
            sscc: null,
            trackingNumber: 'TRK1',
            carrier: 'DPD',
          }),
          ev('package-shipped', { packageId }),
        ],
      },
    });
    expect(pushed.body.outcomes.every((o: { outcome: string }) => o.outcome === 'applied')).toBe(true);
    const view = await t.api('GET', `/v1/packages/${packageId}`);
    expect(view.body).toMatchObject({
      id: packageId,
      fulfillmentOrderId: doc.id,
      status: 'shipped',
      trackingNumber: 'TRK1',
      trackingNumbers: ['TRK1'],
      weightGrams: 800,
    });
    const delivered = await t.api('POST', `/v1/packages/${packageId}/deliver`, { token: integrator, body: {} });
    expect(delivered.body.status).toBe('delivered');
    expect((await order(doc.orderId)).status).toBe('delivered');
  });

  it('opens a supervisor task when the carrier reports an exception or sends the parcel back', async () => {
    const doc = await newFo();
    const pkg = await t.api('POST', `/v1/fulfillment-orders/${doc.id}/packages`, { body: { contents: everything(doc) } });
    await t.api('POST', `/v1/packages/${pkg.body.id}/ship`, { token: integrator, body: { carrier: 'DPD', trackingNumbers: ['X1'] } });
    const ex = await t.api('POST', `/v1/packages/${pkg.body.id}/tracking`, {
      token: integrator,
      body: { status: 'exception', description: 'address not found' },
    });
    expect(ex.body.status).toBe('exception');
    const back = await t.api('POST', `/v1/packages/${pkg.body.id}/tracking`, { token: integrator, body: { status: 'returned_to_sender' } });
    expect(back.body.status).toBe('returned_to_sender');
    const tasks = await t.server.db.query<{
      kind: string;
      warehouse_id: string;
      detail: { packageId: string; description: string | null };
    }>('select kind, warehouse_id, detail from tasks where order_id = $1 order by created_at', [doc.orderId]);
    expect(tasks.map((x) => x.kind)).toEqual(['package-exception', 'package-returned-to-sender']);
    expect(tasks[0]).toMatchObject({ warehouse_id: lon.warehouseId, detail: { packageId: pkg.body.id, description: 'address not found' } });
    expect((await order(doc.orderId)).status).toBe('shipped');
  });
});

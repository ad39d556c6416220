import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StationEvent } from '../../shared/events/station-events';
import type { FulfillmentDocument } from '../../shared/sync/fulfillment-document';
import { sampleAddress, setUpWarehouse, startTestServer, type TestServer } from '../testing/test-server';
import { stationEventsOf } from '../testing/station-events';

/**
 * Lots and serials on the server: the per-SKU flag stamped on replicated lines, pushed pack events
 * carrying them onto package contents and the timeline, a serial packed twice refused with
 * serial_already_packed, and where a serial shipped. Runs on PGlite and on PostgreSQL.
 */
let t: TestServer;
let station: Awaited<ReturnType<typeof setUpWarehouse>>;
const STOCK = { 'LS-CAM': 50, 'LS-MILK': 50, 'LS-MUG': 50 };

beforeAll(async () => {
  t = await startTestServer();
  station = await setUpWarehouse(t, 'LS-1', STOCK);
  expect((await t.api('PUT', '/v1/skus/LS-CAM/tracking', { body: { tracking: 'serial' } })).status).toBe(200);
  expect((await t.api('PUT', '/v1/skus/LS-MILK/tracking', { body: { tracking: 'lot' } })).status).toBe(200);
});
afterAll(() => t.close());

function order(lines: { sku: string; quantity: number }[]) {
  return {
    currency: 'GBP',
    channel: 'web',
    customer: { name: 'Ada Lovelace', email: 'ada@example.com' },
    shippingAddress: sampleAddress,
    lines: lines.map((l) => ({ ...l, name: `Item ${l.sku}`, unitPriceMinor: 1000, taxRateBps: 2000 })),
    shippingMinor: 0,
    payment: { status: 'paid' },
  };
}

/** The fulfillment document as the station replicates it. */
async function placed(lines: { sku: string; quantity: number }[]): Promise<FulfillmentDocument> {
  const created = await t.api('POST', '/v1/orders', { body: order(lines) });
  expect(created.status).toBe(201);
  const fo = await t.api('GET', `/v1/fulfillment-orders/${created.body.fulfillmentOrders[0].id}`);
  expect(fo.status).toBe(200);
  return fo.body as FulfillmentDocument;
}

const { event, nextSeq } = stationEventsOf(() => station.stationId);

const lineOf = (doc: FulfillmentDocument, sku: string) => doc.lines.find((l) => l.sku === sku)!;
const serialUnit = (serial: string) => ({ serial, lot: null, expiry: null, quantity: 1 });

async function push(events: StationEvent[]) {
  const res = await t.api('POST', '/v1/sync/push', { token: station.stationToken, body: { events } });
  expect(res.status).toBe(200);
  return res.body.outcomes as { outcome: string; code?: string; message?: string }[];
}

/** The label printed and the package handed over. */
function labelAndShip(doc: FulfillmentDocument, packageId: string) {
  return [
    event(doc, 'label-printed', {
      packageId,
      printJobId: crypto.randomUUID(),
      format: 'zpl',
      sscc: null,
      trackingNumber: null,
      carrier: null,
    }),
    event(doc, 'package-shipped', { packageId }),
  ];
}

/** Claims, scans a serial-tracked camera (given serial) and packs it. */
function packCamera(doc: FulfillmentDocument, serial: string, packageId = crypto.randomUUID()) {
  const cam = lineOf(doc, 'LS-CAM').lineId;
  return [
    event(doc, 'fulfillment-order-claimed', {}),
    event(doc, 'item-verified', { lineId: cam, barcode: '09506000134352', quantity: 1, serial }),
    event(doc, 'package-created', { packageId, weightGrams: null, contents: [{ lineId: cam, quantity: 1, units: [serialUnit(serial)] }] }),
  ];
}

describe('the tracking flag', () => {
  it('is stamped on new fulfillment lines of tracked SKUs only, and read back', async () => {
    const doc = await placed([
      { sku: 'LS-CAM', quantity: 1 },
      { sku: 'LS-MILK', quantity: 2 },
      { sku: 'LS-MUG', quantity: 1 },
    ]);
    expect(doc.lines.map((l) => [l.sku, l.tracking])).toEqual([
      ['LS-CAM', 'serial'],
      ['LS-MILK', 'lot'],
      ['LS-MUG', undefined],
    ]);
    expect('tracking' in lineOf(doc, 'LS-MUG')).toBe(false);
    const read = await t.api('GET', '/v1/skus/LS-MUG/tracking', { token: station.stationToken });
    expect(read.body).toMatchObject({ sku: 'LS-MUG', tracking: 'none', updatedAt: null });
  });

  it('reaches stations on orders already routed when it changes, and only a credential bound to no warehouse may change it', async () => {
    const doc = await placed([{ sku: 'LS-MUG', quantity: 1 }]);
    const before = await t.api('POST', '/v1/sync/pull', {
      token: station.stationToken,
      body: { collection: 'fulfillment_orders', checkpoint: null, limit: 1000 },
    });
    const refused = await t.api('PUT', '/v1/skus/LS-MUG/tracking', { token: station.stationToken, body: { tracking: 'lot' } });
    expect(refused.status).toBe(403);
    expect((await t.api('PUT', '/v1/skus/LS-MUG/tracking', { body: { tracking: 'batch' } })).status).toBe(400);

    const set = await t.api('PUT', '/v1/skus/LS-MUG/tracking', { body: { tracking: 'lot' } });
    expect(set.body).toMatchObject({ sku: 'LS-MUG', tracking: 'lot' });
    expect(set.body.restamped).toBeGreaterThanOrEqual(1);
    const after = await t.api('POST', '/v1/sync/pull', {
      token: station.stationToken,
      body: { collection: 'fulfillment_orders', checkpoint: before.body.checkpoint, limit: 1000 },
    });
    const replicated = (after.body.documents as FulfillmentDocument[]).find((d) => d.id === doc.id)!;
    expect(lineOf(replicated, 'LS-MUG').tracking).toBe('lot');

    const cleared = await t.api('PUT', '/v1/skus/LS-MUG/tracking', { body: { tracking: 'none' } });
    expect(cleared.body).toMatchObject({ tracking: 'none', updatedAt: null });
    const fo = await t.api('GET', `/v1/fulfillment-orders/${doc.id}`);
    expect('tracking' in lineOf(fo.body, 'LS-MUG')).toBe(false);
  });
});

describe('pushed pack events with lots and serials', () => {
  it('stores them on the package contents, shows them on the timeline, and finds where a serial shipped', async () => {
    const doc = await placed([
      { sku: 'LS-CAM', quantity: 1 },
      { sku: 'LS-MILK', quantity: 2 },
      { sku: 'LS-MUG', quantity: 1 },
    ]);
    const [cam, milk, mug] = ['LS-CAM', 'LS-MILK', 'LS-MUG'].map((s) => lineOf(doc, s).lineId);
    const packageId = crypto.randomUUID();
    const lot = { serial: null, lot: 'L-2027', expiry: '2027-05-31', quantity: 2 };
    const outcomes = await push([
      event(doc, 'fulfillment-order-claimed', {}),
      event(doc, 'item-verified', { lineId: cam, barcode: '09506000134352', quantity: 1, serial: 'SN-A1' }),
      event(doc, 'item-verified', { lineId: milk, barcode: '1', quantity: 2, lot: 'L-2027', expiry: '2027-05-31' }),
      event(doc, 'item-verified', { lineId: mug, barcode: '2', quantity: 1 }),
      event(doc, 'package-created', {
        packageId,
        weightGrams: 500,
        contents: [
          { lineId: cam, quantity: 1, units: [serialUnit('SN-A1')] },
          { lineId: milk, quantity: 2, units: [lot] },
          { lineId: mug, quantity: 1 },
        ],
      }),
    ]);
    expect(outcomes.map((o) => o.outcome)).toEqual(['applied', 'applied', 'applied', 'applied', 'applied']);

    const pkg = await t.api('GET', `/v1/packages/${packageId}`);
    expect(pkg.body.contents).toEqual([
      { lineId: cam, quantity: 1, units: [serialUnit('SN-A1')] },
      { lineId: milk, quantity: 2, units: [lot] },
      { lineId: mug, quantity: 1 },
    ]);
    const timeline = await t.api('GET', `/v1/orders/${doc.orderId}/timeline`);
    const rows = timeline.body.data as { type: string; payload: Record<string, unknown> }[];
    expect(rows.find((r) => r.type === 'item-verified' && r.payload.serial === 'SN-A1')).toBeTruthy();
    expect(rows.find((r) => r.type === 'package-created')!.payload.contents).toContainEqual({ lineId: milk, quantity: 2, units: [lot] });

    const where = await t.api('GET', '/v1/serials/SN-A1', { token: station.stationToken });
    expect(where.status).toBe(200);
    expect(where.body.data).toEqual([
      expect.objectContaining({ sku: 'LS-CAM', packageId, orderId: doc.orderId, fulfillmentOrderId: doc.id }),
    ]);
    expect(where.body.data[0].orderNumber).toBe(doc.orderNumber);
    expect((await t.api('GET', '/v1/serials/NEVER-PACKED')).body.data).toEqual([]);
    expect((await t.api('GET', '/v1/serials/has%20space')).status).toBe(400);
  });

  it('refuses a package holding a serial packed in another package, alone and with a stable code', async () => {
    const first = await placed([{ sku: 'LS-CAM', quantity: 1 }]);
    expect((await push(packCamera(first, 'SN-DUP'))).map((o) => o.outcome)).toEqual(['applied', 'applied', 'applied']);
    const second = await placed([{ sku: 'LS-CAM', quantity: 1 }]);
    const outcomes = await push(packCamera(second, 'SN-DUP'));
    expect(outcomes.map((o) => o.outcome)).toEqual(['applied', 'applied', 'rejected']);
    expect(outcomes[2]).toMatchObject({ code: 'serial_already_packed' });
    expect(outcomes[2]!.message).toContain(first.orderNumber);
    const fo = await t.api('GET', `/v1/fulfillment-orders/${second.id}`);
    expect(fo.body.packages).toEqual([]);
    const where = await t.api('GET', '/v1/serials/SN-DUP');
    expect(where.body.data.map((p: { orderId: string }) => p.orderId)).toEqual([first.orderId]);
  });

  it('refuses the second of two packages with one serial in the same push', async () => {
    const a = await placed([{ sku: 'LS-CAM', quantity: 1 }]);
    const b = await placed([{ sku: 'LS-CAM', quantity: 1 }]);
    const outcomes = await push([...packCamera(a, 'SN-BATCH'), ...packCamera(b, 'SN-BATCH')]);
    expect(outcomes.map((o) => o.code ?? o.outcome)).toEqual([
      'applied',
      'applied',
      'applied',
      'applied',
      'applied',
      'serial_already_packed',
    ]);
  });

  it('frees the serials of a voided package: they are back on the line, and the next package holds them', async () => {
    const doc = await placed([{ sku: 'LS-CAM', quantity: 1 }]);
    const first = crypto.randomUUID();
    expect((await push(packCamera(doc, 'SN-VOID', first))).map((o) => o.outcome)).toEqual(['applied', 'applied', 'applied']);
    const voided = await t.api('POST', `/v1/packages/${first}/void`, { body: { reason: 'wrong box' } });
    expect(voided.status).toBe(200);
    const after = (await t.api('GET', `/v1/fulfillment-orders/${doc.id}`)).body as FulfillmentDocument;
    expect(lineOf(after, 'LS-CAM')).toMatchObject({ verified: 1, packed: 0, captured: [serialUnit('SN-VOID')] });
    expect((await t.api('GET', '/v1/serials/SN-VOID')).body.data).toEqual([]);

    const second = crypto.randomUUID();
    const cam = lineOf(doc, 'LS-CAM').lineId;
    const outcomes = await push([
      event(doc, 'package-created', {
        packageId: second,
        weightGrams: null,
        contents: [{ lineId: cam, quantity: 1, units: [serialUnit('SN-VOID')] }],
      }),
    ]);
    expect(outcomes.map((o) => o.code ?? o.outcome)).toEqual(['applied']);
    const where = await t.api('GET', '/v1/serials/SN-VOID');
    expect(where.body.data).toEqual([expect.objectContaining({ sku: 'LS-CAM', packageId: second })]);
  });

  it('still applies pack events without lots or serials for a tracked SKU (stations before lots and serials)', async () => {
    const doc = await placed([{ sku: 'LS-CAM', quantity: 1 }]);
    const cam = lineOf(doc, 'LS-CAM').lineId;
    const outcomes = await push([
      event(doc, 'fulfillment-order-claimed', {}),
      event(doc, 'item-verified', { lineId: cam, barcode: '09506000134352', quantity: 1 }),
      event(doc, 'package-created', { packageId: crypto.randomUUID(), weightGrams: null, contents: [{ lineId: cam, quantity: 1 }] }),
    ]);
    expect(outcomes.map((o) => o.outcome)).toEqual(['applied', 'applied', 'applied']);
  });
});

describe('a package unpacked at a station (package-voided)', () => {
  it('voids it with its reason, unpacks its units and frees its serial for the next package, in the same push', async () => {
    const doc = await placed([{ sku: 'LS-CAM', quantity: 1 }]);
    const cam = lineOf(doc, 'LS-CAM').lineId;
    const first = crypto.randomUUID();
    const second = crypto.randomUUID();
    const outcomes = await push([
      ...packCamera(doc, 'SN-UNPACK', first),
      event(doc, 'package-voided', { packageId: first, reason: 'label printer down' }),
      event(doc, 'package-created', {
        packageId: second,
        weightGrams: null,
        contents: [{ lineId: cam, quantity: 1, units: [serialUnit('SN-UNPACK')] }],
      }),
    ]);
    expect(outcomes.map((o) => o.code ?? o.outcome)).toEqual(['applied', 'applied', 'applied', 'applied', 'applied']);
    const after = (await t.api('GET', `/v1/fulfillment-orders/${doc.id}`)).body as FulfillmentDocument;
    expect(after.packages.map((p) => [p.id, p.status])).toEqual([
      [first, 'voided'],
      [second, 'packing'],
    ]);
    expect(lineOf(after, 'LS-CAM')).toMatchObject({ verified: 1, packed: 1, captured: [] });
    expect((await t.api('GET', `/v1/packages/${first}`)).body).toMatchObject({ status: 'voided', voidReason: 'label printer down' });
    const where = await t.api('GET', '/v1/serials/SN-UNPACK');
    expect(where.body.data).toEqual([expect.objectContaining({ packageId: second })]);
    const timeline = await t.api('GET', `/v1/orders/${doc.orderId}/timeline`);
    const voided = (timeline.body.data as { type: string; payload: Record<string, unknown> }[]).find((r) => r.type === 'package-voided');
    expect(voided?.payload).toMatchObject({ packageId: first, reason: 'label printer down' });
  });

  it('records the unpacking of a package that has shipped as a conflict for a supervisor, and leaves the package shipped', async () => {
    const doc = await placed([{ sku: 'LS-MUG', quantity: 1 }]);
    const mug = lineOf(doc, 'LS-MUG').lineId;
    const packageId = crypto.randomUUID();
    const shipped = await push([
      event(doc, 'fulfillment-order-claimed', {}),
      event(doc, 'item-verified', { lineId: mug, barcode: '2', quantity: 1 }),
      event(doc, 'package-created', { packageId, weightGrams: null, contents: [{ lineId: mug, quantity: 1 }] }),
      ...labelAndShip(doc, packageId),
    ]);
    expect(shipped.map((o) => o.outcome)).toEqual(['applied', 'applied', 'applied', 'applied', 'applied']);
    const unpack = event(doc, 'package-voided', { packageId, reason: 'wrong box' });
    const [outcome] = await push([unpack]);
    expect(outcome).toMatchObject({ outcome: 'conflicted', code: 'package_transition_forbidden' });
    const [task] = await t.server.db.query<{ kind: string; title: string }>('select kind, title from tasks where event_id = $1', [
      unpack.id,
    ]);
    expect(task).toMatchObject({ kind: 'sync-conflict' });
    expect(task!.title).toMatch(
      new RegExp(`^${doc.orderNumber}: a package was unpacked at .+\\. Find the box, then reship or restock its items$`),
    );
    const after = (await t.api('GET', `/v1/fulfillment-orders/${doc.id}`)).body as FulfillmentDocument;
    expect(after.packages[0]!.status).toBe('shipped');
    expect(lineOf(after, 'LS-MUG')).toMatchObject({ packed: 1, shipped: 1 });
  });
});

describe('returns matched to the serials that shipped', () => {
  it("gives a return's lines their shipped serials and keeps the serial a returned unit was graded with", async () => {
    const doc = await placed([
      { sku: 'LS-CAM', quantity: 2 },
      { sku: 'LS-MUG', quantity: 1 },
    ]);
    const [cam, mug] = ['LS-CAM', 'LS-MUG'].map((s) => lineOf(doc, s).lineId);
    const packageId = crypto.randomUUID();
    const shipped = await push([
      event(doc, 'fulfillment-order-claimed', {}),
      event(doc, 'item-verified', { lineId: cam, barcode: '1', quantity: 1, serial: 'SN-R1' }),
      event(doc, 'item-verified', { lineId: cam, barcode: '1', quantity: 1, serial: 'SN-R2' }),
      event(doc, 'item-verified', { lineId: mug, barcode: '2', quantity: 1 }),
      event(doc, 'package-created', {
        packageId,
        weightGrams: null,
        contents: [
          { lineId: cam, quantity: 2, units: [serialUnit('SN-R1'), serialUnit('SN-R2')] },
          { lineId: mug, quantity: 1 },
        ],
      }),
      ...labelAndShip(doc, packageId),
    ]);
    expect(shipped.every((o) => o.outcome === 'applied')).toBe(true);

    const lines = [
      { lineId: cam, quantity: 1, reasonCode: 'damaged' },
      { lineId: mug, quantity: 1, reasonCode: 'damaged' },
    ];
    const r = await t.api('POST', `/v1/orders/${doc.orderId}/returns`, { body: { lines, authorize: true, warehouseId: doc.warehouseId } });
    expect(r.status).toBe(201);
    const camLine = r.body.lines.find((l: { sku: string }) => l.sku === 'LS-CAM');
    expect(camLine.shippedSerials).toEqual([
      { serial: 'SN-R1', packageId },
      { serial: 'SN-R2', packageId },
    ]);
    // Untracked lines are as they always were.
    expect('shippedSerials' in r.body.lines.find((l: { sku: string }) => l.sku === 'LS-MUG')).toBe(false);

    const base = {
      stationId: station.stationId,
      returnId: r.body.id,
      orderId: doc.orderId,
      actor: { kind: 'station', id: station.stationId },
      occurredAt: new Date().toISOString(),
    };
    const received = {
      ...base,
      id: crypto.randomUUID(),
      seq: nextSeq(),
      type: 'return-units-received',
      payload: { lines: [{ returnLineId: camLine.id, quantity: 1, barcode: null }], final: true },
    };
    const graded = {
      ...base,
      id: crypto.randomUUID(),
      seq: nextSeq(),
      type: 'return-unit-inspected',
      payload: { returnLineId: camLine.id, condition: 'new', disposition: 'restock', note: null, serial: 'SN-R2' },
    };
    const res = await t.api('POST', '/v1/sync/push', { token: station.stationToken, body: { events: [received, graded] } });
    expect(res.body.outcomes.map((o: { outcome: string; code?: string }) => o.code ?? o.outcome)).toEqual(['applied', 'applied']);
    const after = await t.api('GET', `/v1/returns/${r.body.id}`);
    expect(after.body.lines.find((l: { sku: string }) => l.sku === 'LS-CAM').units).toEqual([expect.objectContaining({ serial: 'SN-R2' })]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StationEvent } from '../../shared/events/station-events';
import type { FulfillmentDocument } from '../../shared/sync/fulfillment-document';
import { sampleOrder, setUpWarehouse, startTestServer, type TestServer } from '../testing/test-server';

/** Push applies a batch with a fixed number of statements; these pin the behaviour that must not change with it. */
let t: TestServer;
let lon: Awaited<ReturnType<typeof setUpWarehouse>>;
let man: Awaited<ReturnType<typeof setUpWarehouse>>;
let seq = 0;

beforeAll(async () => {
  t = await startTestServer();
  lon = await setUpWarehouse(t, 'LON-1', { 'SKU-MUG': 50, 'SKU-TEE': 50 });
  man = await setUpWarehouse(t, 'MAN-1', {});
});
afterAll(() => t.close());

function ev(
  doc: FulfillmentDocument,
  type: StationEvent['type'],
  payload: Record<string, unknown>,
  stationId = lon.stationId,
): StationEvent {
  return {
    id: crypto.randomUUID(),
    stationId,
    seq: ++seq,
    type,
    fulfillmentOrderId: doc.id,
    orderId: doc.orderId,
    actor: { kind: 'station', id: stationId },
    occurredAt: new Date().toISOString(),
    payload,
  } as StationEvent;
}
function packAndShip(doc: FulfillmentDocument) {
  const packageId = crypto.randomUUID();
  return [
    ev(doc, 'fulfillment-order-claimed', {}),
    ...doc.lines.map((l) => ev(doc, 'item-verified', { lineId: l.lineId, barcode: l.barcode ?? 'x', quantity: l.quantity })),
    ev(doc, 'package-created', {
      packageId,
      contents: doc.lines.map((l) => ({ lineId: l.lineId, quantity: l.quantity })),
      weightGrams: 100,
    }),
    ev(doc, 'label-printed', {
      packageId,
      printJobId: crypto.randomUUID(),
      format: 'zpl',
      sscc: null,
      trackingNumber: 'T1',
      carrier: 'DPD',
    }),
    ev(doc, 'package-shipped', { packageId }),
  ];
}
const stock = async (sku: string) =>
  (
    await t.server.db.query<{ on_hand: number; reserved: number }>(
      'select on_hand, reserved from inventory where warehouse_id = $1 and sku = $2',
      [lon.warehouseId, sku],
    )
  )[0]!;
const newDoc = async () => (await t.api('POST', '/v1/orders', { body: sampleOrder() })).body.fulfillmentOrders[0] as FulfillmentDocument;

describe('push batches', () => {
  it('applies interleaved work on several orders in seq order, and the orders follow', async () => {
    const a = await newDoc();
    const b = await newDoc();
    const ea = packAndShip(a);
    const eb = packAndShip(b);
    const mixed = ea.flatMap((e, i) => [e, eb[i]!]).sort((x, y) => x.seq - y.seq);
    const res = await t.api('POST', '/v1/sync/push', { token: lon.stationToken, body: { events: [...mixed].reverse() } });
    expect(res.body.outcomes.map((o: { outcome: string }) => o.outcome)).toEqual(mixed.map(() => 'applied'));
    expect(res.body.outcomes.map((o: { seq: number }) => o.seq)).toEqual(mixed.map((e) => e.seq));
    for (const doc of [a, b]) {
      const order = await t.api('GET', `/v1/orders/${doc.orderId}`);
      expect(order.body.status).toBe('shipped');
      expect(order.body.fulfillmentOrders[0].status).toBe('closed');
      const timeline = await t.api('GET', `/v1/orders/${doc.orderId}/timeline`);
      const stationIds = timeline.body.data.filter((e: { stationId: string | null }) => e.stationId).map((e: { id: string }) => e.id);
      expect(stationIds).toEqual((doc === a ? ea : eb).map((e) => e.id));
      expect(timeline.body.data.at(-1)).toMatchObject({ type: 'order-status-changed', payload: { to: 'shipped' } });
    }
  });

  it('moves each order of one push to its own status, once, with its own milestone', async () => {
    const [shipped, partly, claimed, untouched] = [await newDoc(), await newDoc(), await newDoc(), await newDoc()];
    const before = async (doc: FulfillmentDocument) => (await t.api('GET', `/v1/orders/${doc.orderId}`)).body;
    const untouchedBefore = await before(untouched);
    const mug = partly.lines.find((l) => l.sku === 'SKU-MUG')!;
    const box = crypto.randomUUID();
    const events = [
      ...packAndShip(shipped),
      ev(partly, 'fulfillment-order-claimed', {}),
      ev(partly, 'item-verified', { lineId: mug.lineId, barcode: mug.barcode ?? 'x', quantity: mug.quantity }),
      ev(partly, 'package-created', { packageId: box, contents: [{ lineId: mug.lineId, quantity: mug.quantity }], weightGrams: 100 }),
      ev(partly, 'label-printed', {
        packageId: box,
        printJobId: crypto.randomUUID(),
        format: 'zpl',
        sscc: null,
        trackingNumber: 'T2',
        carrier: 'DPD',
      }),
      ev(partly, 'package-shipped', { packageId: box }),
      ev(claimed, 'fulfillment-order-claimed', {}),
    ];
    const res = await t.api('POST', '/v1/sync/push', { token: lon.stationToken, body: { events } });
    expect(res.body.outcomes.map((o: { outcome: string }) => o.outcome)).toEqual(events.map(() => 'applied'));
    for (const [doc, status] of [
      [shipped, 'shipped'],
      [partly, 'partially_shipped'],
      [claimed, 'processing'],
    ] as const) {
      const order = (await t.api('GET', `/v1/orders/${doc.orderId}`)).body;
      expect(order.status).toBe(status);
      expect(order.milestones[status]).toEqual(expect.any(String));
      // One write per order for the push: its version moved by one from the confirmed order it was.
      expect(order.version).toBe(untouchedBefore.version + 1);
      const changes = (await t.api('GET', `/v1/orders/${doc.orderId}/timeline`)).body.data.filter(
        (e: { type: string }) => e.type === 'order-status-changed',
      );
      expect(changes.at(-1)).toMatchObject({ payload: { from: 'confirmed', to: status } });
    }
    expect(await before(untouched)).toEqual(untouchedBefore);
  });

  it('takes shipped units out of stock once, however often the shipment is pushed', async () => {
    const mugBefore = await stock('SKU-MUG');
    const teeBefore = await stock('SKU-TEE');
    const doc = await newDoc();
    const afterOrder = await stock('SKU-MUG');
    expect(afterOrder.reserved).toBe(mugBefore.reserved + 2);
    const events = packAndShip(doc);
    await t.api('POST', '/v1/sync/push', { token: lon.stationToken, body: { events } });
    const again = await t.api('POST', '/v1/sync/push', { token: lon.stationToken, body: { events } });
    expect(again.body.outcomes.every((o: { duplicate: boolean }) => o.duplicate)).toBe(true);
    expect(await stock('SKU-MUG')).toEqual({ on_hand: mugBefore.on_hand - 2, reserved: mugBefore.reserved });
    expect(await stock('SKU-TEE')).toEqual({ on_hand: teeBefore.on_hand - 1, reserved: teeBefore.reserved });
    const report = await t.api('GET', '/v1/reports/reconciliation');
    expect(report.body.inventoryMismatches.items).toEqual([]);
  });

  it('answers an event repeated inside one batch as a duplicate, and a reused seq as rejected', async () => {
    const doc = await newDoc();
    const claim = ev(doc, 'fulfillment-order-claimed', {});
    const impostor = { ...ev(doc, 'fulfillment-order-claimed', {}), seq: claim.seq };
    seq--;
    const res = await t.api('POST', '/v1/sync/push', { token: lon.stationToken, body: { events: [claim, claim, impostor] } });
    expect(res.body.outcomes).toEqual([
      expect.objectContaining({ id: claim.id, outcome: 'applied', duplicate: false }),
      expect.objectContaining({ id: claim.id, outcome: 'applied', duplicate: true }),
      expect.objectContaining({ id: impostor.id, outcome: 'rejected', code: 'seq_reused' }),
    ]);
    const [n] = await t.server.db.query<{ n: unknown }>('select count(*) as n from timeline_events where id = $1', [claim.id]);
    expect(Number(n!.n)).toBe(1);
  });

  it('mixes applied, conflicted and out-of-scope events in one batch, each recorded once', async () => {
    const mine = await newDoc();
    const foreignOrder = await t.api('POST', '/v1/orders', { body: sampleOrder() });
    const foreign = foreignOrder.body.fulfillmentOrders[0] as FulfillmentDocument;
    await t.server.db.query(
      `update fulfillment_orders set warehouse_id = $2::uuid, doc = jsonb_set(doc, '{warehouseId}', to_jsonb($2::text)) where id = $1`,
      [foreign.id, man.warehouseId],
    );
    const verifyUnclaimed = ev(mine, 'item-verified', { lineId: mine.lines[0]!.lineId, barcode: 'x', quantity: 1 });
    const claim = ev(mine, 'fulfillment-order-claimed', {});
    const outOfScope = ev(foreign, 'fulfillment-order-claimed', {});
    const res = await t.api('POST', '/v1/sync/push', { token: lon.stationToken, body: { events: [verifyUnclaimed, claim, outOfScope] } });
    expect(res.body.outcomes.map((o: { outcome: string; code?: string }) => [o.outcome, o.code ?? null])).toEqual([
      ['conflicted', 'fulfillment_order_not_in_progress'],
      ['applied', null],
      ['rejected', 'out_of_scope'],
    ]);
    const [task] = await t.server.db.query<{ event_id: string }>('select event_id from tasks where fulfillment_order_id = $1', [mine.id]);
    expect(task!.event_id).toBe(verifyUnclaimed.id);
    const pulled = await t.api('POST', '/v1/sync/pull', {
      token: lon.stationToken,
      body: { collection: 'fulfillment_orders', checkpoint: null, limit: 1000 },
    });
    const doc = pulled.body.documents.find((d: { id: string }) => d.id === mine.id);
    expect(doc).toMatchObject({ status: 'in_progress', claimedBy: lon.stationId, appliedSeq: { [lon.stationId]: claim.seq } });
    const order = await t.api('GET', `/v1/orders/${mine.orderId}`);
    expect(order.body.status).toBe('processing');
    const [rejected] = await t.server.db.query<{ order_id: string | null; outcome: string }>(
      'select order_id, outcome from timeline_events where id = $1',
      [outOfScope.id],
    );
    expect(rejected).toEqual({ order_id: null, outcome: 'rejected' });
  });
});

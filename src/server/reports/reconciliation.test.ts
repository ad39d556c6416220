import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StationEvent } from '../../shared/events/station-events';
import type { FulfillmentDocument } from '../../shared/sync/fulfillment-document';
import { sampleOrder, setUpWarehouse, startTestServer, type TestServer } from '../testing/test-server';

let t: TestServer;
let lon: Awaited<ReturnType<typeof setUpWarehouse>>;
let man: Awaited<ReturnType<typeof setUpWarehouse>>;
let seq = 0;

beforeAll(async () => {
  t = await startTestServer();
  lon = await setUpWarehouse(t, 'LON-1', { 'SKU-MUG': 100, 'SKU-TEE': 100 });
  man = await setUpWarehouse(t, 'MAN-1', { 'SKU-CAP': 10 });
});
afterAll(() => t.close());

const report = async (query = '', token?: string) => {
  const res = await t.api('GET', `/v1/reports/reconciliation${query}`, token ? { token } : {});
  expect(res.status).toBe(200);
  return res.body;
};
const sql = (text: string, params: unknown[] = []) => t.server.db.query(text, params);

async function newOrder(body = sampleOrder()) {
  const res = await t.api('POST', '/v1/orders', { body });
  expect(res.status).toBe(201);
  return res.body as { id: string; number: string; fulfillmentOrders: FulfillmentDocument[] };
}

/** Claims, verifies, packs, labels and ships the whole fulfillment order through /v1/sync/push. */
async function shipThroughStation(doc: FulfillmentDocument, trackingNumber: string | null) {
  const ev = (type: StationEvent['type'], payload: Record<string, unknown>) =>
    ({
      id: crypto.randomUUID(),
      stationId: lon.stationId,
      seq: ++seq,
      type,
      fulfillmentOrderId: doc.id,
      orderId: doc.orderId,
      actor: { kind: 'station', id: lon.stationId },
      occurredAt: new Date().toISOString(),
      payload,
    }) as StationEvent;
  const packageId = crypto.randomUUID();
  const events = [
    ev('fulfillment-order-claimed', {}),
    ...doc.lines.map((l) => ev('item-verified', { lineId: l.lineId, barcode: l.barcode ?? 'x', quantity: l.quantity })),
    ev('package-created', { packageId, contents: doc.lines.map((l) => ({ lineId: l.lineId, quantity: l.quantity })), weightGrams: 500 }),
    ev('label-printed', {
      packageId,
      printJobId: crypto.randomUUID(),
      format: 'zpl',
      sscc: null,
      trackingNumber,
      carrier: trackingNumber ? 'DPD' : null,
    }),
    ev('package-shipped', { packageId }),
  ];
  const res = await t.api('POST', '/v1/sync/push', { token: lon.stationToken, body: { events } });
  expect(res.body.outcomes.every((o: { outcome: string }) => o.outcome === 'applied')).toBe(true);
  return packageId;
}

describe('reconciliation report', () => {
  it('is clean for orders that are in order', async () => {
    await newOrder();
    const r = await report();
    expect(r.summary).toEqual({
      stuckOrders: 0,
      paymentMismatches: 0,
      packagesWithoutTracking: 0,
      inventoryMismatches: 0,
      statusMismatches: 0,
    });
    expect(r.thresholdsHours.processing).toBe(48);
  });

  it('lists orders stuck in a status past its threshold', async () => {
    const old = await newOrder();
    const fresh = await newOrder();
    const since = new Date(Date.now() - 30 * 3600_000).toISOString();
    await sql(
      `update orders set doc = jsonb_set(doc, '{milestones,confirmed}', to_jsonb($2::text)), updated_at = $2::timestamptz where id = $1`,
      [old.id, since],
    );
    const r = await report();
    expect(r.stuckOrders.items.map((i: { orderId: string }) => i.orderId)).toEqual([old.id]);
    expect(r.stuckOrders.items[0]).toMatchObject({ number: old.number, status: 'confirmed', thresholdHours: 24, since });
    expect(r.stuckOrders.items[0].hoursInStatus).toBeGreaterThanOrEqual(30);
    const stricter = await report('?thresholds=confirmed:48');
    expect(stricter.stuckOrders.count).toBe(0);
    const all = await report('?olderThanHours=0');
    expect(all.stuckOrders.items.map((i: { orderId: string }) => i.orderId)).toContain(fresh.id);
    const limited = await report('?olderThanHours=0&limit=1');
    expect(limited.stuckOrders.items).toHaveLength(1);
    expect(limited.stuckOrders.truncated).toBe(true);
    expect(limited.stuckOrders.count).toBe(all.stuckOrders.count);
    expect((await t.api('GET', '/v1/reports/reconciliation?thresholds=nonsense')).status).toBe(400);
    await sql(`update orders set doc = jsonb_set(doc, '{milestones,confirmed}', to_jsonb(now()::text)), updated_at = now() where id = $1`, [
      old.id,
    ]);
  });

  it('flags payment status that contradicts the order status', async () => {
    const unpaid = await newOrder();
    const cancelled = await newOrder();
    await sql(`update orders set status = 'processing', payment_status = 'pending' where id = $1`, [unpaid.id]);
    await sql(`update orders set status = 'cancelled', payment_status = 'paid' where id = $1`, [cancelled.id]);
    const r = await report();
    const byOrder = Object.fromEntries(r.paymentMismatches.items.map((i: { orderId: string; code: string }) => [i.orderId, i.code]));
    expect(byOrder).toEqual({ [unpaid.id]: 'fulfilling_unpaid', [cancelled.id]: 'cancelled_not_refunded' });
    await sql(`update orders set status = 'confirmed', payment_status = 'paid' where id = any($1::uuid[])`, [[unpaid.id, cancelled.id]]);
  });

  it('finds packages shipped without a tracking number', async () => {
    const a = await newOrder();
    const b = await newOrder();
    const untracked = await shipThroughStation(a.fulfillmentOrders[0]!, null);
    await shipThroughStation(b.fulfillmentOrders[0]!, '1Z999AA10123456784');
    const r = await report();
    expect(r.packagesWithoutTracking.items).toEqual([
      expect.objectContaining({
        orderId: a.id,
        number: a.number,
        packageId: untracked,
        packageStatus: 'shipped',
        warehouseId: lon.warehouseId,
      }),
    ]);
  });

  it('checks reserved stock against the unshipped work that holds it', async () => {
    const r0 = await report();
    const baseline = new Set(r0.inventoryMismatches.items.map((i: { sku: string; warehouseId: string }) => `${i.warehouseId}/${i.sku}`));
    const caps = await newOrder(sampleOrder({ lines: [{ sku: 'SKU-CAP', name: 'Cap', quantity: 3, unitPriceMinor: 900 }] }));
    expect(caps.fulfillmentOrders[0]!.warehouseId).toBe(man.warehouseId);
    const clean = await report();
    expect(clean.inventoryMismatches.items.filter((i: { sku: string }) => i.sku === 'SKU-CAP')).toEqual([]);

    await sql(`update inventory set reserved = reserved + 2 where warehouse_id = $1 and sku = 'SKU-CAP'`, [man.warehouseId]);
    const drift = await report();
    expect(drift.inventoryMismatches.items.filter((i: { sku: string }) => i.sku === 'SKU-CAP')).toEqual([
      expect.objectContaining({ warehouseCode: 'MAN-1', code: 'reserved_mismatch', reserved: 5, expectedReserved: 3, onHand: 10 }),
    ]);

    await sql(`update inventory set reserved = 3, on_hand = 2 where warehouse_id = $1 and sku = 'SKU-CAP'`, [man.warehouseId]);
    const over = await report();
    expect(over.inventoryMismatches.items.filter((i: { sku: string }) => i.sku === 'SKU-CAP')).toEqual([
      expect.objectContaining({ code: 'overcommitted', reserved: 3, expectedReserved: 3, onHand: 2 }),
    ]);
    expect(
      over.inventoryMismatches.items.filter(
        (i: { sku: string; warehouseId: string }) => !baseline.has(`${i.warehouseId}/${i.sku}`) && i.sku !== 'SKU-CAP',
      ),
    ).toEqual([]);
    await sql(`update inventory set on_hand = 10 where warehouse_id = $1 and sku = 'SKU-CAP'`, [man.warehouseId]);
  });

  it('flags an order status that contradicts its fulfillment progress', async () => {
    const early = await newOrder();
    const shipped = await newOrder();
    await sql(`update orders set status = 'shipped' where id = $1`, [early.id]);
    await shipThroughStation(shipped.fulfillmentOrders[0]!, 'TRACK-1');
    await sql(`update orders set status = 'processing' where id = $1`, [shipped.id]);
    const r = await report();
    const byOrder = Object.fromEntries(r.statusMismatches.items.map((i: { orderId: string; code: string }) => [i.orderId, i.code]));
    expect(byOrder[early.id]).toBe('shipped_with_work_open');
    expect(byOrder[shipped.id]).toBe('shipment_not_reflected');
    const item = r.statusMismatches.items.find((i: { orderId: string }) => i.orderId === shipped.id);
    expect(item).toMatchObject({ orderedUnits: 3, shippedUnits: 3, openWork: 0 });
  });

  it('keeps a warehouse-bound supervisor to its warehouse, and refuses packers', async () => {
    const sup = await t.api('POST', '/v1/api-keys', { body: { name: 'man sup', role: 'supervisor', warehouseId: man.warehouseId } });
    const r = await report('?olderThanHours=0', sup.body.key);
    expect(r.warehouseId).toBe(man.warehouseId);
    const ids: string[] = r.stuckOrders.items.map((i: { orderId: string }) => i.orderId);
    expect(ids.length).toBeGreaterThan(0);
    const [foreign] = await sql(`select count(*) as n from fulfillment_orders where order_id = any($1::uuid[]) and warehouse_id <> $2`, [
      ids,
      man.warehouseId,
    ]);
    expect(Number((foreign as { n: unknown }).n)).toBe(0);
    const packer = await t.api('POST', '/v1/api-keys', { body: { name: 'p', role: 'packer' } });
    expect((await t.api('GET', '/v1/reports/reconciliation', { token: packer.body.key })).status).toBe(403);
  });
});

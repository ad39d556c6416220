import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FulfillmentDocument } from '../../shared/sync/fulfillment-document';
import { startTestServer, type TestServer } from '../testing/test-server';
import { eventually } from '../testing/test-support';
import { generateDemoData, planDemo, type DemoSummary } from './generate';
import { gtin13 } from './random';
import { seedBulkOrders } from './seed-bulk';

process.env.DOCKSIDE_JOB_POLL_MS = '50';

let t: TestServer;
let demo: DemoSummary;
const now = new Date('2026-03-02T12:00:00.000Z');

beforeAll(async () => {
  t = await startTestServer();
  demo = await generateDemoData(t.server.db, { seed: 42, orders: 40, warehouses: 3, now });
}, 120_000);
afterAll(() => t.close());

describe('demo data', () => {
  it('plans the same data from the same seed, and other data from another', () => {
    expect(JSON.stringify(planDemo({ seed: 42, orders: 40, now }))).toBe(JSON.stringify(planDemo({ seed: 42, orders: 40, now })));
    expect(JSON.stringify(planDemo({ seed: 43, orders: 40, now }))).not.toBe(JSON.stringify(planDemo({ seed: 42, orders: 40, now })));
    const plan = planDemo({ seed: 42, orders: 40, now });
    expect(
      plan.orders.every((o) => o.createdAt < now.toISOString() && o.createdAt > new Date(now.getTime() - 15 * 86400_000).toISOString()),
    ).toBe(true);
    expect(plan.orders.some((o) => o.request.lines.length > 1)).toBe(true);
    expect(gtin13('501234567890')).toBe('5012345678900');
  });

  it('creates warehouses with stock, stations, people and routed orders through the real paths', async () => {
    expect(demo.warehouses.map((w) => w.code)).toEqual(['LON-1', 'MAN-1', 'EDI-1']);
    expect(demo.stations).toHaveLength(6);
    expect(demo.stations[0]!.enrollmentCode).toMatch(/^[0-9a-f]{8}-/);
    expect(demo.users.map((u) => u.role).sort()).toEqual(
      ['admin', ...Array(3).fill(['packer', 'packer', 'returns', 'supervisor']).flat()].sort(),
    );
    expect(demo.counts.orders).toBe(40);
    expect(demo.counts.backorderedLines).toBeGreaterThan(0);
    expect(demo.counts.multiWarehouseOrders).toBeGreaterThan(0);
    expect(demo.counts.pendingPayment).toBeGreaterThan(0);
    expect(demo.counts.shippedFulfillmentOrders).toBeGreaterThan(0);
    expect(demo.counts.returns).toBeGreaterThan(0);
    expect(demo.counts.returnsCompleted).toBeGreaterThan(0);
    // Orders are numbered on the day they were placed (days before `now`).
    const days = new Set(demo.orders.map((o) => o.number.slice(4, 12)));
    expect(days.size).toBeGreaterThan(3);
    const statuses = new Set(demo.orders.map((o) => o.status));
    expect(statuses.has('pending')).toBe(true);
    expect(statuses.has('confirmed')).toBe(true);
    expect([...statuses].some((s) => s === 'shipped' || s === 'partially_shipped')).toBe(true);
  });

  it('stocks the backordered SKUs in the other warehouses, so a supervisor can reassign a backorder there', async () => {
    const lon = demo.warehouses.find((w) => w.code === 'LON-1')!;
    const man = demo.warehouses.find((w) => w.code === 'MAN-1')!;
    const [backorder] = await t.server.db.query<{ id: string }>(
      "select id from backorders where (warehouse_id is null or warehouse_id = $1) and status = 'waiting' order by created_at limit 1",
      [lon.id],
    );
    expect(backorder).toBeDefined();
    const reassigned = await t.api('POST', `/v1/backorders/${backorder!.id}/reassign`, {
      body: { warehouseId: man.id, reason: 'stock arrived in Manchester' },
    });
    expect(reassigned.status).toBe(200);
    expect(reassigned.body.backorder).toMatchObject({ status: 'reassigned', warehouseId: man.id });
  });

  it('leaves data that reads back through the API and reconciles', async () => {
    const backordered = demo.orders.find((o) => o.backorders > 0)!;
    const order = await t.api('GET', `/v1/orders/${backordered.id}`);
    expect(order.status).toBe(200);
    expect(order.body.lines.some((l: { sku: string }) => l.sku === 'THROW-WOOL-GRY' || l.sku === 'KNIFE-CHEF-20')).toBe(true);
    const [ret] = await t.server.db.query<{ order_id: string }>('select order_id from timeline_events where type = $1 limit 1', [
      'return-created',
    ]);
    const timeline = await t.api('GET', `/v1/orders/${ret!.order_id}/timeline`);
    const types = timeline.body.data.map((e: { type: string }) => e.type);
    expect(types).toEqual(expect.arrayContaining(['order-created', 'fulfillment-order-created', 'package-shipped', 'return-created']));
    const report = await t.api('GET', '/v1/reports/reconciliation');
    expect(report.body.summary).toMatchObject({ paymentMismatches: 0, statusMismatches: 0, packagesWithoutTracking: 0 });
  });

  it('gives the demo people to the stations to sign in with', async () => {
    const lon = demo.warehouses.find((w) => w.code === 'LON-1')!;
    const station = demo.stations.find((s) => s.warehouseId === lon.id)!;
    const enrolled = await t.api('POST', '/v1/stations/enroll', { token: null, body: { code: station.enrollmentCode } });
    expect(enrolled.status).toBe(201);
    const list = await t.api('GET', '/v1/sync/users', { token: enrolled.body.credential });
    const names = list.body.users.map((u: { name: string }) => u.name);
    for (const u of demo.users.filter((x) => x.warehouseCode === 'LON-1' || x.warehouseCode === null)) expect(names).toContain(u.name);
    expect(list.body.users).toHaveLength(5);
  });
});

describe('bulk seed', () => {
  it('inserts routed orders in several batches, which a station pulls in several pages, with stock reserved for them', async () => {
    const wh = await t.api('POST', '/v1/warehouses', { body: { code: 'BULK-1', name: 'Bulk', priority: 900 } });
    const st = await t.api('POST', '/v1/stations', { body: { name: 'Bulk pack', warehouseId: wh.body.id } });
    const enrolled = await t.api('POST', '/v1/stations/enroll', { token: null, body: { code: st.body.enrollmentCode } });
    const seeded = await seedBulkOrders(t.server.db, { warehouseId: wh.body.id, count: 1200, batchSize: 500 });
    expect(seeded).toMatchObject({ orders: 1200, fulfillmentOrders: 1200, timelineEvents: 3600 });
    expect(seeded.lastRev - seeded.firstRev).toBeGreaterThanOrEqual(1199);

    let checkpoint: { rev: number } | null = null;
    const pulled: unknown[] = [];
    let first = true;
    for (;;) {
      const res: { body: any } = await t.api('POST', '/v1/sync/pull', {
        token: enrolled.body.credential,
        body: { collection: 'fulfillment_orders', checkpoint, limit: 500 },
      });
      if (first) expect(res.body.remaining).toBe(700);
      first = false;
      pulled.push(...res.body.documents);
      checkpoint = res.body.checkpoint;
      if (!res.body.documents.length || res.body.remaining === 0) break;
    }
    expect(pulled).toHaveLength(1200);
    for (const d of pulled.slice(0, 50)) expect(FulfillmentDocument.safeParse(d).success).toBe(true);

    const one = pulled[1034] as { orderId: string; orderNumber: string };
    const order = await t.api('GET', `/v1/orders/${one.orderId}`);
    expect(order.status).toBe(200);
    expect(order.body).toMatchObject({ number: one.orderNumber, status: 'confirmed', paymentStatus: 'paid' });
    const numbers = new Set((pulled as { orderNumber: string }[]).map((d) => d.orderNumber));
    expect(numbers.size).toBe(1200);

    const report = await t.api('GET', `/v1/reports/reconciliation?warehouseId=${wh.body.id}`);
    expect(report.body.summary.inventoryMismatches).toBe(0);
    expect(report.body.summary.statusMismatches).toBe(0);
  });

  it('exports over a thousand orders across several stored chunks', async () => {
    const job = await t.api('POST', '/v1/jobs/exports', { body: { format: 'ndjson' } });
    const done = await eventually(
      'the export to finish',
      async () => {
        const j = (await t.api('GET', `/v1/jobs/${job.body.id}`)).body;
        return (j.status === 'succeeded' || j.status === 'failed') && j;
      },
      { timeoutMs: 60_000 },
    );
    expect(done.status).toBe('succeeded');
    expect(done.result.chunks).toBeGreaterThan(1);
    const res = await fetch(t.url + done.downloadUrl, { headers: { authorization: 'Bearer dks_test_admin_token_0123456789abcdef' } });
    const lines = (await res.text()).trim().split('\n');
    expect(lines).toHaveLength(1240);
    expect(new Set(lines.map((l) => (JSON.parse(l) as { id: string }).id)).size).toBe(1240);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BackorderView } from '../../shared/api/fulfillment';
import type { FulfillmentDocument } from '../../shared/sync/fulfillment-document';
import { sampleOrder, setUpWarehouse, startTestServer, type TestServer } from '../testing/test-server';

let t: TestServer;
let lon: Awaited<ReturnType<typeof setUpWarehouse>>;
let man: Awaited<ReturnType<typeof setUpWarehouse>>;
let supervisorMan: string;

beforeAll(async () => {
  t = await startTestServer();
  lon = await setUpWarehouse(t, 'LON-1', {});
  man = await setUpWarehouse(t, 'MAN-1', {});
  supervisorMan = (await t.api('POST', '/v1/api-keys', { body: { name: 'sup man', role: 'supervisor', warehouseId: man.warehouseId } }))
    .body.key;
});
afterAll(() => t.close());

// Every test uses its own SKU so the queues do not mix.
async function backorderFor(sku: string, quantity: number, overrides: Record<string, unknown> = {}) {
  const created = await t.api('POST', '/v1/orders', {
    body: sampleOrder({ lines: [{ sku, name: `Item ${sku}`, quantity, unitPriceMinor: 1000, taxRateBps: 2000 }], ...overrides }),
  });
  expect(created.status).toBe(201);
  expect(created.body.backorders).toHaveLength(1);
  return { orderId: created.body.id as string, backorderId: created.body.backorders[0].id as string };
}
const receive = (warehouseId: string, sku: string, quantity: number) =>
  t.api('POST', `/v1/inventory/${warehouseId}/${sku}/receipts`, { body: { quantity, reference: 'ASN-1' } });
const backorder = async (id: string) => (await t.api('GET', `/v1/backorders/${id}`)).body as BackorderView;
const level = async (warehouseId: string, sku: string) => (await t.api('GET', `/v1/inventory/${warehouseId}/${sku}`)).body;

describe('allocation when stock arrives', () => {
  it('serves the oldest backorder first, splits the one that does not fit, and releases new fulfillment orders', async () => {
    const first = await backorderFor('BO-FIFO', 2);
    const second = await backorderFor('BO-FIFO', 3);
    const third = await backorderFor('BO-FIFO', 1);
    const before = await t.api('GET', `/v1/orders/${first.orderId}`);
    expect(before.body.status).toBe('confirmed');

    const r = await receive(lon.warehouseId, 'BO-FIFO', 4);
    expect(r.status).toBe(201);
    expect(r.body.allocatedBackorders.map((b: BackorderView) => [b.id, b.quantity])).toEqual([
      [first.backorderId, 2],
      [second.backorderId, 2],
    ]);
    expect(r.body.releasedFulfillmentOrders).toHaveLength(2);
    expect(r.body).toMatchObject({ onHand: 4, reserved: 4, available: 0 });

    const b1 = await backorder(first.backorderId);
    expect(b1).toMatchObject({ status: 'released', warehouseId: lon.warehouseId });
    const fo = await t.api('GET', `/v1/fulfillment-orders/${b1.fulfillmentOrderId}`);
    expect(fo.body).toMatchObject({ orderId: first.orderId, warehouseId: lon.warehouseId, status: 'open' });
    expect(fo.body.lines).toMatchObject([{ sku: 'BO-FIFO', quantity: 2 }]);
    // The station of that warehouse pulls the released work.
    const pulled = await t.api('POST', '/v1/sync/pull', {
      token: lon.stationToken,
      body: { collection: 'fulfillment_orders', checkpoint: null, limit: 1000 },
    });
    expect(pulled.body.documents.map((d: FulfillmentDocument) => d.id)).toContain(b1.fulfillmentOrderId);

    // The second was split: 2 released, the remaining 1 keeps its place ahead of the third.
    const rest = (await t.api('GET', `/v1/orders/${second.orderId}/backorders`)).body.data as BackorderView[];
    expect(rest.map((b) => [b.status, b.quantity]).sort()).toEqual([
      ['released', 2],
      ['waiting', 1],
    ]);
    const remainder = rest.find((b) => b.status === 'waiting')!;
    expect(remainder.splitFrom).toBe(second.backorderId);
    const queue = (await t.api('GET', '/v1/backorders?sku=BO-FIFO&status=waiting')).body.data as BackorderView[];
    expect(queue.map((b) => b.id)).toEqual([remainder.id, third.backorderId]);

    const next = await receive(lon.warehouseId, 'BO-FIFO', 1);
    expect(next.body.allocatedBackorders.map((b: BackorderView) => b.id)).toEqual([remainder.id]);
    expect((await backorder(third.backorderId)).status).toBe('waiting');

    const timeline = (await t.api('GET', `/v1/orders/${first.orderId}/timeline`)).body.data.map((e: { type: string }) => e.type);
    expect(timeline).toEqual(
      expect.arrayContaining(['line-backordered', 'backorder-allocated', 'backorder-released', 'fulfillment-order-created']),
    );
  });

  it('lets a supervisor put a newer backorder ahead of the queue', async () => {
    const older = await backorderFor('BO-PRIO', 1);
    const newer = await backorderFor('BO-PRIO', 1);
    const p = await t.api('POST', `/v1/backorders/${newer.backorderId}/prioritize`, { body: { priority: 10, reason: 'VIP customer' } });
    expect(p.body.priority).toBe(10);
    expect((await t.api('POST', `/v1/backorders/${newer.backorderId}/prioritize`, { body: { priority: 10 } })).body.code).toBe(
      'validation_failed',
    );
    const queue = (await t.api('GET', '/v1/backorders?sku=BO-PRIO')).body.data.map((b: BackorderView) => b.id);
    expect(queue).toEqual([newer.backorderId, older.backorderId]);
    const r = await receive(man.warehouseId, 'BO-PRIO', 1);
    expect(r.body.allocatedBackorders.map((b: BackorderView) => b.id)).toEqual([newer.backorderId]);
    expect((await backorder(older.backorderId)).status).toBe('waiting');
    const timeline = (await t.api('GET', `/v1/orders/${newer.orderId}/timeline`)).body.data;
    expect(timeline.find((e: { type: string }) => e.type === 'backorder-prioritized').payload).toMatchObject({
      from: 0,
      to: 10,
      reason: 'VIP customer',
    });
  });

  it('allocates but holds back the release of an order on hold, until a supervisor releases it', async () => {
    const held = await backorderFor('BO-HOLD', 1);
    // The order lifecycle owns order holds; here the database is set as its hold would leave it.
    await t.server.db.query(`update orders set status = 'on_hold', doc = jsonb_set(doc, '{status}', '"on_hold"') where id = $1`, [
      held.orderId,
    ]);
    const r = await receive(lon.warehouseId, 'BO-HOLD', 1);
    expect(r.body.allocatedBackorders).toHaveLength(1);
    expect(r.body.releasedFulfillmentOrders).toHaveLength(0);
    expect((await backorder(held.backorderId)).status).toBe('allocated');
    const blocked = await t.api('POST', `/v1/backorders/${held.backorderId}/release`, { body: { reason: 'go' } });
    expect(blocked.body.code).toBe('order_not_releasable');
    await t.server.db.query(`update orders set status = 'confirmed', doc = jsonb_set(doc, '{status}', '"confirmed"') where id = $1`, [
      held.orderId,
    ]);
    const released = await t.api('POST', `/v1/backorders/${held.backorderId}/release`, { body: { reason: 'hold lifted' } });
    expect(released.status).toBe(200);
    expect(released.body.backorder.status).toBe('released');
    expect(released.body.fulfillmentOrder).toMatchObject({ warehouseId: lon.warehouseId, lines: [{ sku: 'BO-HOLD', quantity: 1 }] });
    expect((await t.api('POST', `/v1/backorders/${held.backorderId}/release`, { body: { reason: 'again' } })).body.code).toBe(
      'backorder_status_final',
    );
  });
});

describe('order holds and backorders', () => {
  it('releases the backorders allocated during an order hold when its last hold is lifted', async () => {
    const held = await backorderFor('BO-HOLD-API', 1);
    const hold = await t.api('POST', `/v1/orders/${held.orderId}/hold`, { body: { reasons: ['incorrect_address', 'supervisor'] } });
    expect(hold.status).toBe(200);
    const r = await receive(lon.warehouseId, 'BO-HOLD-API', 1);
    expect(r.body.releasedFulfillmentOrders).toHaveLength(0);
    expect((await backorder(held.backorderId)).status).toBe('allocated');
    // Lifting one of two holds changes nothing yet.
    await t.api('POST', `/v1/orders/${held.orderId}/release`, { body: { reasons: ['incorrect_address'], resolution: 'address fixed' } });
    expect((await backorder(held.backorderId)).status).toBe('allocated');
    const lifted = await t.api('POST', `/v1/orders/${held.orderId}/release`, { body: { reasons: ['supervisor'] } });
    expect(lifted.status).toBe(200);
    const released = await backorder(held.backorderId);
    expect(released.status).toBe('released');
    const fo = await t.api('GET', `/v1/fulfillment-orders/${released.fulfillmentOrderId}`);
    expect(fo.body).toMatchObject({ orderId: held.orderId, warehouseId: lon.warehouseId, status: 'open' });
  });
});

describe('supervisor actions', () => {
  it('reassigns a waiting backorder to a warehouse with stock, assigned to a station', async () => {
    const b = await backorderFor('BO-MOVE', 2);
    await t.api('PUT', `/v1/inventory/${man.warehouseId}/BO-MOVE`, { body: { onHand: 0 } });
    const short = await t.api('POST', `/v1/backorders/${b.backorderId}/reassign`, {
      body: { warehouseId: man.warehouseId, reason: 'closest' },
    });
    expect(short.status).toBe(409);
    expect(short.body.code).toBe('insufficient_stock');
    // Stock appears at MAN without running the queue (a count or receipt would allocate it first), so the supervisor's choice is tested.
    await t.server.db.query(`update inventory set on_hand = 5 where warehouse_id = $1 and sku = 'BO-MOVE'`, [man.warehouseId]);
    // A warehouse's supervisor may hand a backorder it reaches to another warehouse: here LON has none of it.
    expect(
      (
        await t.api('POST', `/v1/backorders/${b.backorderId}/reassign`, {
          token: supervisorMan,
          body: { warehouseId: lon.warehouseId, reason: 'x' },
        })
      ).body.code,
    ).toBe('insufficient_stock');
    const moved = await t.api('POST', `/v1/backorders/${b.backorderId}/reassign`, {
      token: supervisorMan,
      body: { warehouseId: man.warehouseId, stationId: man.stationId, reason: 'closest warehouse has it' },
    });
    expect(moved.status).toBe(200);
    expect(moved.body.backorder).toMatchObject({ status: 'reassigned', warehouseId: man.warehouseId });
    expect(moved.body.fulfillmentOrder).toMatchObject({ warehouseId: man.warehouseId, status: 'in_progress', claimedBy: man.stationId });
    expect(await level(man.warehouseId, 'BO-MOVE')).toMatchObject({ onHand: 5, reserved: 2 });
    expect((await t.api('POST', `/v1/backorders/${b.backorderId}/cancel`, { body: { reason: 'x' } })).body.code).toBe(
      'backorder_status_final',
    );
  });

  it("says where a backorder could go: each stocking warehouse's units of its SKU, its own units counted where it holds them", async () => {
    const b = await backorderFor('BO-WHERE', 3);
    await t.server.db.query(`insert into inventory (warehouse_id, sku, on_hand, reserved) values ($1, 'BO-WHERE', 7, 2)`, [
      man.warehouseId,
    ]);
    const stock = await t.api('GET', `/v1/backorders/${b.backorderId}/stock`, { token: supervisorMan });
    expect(stock.status).toBe(200);
    const byCode = (body: { data: { code: string; available: number }[] }) =>
      Object.fromEntries(body.data.map((w) => [w.code, w.available]));
    expect(byCode(stock.body)).toMatchObject({ 'LON-1': 0, 'MAN-1': 5 });

    // Allocated at LON while its order is on hold (its 3 units held there): LON could give it those 3.
    expect((await t.api('POST', `/v1/orders/${b.orderId}/hold`, { body: { reasons: ['supervisor'] } })).status).toBe(200);
    await receive(lon.warehouseId, 'BO-WHERE', 3);
    expect(await backorder(b.backorderId)).toMatchObject({ status: 'allocated', warehouseId: lon.warehouseId });
    expect(byCode((await t.api('GET', `/v1/backorders/${b.backorderId}/stock`)).body)).toMatchObject({ 'LON-1': 3, 'MAN-1': 5 });

    // A packer does not reassign backorders; nor does anyone see where a backorder of another warehouse could go.
    const packer = (await t.api('POST', '/v1/api-keys', { body: { name: 'packer lon', role: 'packer', warehouseId: lon.warehouseId } }))
      .body.key;
    expect((await t.api('GET', `/v1/backorders/${b.backorderId}/stock`, { token: packer })).status).toBe(403);
    expect((await t.api('GET', `/v1/backorders/${b.backorderId}/stock`, { token: supervisorMan })).status).toBe(403);
  });

  it('cancels a backorder: stock it held goes back and a paid order gets a refund request from frozen prices', async () => {
    // The order has more to ship (a line in stock): the paid units stay on it until the request pays them back.
    await receive(lon.warehouseId, 'BO-CXL-IN', 1);
    const b = await backorderFor('BO-CXL', 2, {
      lines: [
        { sku: 'BO-CXL-IN', name: 'In stock', quantity: 1, unitPriceMinor: 1000, taxRateBps: 2000 },
        { sku: 'BO-CXL', name: 'Backordered', quantity: 2, unitPriceMinor: 1000, taxRateBps: 2000 },
      ],
    });
    const cancelled = await t.api('POST', `/v1/backorders/${b.backorderId}/cancel`, { body: { reason: 'discontinued' } });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.backorder.status).toBe('cancelled');
    // 2 x 10.00 at 20% tax.
    expect(cancelled.body.refundRequest).toMatchObject({
      source: 'backorder_cancelled',
      status: 'requested',
      amountMinor: 2400,
      taxMinor: 400,
      itemsMinor: 2000,
      currency: 'GBP',
      backorderId: b.backorderId,
    });
    const [row] = await t.server.db.query<{ amount_minor: unknown; status: string }>(
      'select amount_minor, status from refund_requests where backorder_id = $1',
      [b.backorderId],
    );
    expect(Number(row!.amount_minor)).toBe(2400);
    const timeline = (await t.api('GET', `/v1/orders/${b.orderId}/timeline`)).body.data.map((e: { type: string }) => e.type);
    expect(timeline).toEqual(expect.arrayContaining(['backorder-cancelled', 'refund-requested']));

    const allocated = await backorderFor('BO-CXL2', 1, { payment: { status: 'authorized' } });
    const held = await t.server.db.query(
      `update orders set status = 'on_hold', doc = jsonb_set(doc, '{status}', '"on_hold"') where id = $1 returning id`,
      [allocated.orderId],
    );
    expect(held).toHaveLength(1);
    await receive(lon.warehouseId, 'BO-CXL2', 1);
    expect((await level(lon.warehouseId, 'BO-CXL2')).reserved).toBe(1);
    const c2 = await t.api('POST', `/v1/backorders/${allocated.backorderId}/cancel`, { body: { reason: 'customer changed mind' } });
    expect(c2.body.refundRequest).toBeNull();
    expect((await level(lon.warehouseId, 'BO-CXL2')).reserved).toBe(0);
  });

  it('cancelling a backorder of an unpaid order takes its units off the order: the total and the amount to capture drop', async () => {
    await receive(lon.warehouseId, 'BO-UNPAID-A', 1);
    const created = await t.api('POST', '/v1/orders', {
      body: sampleOrder({
        lines: [
          { sku: 'BO-UNPAID-A', name: 'In stock', quantity: 1, unitPriceMinor: 1000, taxRateBps: 2000 },
          { sku: 'BO-UNPAID-B', name: 'Backordered', quantity: 2, unitPriceMinor: 1000, taxRateBps: 2000 },
        ],
        payment: { status: 'authorized' },
      }),
    });
    expect(created.status).toBe(201);
    expect(created.body.totals).toMatchObject({ totalMinor: 3600 + created.body.totals.shippingMinor, paidMinor: 0 });
    const before = created.body.totals;
    const [bo] = created.body.backorders as BackorderView[];

    const cancelled = await t.api('POST', `/v1/backorders/${bo!.id}/cancel`, { body: { reason: 'discontinued' } });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.refundRequest).toBeNull();
    const order = (await t.api('GET', `/v1/orders/${created.body.id}`)).body;
    // 2 x 10.00 at 20% tax leave the order; the in-stock line still ships.
    expect(order.totals.totalMinor).toBe(before.totalMinor - 2400);
    expect(order.totals.balanceDueMinor).toBe(before.balanceDueMinor - 2400);
    expect(order.lines.find((l: { sku: string }) => l.sku === 'BO-UNPAID-B')).toMatchObject({ quantity: 0, cancelledQuantity: 2 });
    expect(order.status).toBe('confirmed');
    const timeline = (await t.api('GET', `/v1/orders/${created.body.id}/timeline`)).body.data.map((e: { type: string }) => e.type);
    expect(timeline).toEqual(expect.arrayContaining(['backorder-cancelled', 'order-partially-cancelled']));
  });

  it('an order whose only units were backordered is cancelled with its last backorder, paid or not', async () => {
    const unpaid = await backorderFor('BO-NOTHING-LEFT', 1, { payment: { status: 'authorized' } });
    await t.api('POST', `/v1/backorders/${unpaid.backorderId}/cancel`, { body: { reason: 'discontinued' } });
    const u = (await t.api('GET', `/v1/orders/${unpaid.orderId}`)).body;
    expect(u).toMatchObject({ status: 'cancelled', totals: { balanceDueMinor: 0 } });

    const paid = await backorderFor('BO-NOTHING-LEFT', 2);
    const c = await t.api('POST', `/v1/backorders/${paid.backorderId}/cancel`, { body: { reason: 'discontinued' } });
    expect(c.body.refundRequest).toBeNull();
    const p = (await t.api('GET', `/v1/orders/${paid.orderId}`)).body;
    // The order's cancel pays back all it paid (2 x 10.00 at 20% tax, and shipping), as a full cancel does.
    expect(p.status).toBe('cancelled');
    expect(p.cancellation).toMatchObject({ refund: true });
    expect(p.totals).toMatchObject({ paidMinor: 2400 + p.totals.shippingMinor, refundedMinor: 2400 + p.totals.shippingMinor });
  });

  it('checks roles and input, and keeps warehouse-bound principals to their warehouse', async () => {
    const b = await backorderFor('BO-AUTH', 1);
    expect((await t.api('POST', `/v1/backorders/${b.backorderId}/cancel`, { token: lon.stationToken, body: { reason: 'x' } })).status).toBe(
      403,
    );
    expect((await t.api('POST', `/v1/backorders/not-a-uuid/cancel`, { body: { reason: 'x' } })).status).toBe(400);
    expect((await t.api('GET', `/v1/backorders/${crypto.randomUUID()}`)).status).toBe(404);
    await receive(lon.warehouseId, 'BO-AUTH', 1);
    expect((await t.api('GET', `/v1/backorders/${b.backorderId}`, { token: supervisorMan })).status).toBe(403);
    const list = await t.api('GET', `/v1/backorders?sku=BO-AUTH`, { token: supervisorMan });
    expect(list.body.data).toEqual([]);
    expect(
      (await t.api('POST', '/v1/backorders/allocate', { token: supervisorMan, body: { warehouseId: lon.warehouseId, sku: 'BO-AUTH' } }))
        .status,
    ).toBe(403);
  });
});

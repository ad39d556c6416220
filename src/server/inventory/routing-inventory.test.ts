import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FulfillmentDocument } from '../../shared/sync/fulfillment-document';
import { sampleOrder, setUpWarehouse, startTestServer, type TestServer } from '../testing/test-server';

let t: TestServer;
let north: Awaited<ReturnType<typeof setUpWarehouse>>;
let south: Awaited<ReturnType<typeof setUpWarehouse>>;
let supervisorNorth: string;

// Each test uses its own SKUs, so tests sharing this server do not see each other's stock.
const line = (sku: string, quantity: number, unitPriceMinor = 1000) => ({
  sku,
  name: `Item ${sku}`,
  quantity,
  unitPriceMinor,
  taxRateBps: 2000,
});
const order = (lines: ReturnType<typeof line>[], channel = 'web') => sampleOrder({ lines, channel });
const stock = (warehouseId: string, sku: string, onHand: number, token?: string) =>
  t.api('PUT', `/v1/inventory/${warehouseId}/${sku}`, { body: { onHand }, token });
const level = async (warehouseId: string, sku: string) => (await t.api('GET', `/v1/inventory/${warehouseId}/${sku}`)).body;

beforeAll(async () => {
  t = await startTestServer();
  north = await setUpWarehouse(t, 'NORTH', {});
  south = await setUpWarehouse(t, 'SOUTH', {});
  // SOUTH ranks after NORTH globally (same priority, code order), unless a channel says otherwise.
  const key = await t.api('POST', '/v1/api-keys', {
    body: { name: 'north supervisor', role: 'supervisor', warehouseId: north.warehouseId },
  });
  supervisorNorth = key.body.key;
});
afterAll(() => t.close());

describe('inventory', () => {
  it('counts stock, validates input and scope, and refuses dropship locations', async () => {
    const set = await stock(north.warehouseId, 'INV-1', 7);
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ onHand: 7, reserved: 0, available: 7 });
    expect((await stock(north.warehouseId, 'INV-1', -1)).body.code).toBe('validation_failed');
    expect((await t.api('PUT', `/v1/inventory/not-a-uuid/INV-1`, { body: { onHand: 1 } })).status).toBe(400);
    expect((await stock(south.warehouseId, 'INV-1', 3, supervisorNorth)).status).toBe(403);
    expect((await stock(north.warehouseId, 'INV-1', 3, north.stationToken)).status).toBe(403);
    const list = await t.api('GET', '/v1/inventory?sku=INV-1', { token: supervisorNorth });
    expect(list.body.data).toEqual([{ warehouseId: north.warehouseId, sku: 'INV-1', onHand: 7, reserved: 0, available: 7 }]);
    const timeline = await t.server.db.query<{ payload: { sku: string; from: number; to: number } }>(
      `select payload from timeline_events where type = 'inventory-counted' and payload->>'sku' = 'INV-1'`,
    );
    expect(timeline.map((r) => [r.payload.from, r.payload.to])).toEqual([[0, 7]]);
  });

  it('receives stock onto on hand', async () => {
    await stock(north.warehouseId, 'INV-2', 2);
    const r = await t.api('POST', `/v1/inventory/${north.warehouseId}/INV-2/receipts`, { body: { quantity: 5, reference: 'PO-1' } });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ onHand: 7, available: 7, allocatedBackorders: [] });
    expect((await t.api('POST', `/v1/inventory/${north.warehouseId}/INV-2/receipts`, { body: { quantity: 0 } })).status).toBe(400);
  });

  it("books a whole delivery in one go and serves each SKU's backorders", async () => {
    const waiting = await t.api('POST', '/v1/orders', { body: order([line('INV-D1', 2), line('INV-D2', 1)]) });
    expect(waiting.body.backorders).toHaveLength(2);
    const r = await t.api('POST', `/v1/inventory/${south.warehouseId}/receipts`, {
      body: {
        reference: 'ASN-77',
        lines: [
          { sku: 'INV-D2', quantity: 5 },
          { sku: 'INV-D1', quantity: 1 },
        ],
      },
    });
    expect(r.status).toBe(201);
    expect(r.body.levels).toEqual([
      { warehouseId: south.warehouseId, sku: 'INV-D1', onHand: 1, reserved: 1, available: 0 },
      { warehouseId: south.warehouseId, sku: 'INV-D2', onHand: 5, reserved: 1, available: 4 },
    ]);
    expect(r.body.allocatedBackorders.map((b: { sku: string; quantity: number }) => [b.sku, b.quantity])).toEqual([
      ['INV-D1', 1],
      ['INV-D2', 1],
    ]);
    expect(
      (
        await t.api('POST', `/v1/inventory/${south.warehouseId}/receipts`, {
          body: {
            reference: 'x',
            lines: [
              { sku: 'A', quantity: 1 },
              { sku: 'A', quantity: 2 },
            ],
          },
        })
      ).body.code,
    ).toBe('validation_failed');
    expect(
      (
        await t.api('POST', `/v1/inventory/${south.warehouseId}/receipts`, {
          token: supervisorNorth,
          body: { reference: 'x', lines: [{ sku: 'A', quantity: 1 }] },
        })
      ).status,
    ).toBe(403);
  });
});

describe('routing on confirmation', () => {
  it('reserves stock at the first warehouse by priority and makes one fulfillment order', async () => {
    await stock(north.warehouseId, 'R1-A', 5);
    await stock(south.warehouseId, 'R1-A', 50);
    const created = await t.api('POST', '/v1/orders', { body: order([line('R1-A', 2)]) });
    expect(created.status).toBe(201);
    expect(created.body.fulfillmentOrders).toHaveLength(1);
    expect(created.body.fulfillmentOrders[0].warehouseId).toBe(north.warehouseId);
    expect(await level(north.warehouseId, 'R1-A')).toMatchObject({ onHand: 5, reserved: 2, available: 3 });
    expect(await level(south.warehouseId, 'R1-A')).toMatchObject({ reserved: 0 });
  });

  it("uses the channel strategy: most stock, or the channel's own warehouse order", async () => {
    await stock(north.warehouseId, 'R2-A', 5);
    await stock(south.warehouseId, 'R2-A', 50);
    const most = await t.api('PUT', '/v1/routing/channels/marketplace', { body: { strategy: 'most_stock' } });
    expect(most.status).toBe(200);
    const a = await t.api('POST', '/v1/orders', { body: order([line('R2-A', 2)], 'marketplace') });
    expect(a.body.fulfillmentOrders[0].warehouseId).toBe(south.warehouseId);
    await t.api('PUT', '/v1/routing/channels/wholesale', { body: { strategy: 'priority', warehouseOrder: [south.warehouseId] } });
    const b = await t.api('POST', '/v1/orders', { body: order([line('R2-A', 1)], 'wholesale') });
    expect(b.body.fulfillmentOrders[0].warehouseId).toBe(south.warehouseId);
    const c = await t.api('POST', '/v1/orders', { body: order([line('R2-A', 1)], 'web') });
    expect(c.body.fulfillmentOrders[0].warehouseId).toBe(north.warehouseId);
    const bad = await t.api('PUT', '/v1/routing/channels/web', { body: { strategy: 'cheapest' } });
    expect(bad.status).toBe(400);
    const unknown = await t.api('PUT', '/v1/routing/channels/web', {
      body: { strategy: 'priority', warehouseOrder: [crypto.randomUUID()] },
    });
    expect(unknown.body.code).toBe('warehouse_unknown');
    expect((await t.api('PUT', '/v1/routing/channels/web', { body: { strategy: 'priority' }, token: supervisorNorth })).status).toBe(403);
  });

  it('splits an order across warehouses and backorders what no one has', async () => {
    await stock(north.warehouseId, 'R3-A', 5);
    await stock(south.warehouseId, 'R3-B', 5);
    const created = await t.api('POST', '/v1/orders', { body: order([line('R3-A', 2), line('R3-B', 1), line('R3-C', 4)]) });
    const fos = created.body.fulfillmentOrders as FulfillmentDocument[];
    expect(fos.map((f) => [f.warehouseId, f.lines.map((l) => l.sku)]).sort()).toEqual(
      [
        [north.warehouseId, ['R3-A']],
        [south.warehouseId, ['R3-B']],
      ].sort(),
    );
    expect(created.body.backorders).toMatchObject([{ sku: 'R3-C', quantity: 4 }]);
    const timeline = await t.api('GET', `/v1/orders/${created.body.id}/timeline`);
    const types = timeline.body.data.map((e: { type: string }) => e.type);
    expect(types.filter((x: string) => x === 'fulfillment-order-created')).toHaveLength(2);
    expect(types).toContain('line-backordered');
  });

  it('ships what is in stock now and backorders only the remainder of a line', async () => {
    await stock(north.warehouseId, 'R4-A', 3);
    const created = await t.api('POST', '/v1/orders', { body: order([line('R4-A', 5)]) });
    expect(created.body.fulfillmentOrders[0].lines[0]).toMatchObject({ sku: 'R4-A', quantity: 3 });
    expect(created.body.backorders).toMatchObject([{ sku: 'R4-A', quantity: 2 }]);
    expect(await level(north.warehouseId, 'R4-A')).toMatchObject({ available: 0, reserved: 3 });
  });

  it('routes to a dropship supplier that carries the SKU before backordering', async () => {
    const supplier = await t.api('POST', '/v1/suppliers', {
      body: { code: 'ACME', name: 'Acme Direct', products: [{ sku: 'R5-DS', leadTimeDays: 2, available: 3 }] },
    });
    expect(supplier.status).toBe(201);
    const first = await t.api('POST', '/v1/orders', { body: order([line('R5-DS', 3)]) });
    expect(first.body.fulfillmentOrders).toHaveLength(1);
    expect(first.body.fulfillmentOrders[0].warehouseId).toBe(supplier.body.warehouseId);
    expect(first.body.backorders).toEqual([]);
    // The supplier's reported stock is used up: the next order waits as a backorder.
    const second = await t.api('POST', '/v1/orders', { body: order([line('R5-DS', 1)]) });
    expect(second.body.fulfillmentOrders).toEqual([]);
    expect(second.body.backorders).toMatchObject([{ sku: 'R5-DS', quantity: 1 }]);
    const suppliers = await t.api('GET', '/v1/suppliers');
    expect(suppliers.body.data[0].products).toEqual([{ sku: 'R5-DS', leadTimeDays: 2, available: 0 }]);
    expect((await t.api('POST', '/v1/suppliers', { body: { code: 'ACME', name: 'Again' } })).body.code).toBe('supplier_code_taken');
    // A dropship location is not stock of ours.
    expect((await stock(supplier.body.warehouseId, 'R5-DS', 1)).body.code).toBe('warehouse_is_dropship');
  });

  it('never promises the same units twice when orders race for the last stock', async () => {
    await stock(north.warehouseId, 'R6-RACE', 3);
    const results = await Promise.all(Array.from({ length: 8 }, () => t.api('POST', '/v1/orders', { body: order([line('R6-RACE', 1)]) })));
    expect(results.every((r) => r.status === 201)).toBe(true);
    const routed = results.filter((r) => r.body.fulfillmentOrders.length === 1).length;
    const waiting = results.filter((r) => r.body.backorders.length === 1).length;
    expect([routed, waiting]).toEqual([3, 5]);
    expect(await level(north.warehouseId, 'R6-RACE')).toMatchObject({ onHand: 3, reserved: 3, available: 0 });
    // Stock arriving while more orders come in: every unit goes to exactly one order.
    const more = await Promise.all([
      t.api('POST', `/v1/inventory/${north.warehouseId}/R6-RACE/receipts`, { body: { quantity: 4 } }),
      ...Array.from({ length: 3 }, () => t.api('POST', '/v1/orders', { body: order([line('R6-RACE', 1)]) })),
    ]);
    expect(more.every((r) => r.status === 201)).toBe(true);
    const after = await level(north.warehouseId, 'R6-RACE');
    expect(after).toMatchObject({ onHand: 7, reserved: 7 });
    // 11 units ordered, 7 in stock: 4 wait. Whatever the interleaving, the receipt served the oldest backorders (FIFO).
    const rows = await t.server.db.query<{ order_id: string; status: string }>(
      `select order_id, status from backorders where sku = 'R6-RACE' order by created_at, id`,
    );
    expect(rows.filter((r) => r.status === 'waiting')).toHaveLength(4);
    const released = rows.filter((r) => r.status === 'released').map((r) => r.order_id);
    expect(released).toHaveLength(4);
    const firstWave = new Set(results.map((r) => r.body.id as string));
    expect(released.every((id) => firstWave.has(id))).toBe(true);
  });
});

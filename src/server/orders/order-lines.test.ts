import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleOrder, setUpWarehouse, startTestServer, type TestServer } from '../testing/test-server';

let t: TestServer;
let lon: Awaited<ReturnType<typeof setUpWarehouse>>;

beforeAll(async () => {
  t = await startTestServer();
  lon = await setUpWarehouse(t, 'LON-1', { 'SKU-MUG': 100, 'SKU-TEE': 100, 'SKU-CAP': 3 });
});
afterAll(() => t.close());

async function create(overrides: Record<string, unknown> = {}) {
  const res = await t.api('POST', '/v1/orders', { body: sampleOrder(overrides) });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

async function reservedOf(sku: string) {
  const [row] = await t.server.db.query<{ reserved: number }>('select reserved from inventory where warehouse_id = $1 and sku = $2', [
    lon.warehouseId,
    sku,
  ]);
  return Number(row?.reserved ?? 0);
}

const cap = { sku: 'SKU-CAP', name: 'Cap', quantity: 2, unitPriceMinor: 1500, taxRateBps: 2000, discountMinor: 100 };

describe('line edits on a pending order', () => {
  it('adds, updates and removes lines with totals recalculated and each change on the timeline', async () => {
    const order = await create({ payment: { status: 'pending' } });
    const added = await t.api('POST', `/v1/orders/${order.id}/lines`, { body: { ...cap, reason: 'customer called' } });
    expect(added.status).toBe(201);
    // 2 x 1500 - 100 = 2900, tax 20% = 580.
    expect(added.body.line).toMatchObject({ sku: 'SKU-CAP', quantity: 2, discountMinor: 100, taxMinor: 580, totalMinor: 3480 });
    expect(added.body.totals.totalMinor).toBe(order.totals.totalMinor + 3480);
    expect(added.body.totals.subtotalMinor).toBe(order.totals.subtotalMinor + 3000);
    expect(added.body.fulfillmentOrders).toEqual([]);
    const lineId = added.body.line.id;

    const updated = await t.api('PATCH', `/v1/orders/${order.id}/lines/${lineId}`, { body: { quantity: 3, unitPriceMinor: 1000 } });
    expect(updated.status).toBe(200);
    // 3 x 1000 - 100 = 2900 again, same tax.
    expect(updated.body.line).toMatchObject({ quantity: 3, unitPriceMinor: 1000, totalMinor: 3480 });
    expect(updated.body.totals.totalMinor).toBe(added.body.totals.totalMinor);
    expect(updated.body.version).toBe(added.body.version + 1);

    const removed = await t.api('DELETE', `/v1/orders/${order.id}/lines/${lineId}?reason=not%20needed`);
    expect(removed.status).toBe(200);
    expect(removed.body.lines.map((l: { id: string }) => l.id)).not.toContain(lineId);
    expect(removed.body.totals).toEqual(
      expect.objectContaining({ totalMinor: order.totals.totalMinor, subtotalMinor: order.totals.subtotalMinor }),
    );

    const timeline = await t.api('GET', `/v1/orders/${order.id}/timeline?type=order-line-added,order-line-updated,order-line-removed`);
    expect(timeline.body.data.map((e: { type: string }) => e.type)).toEqual([
      'order-line-added',
      'order-line-updated',
      'order-line-removed',
    ]);
    expect(timeline.body.data[0].payload.reason).toBe('customer called');
    expect(timeline.body.data[1].payload.changes).toEqual({ quantity: { from: 2, to: 3 }, unitPriceMinor: { from: 1500, to: 1000 } });
    expect(timeline.body.data[2].payload.reason).toBe('not needed');
  });

  it('validates line input and refuses a discount above the line amount', async () => {
    const order = await create({ payment: { status: 'pending' } });
    const bad = await t.api('POST', `/v1/orders/${order.id}/lines`, { body: { ...cap, quantity: 0, unitPriceMinor: 12.5 } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['quantity', 'unitPriceMinor']);
    const discount = await t.api('PATCH', `/v1/orders/${order.id}/lines/${order.lines[0].id}`, { body: { discountMinor: 999_999 } });
    expect(discount.status).toBe(422);
    expect(discount.body.code).toBe('line_discount_exceeds_amount');
    const empty = await t.api('PATCH', `/v1/orders/${order.id}/lines/${order.lines[0].id}`, { body: {} });
    expect(empty.status).toBe(400);
    const unknown = await t.api('PATCH', `/v1/orders/${order.id}/lines/${crypto.randomUUID()}`, { body: { quantity: 1 } });
    expect(unknown.status).toBe(404);
  });

  it('refuses to remove the last line', async () => {
    const order = await create({
      payment: { status: 'pending' },
      lines: [{ sku: 'SKU-MUG', name: 'Mug', quantity: 1, unitPriceMinor: 100 }],
    });
    const res = await t.api('DELETE', `/v1/orders/${order.id}/lines/${order.lines[0].id}`);
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('order_needs_a_line');
  });
});

describe('line edits on a routed order', () => {
  it('routes added units, and backorders what no warehouse has', async () => {
    const order = await create();
    const before = await reservedOf('SKU-CAP');
    const added = await t.api('POST', `/v1/orders/${order.id}/lines`, { body: { ...cap, quantity: 2 } });
    expect(added.status).toBe(201);
    expect(added.body.routing.fulfillmentOrderIds).toHaveLength(1);
    expect(await reservedOf('SKU-CAP')).toBe(before + 2);
    const more = await t.api('PATCH', `/v1/orders/${order.id}/lines/${added.body.line.id}`, { body: { quantity: 10 } });
    expect(more.status, JSON.stringify(more.body)).toBe(200);
    // Only 1 cap is left in stock: the 8 extra units are routed or backordered, never lost.
    const routed = more.body.routing;
    const backordered = routed.backorders.reduce((n: number, b: { quantity: number }) => n + b.quantity, 0);
    expect(backordered).toBeGreaterThan(0);
    const got = await t.api('GET', `/v1/orders/${order.id}?expand=backorders`);
    const foUnits = got.body.fulfillmentOrders
      .flatMap((f: { status: string; lines: { lineId: string; quantity: number }[] }) =>
        f.lines.filter((l) => l.lineId === added.body.line.id).map((l) => l.quantity),
      )
      .reduce((a: number, b: number) => a + b, 0);
    const boUnits = got.body.backorders
      .filter((b: { lineId: string; status: string }) => b.lineId === added.body.line.id && b.status === 'waiting')
      .reduce((n: number, b: { quantity: number }) => n + b.quantity, 0);
    expect(foUnits + boUnits).toBe(10);
  });

  it('reduces a line: waiting backorders go first, then untouched units, reservations released', async () => {
    const order = await create();
    const mug = order.lines.find((l: { sku: string }) => l.sku === 'SKU-MUG');
    const before = await reservedOf('SKU-MUG');
    const res = await t.api('PATCH', `/v1/orders/${order.id}/lines/${mug.id}`, { body: { quantity: 1, reason: 'only one wanted' } });
    expect(res.status).toBe(200);
    expect(await reservedOf('SKU-MUG')).toBe(before - 1);
    const foLine = res.body.fulfillmentOrders[0].lines.find((l: { lineId: string }) => l.lineId === mug.id);
    expect(foLine.quantity).toBe(1);
    const removed = await t.api('DELETE', `/v1/orders/${order.id}/lines/${mug.id}`);
    expect(removed.status).toBe(200);
    expect(await reservedOf('SKU-MUG')).toBe(before - 2);
    expect(removed.body.fulfillmentOrders[0].lines.map((l: { sku: string }) => l.sku)).toEqual(['SKU-TEE']);
  });

  it('holds new work of a held order, and refuses edits once a station works on it', async () => {
    const order = await create();
    await t.api('POST', `/v1/orders/${order.id}/hold`, { body: { reasons: ['supervisor'] } });
    const added = await t.api('POST', `/v1/orders/${order.id}/lines`, {
      body: { sku: 'SKU-TEE', name: 'Tee', quantity: 1, unitPriceMinor: 2000 },
    });
    expect(added.status).toBe(201);
    expect(added.body.fulfillmentOrders.every((f: { status: string }) => f.status === 'on_hold')).toBe(true);
    await t.api('POST', `/v1/orders/${order.id}/release`);
    const doc = (await t.api('GET', `/v1/orders/${order.id}`)).body.fulfillmentOrders[0];
    const last = Number(
      (await t.server.db.query<{ last_seq: number }>('select last_seq from stations where id = $1', [lon.stationId]))[0]!.last_seq,
    );
    await t.api('POST', '/v1/sync/push', {
      token: lon.stationToken,
      body: {
        events: [
          {
            id: crypto.randomUUID(),
            stationId: lon.stationId,
            seq: last + 1,
            type: 'fulfillment-order-claimed',
            fulfillmentOrderId: doc.id,
            orderId: order.id,
            actor: { kind: 'station', id: lon.stationId },
            occurredAt: new Date().toISOString(),
            payload: {},
          },
        ],
      },
    });
    const processing = await t.api('GET', `/v1/orders/${order.id}`);
    expect(processing.body.status).toBe('processing');
    const refused = await t.api('POST', `/v1/orders/${order.id}/lines`, { body: cap });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'order_not_editable', currentStatus: 'processing' });
  });
});

describe('order PATCH', () => {
  it('changes the ship-to address on the order and its open fulfillment orders', async () => {
    const order = await create();
    const address = { name: 'Ada Lovelace', line1: '1 New Street', city: 'Leeds', postalCode: 'LS1 1AA', country: 'GB' };
    const res = await t.api('PATCH', `/v1/orders/${order.id}`, {
      body: { shippingAddress: address, metadata: { vip: true }, reason: 'moved house' },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ shippingAddress: address, metadata: { vip: true } });
    expect(res.body.fulfillmentOrders[0].shipTo).toEqual(address);
    const timeline = await t.api('GET', `/v1/orders/${order.id}/timeline?type=order-updated`);
    expect(timeline.body.data[0].payload).toMatchObject({ fields: ['shippingAddress', 'metadata'], reason: 'moved house' });
    const bad = await t.api('PATCH', `/v1/orders/${order.id}`, { body: { shippingAddress: { ...address, country: 'Britain' } } });
    expect(bad.status).toBe(400);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FulfillmentDocument } from '../../shared/sync/fulfillment-document';
import { stationEventsOf } from '../testing/station-events';
import { sampleOrder, setUpWarehouse, startTestServer, type TestServer } from '../testing/test-server';

/**
 * A cancel that does not restock ("picked and not fit to sell") writes off only the units taken
 * off the shelf (scanned or packed, not shipped); units never picked are still on the shelf: their
 * reservation is released and they are available again. Each test has its own SKU at LON.
 */
let t: TestServer;
let lon: Awaited<ReturnType<typeof setUpWarehouse>>;
const atLon = stationEventsOf(() => lon.stationId);

beforeAll(async () => {
  t = await startTestServer();
  lon = await setUpWarehouse(t, 'LON-1', { 'SKU-A': 10, 'SKU-B': 10, 'SKU-C': 10 });
});
afterAll(() => t.close());

const level = async (sku: string) => {
  const body = (await t.api('GET', `/v1/inventory/${lon.warehouseId}/${sku}`)).body;
  return { onHand: body.onHand as number, reserved: body.reserved as number, available: body.available as number };
};

/** An order of `quantity` units of `sku`, all at LON; LON's packer scans `scanned` of them. */
async function withScanned(sku: string, quantity: number, scanned: number) {
  const lines = [{ sku, name: `Item ${sku}`, quantity, unitPriceMinor: 1000, taxRateBps: 2000 }];
  const res = await t.api('POST', '/v1/orders', { body: sampleOrder({ lines }) });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  const fo = res.body.fulfillmentOrders[0] as FulfillmentDocument;
  if (scanned) {
    const events = [
      atLon.event(fo, 'fulfillment-order-claimed', {}),
      atLon.event(fo, 'item-verified', { lineId: fo.lines[0]!.lineId, barcode: 'x', quantity: scanned }),
    ];
    const pushed = await t.api('POST', '/v1/sync/push', { token: lon.stationToken, body: { events } });
    expect(pushed.body.outcomes.map((o: { outcome: string }) => o.outcome)).toEqual(['applied', 'applied']);
  }
  return res.body as { id: string; lines: { id: string }[] };
}

const cancel = (id: string, restock: boolean) =>
  t.api('POST', `/v1/orders/${id}/cancel`, { body: { reason: 'dropped in the aisle', restock, refund: false } });

describe('a cancel that does not restock', () => {
  it('writes off the picked units only; the unpicked ones are released, on hand and available again', async () => {
    const order = await withScanned('SKU-A', 3, 1);
    expect(await level('SKU-A')).toEqual({ onHand: 10, reserved: 3, available: 7 });

    const res = await cancel(order.id, false);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.cancellationResult).toMatchObject({
      writtenOff: [{ warehouseId: lon.warehouseId, sku: 'SKU-A', units: 1 }],
      released: [{ warehouseId: lon.warehouseId, sku: 'SKU-A', units: 2 }],
    });
    // The scanned unit is gone; the two never picked are on the shelf and can be sold.
    expect(await level('SKU-A')).toEqual({ onHand: 9, reserved: 0, available: 9 });
    const timeline = (await t.api('GET', `/v1/orders/${order.id}/timeline?type=reservations-released`)).body.data;
    expect(timeline).toHaveLength(1);
    expect(timeline[0].payload).toMatchObject({ restock: false, writtenOffUnits: 1, releasedUnits: 2 });
  });

  it('with restock, every unit goes back: the picked one too', async () => {
    const order = await withScanned('SKU-B', 3, 1);
    const res = await cancel(order.id, true);
    expect(res.body.cancellationResult).toMatchObject({ writtenOff: [], released: [{ sku: 'SKU-B', units: 3 }] });
    expect(await level('SKU-B')).toEqual({ onHand: 10, reserved: 0, available: 10 });
  });

  it('a partial cancel takes only unpicked units, so without restock it writes nothing off', async () => {
    const order = await withScanned('SKU-C', 3, 1);
    const res = await t.api('POST', `/v1/orders/${order.id}/partial-cancel`, {
      body: { lines: [{ lineId: order.lines[0]!.id, quantity: 2 }], reason: 'customer changed mind', restock: false },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.partialCancellation.released).toEqual([{ warehouseId: lon.warehouseId, sku: 'SKU-C', units: 2 }]);
    // The picked unit stays reserved for the order; the two cancelled are back on sale.
    expect(await level('SKU-C')).toEqual({ onHand: 10, reserved: 1, available: 9 });
  });
});

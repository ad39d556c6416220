import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { FulfillmentDocument } from '../../shared/sync/fulfillment-document';
import { openPgliteFromTemplate } from '../testing/database-templates';
import { sampleOrder, setUpWarehouse, startTestServer, type TestServer } from '../testing/test-server';
import { migrate } from '../db/migrate';
import { migrations } from '../db/migrations/index';

let t: TestServer;
let lon: Awaited<ReturnType<typeof setUpWarehouse>>;
let supervisorLon: string;
let desk: string;
let pack2: string;

beforeAll(async () => {
  t = await startTestServer();
  lon = await setUpWarehouse(t, 'LON-1', { 'SKU-MUG': 100, 'SKU-TEE': 100 });
  desk = (await t.api('POST', '/v1/stations', { body: { name: 'Returns desk', warehouseId: lon.warehouseId, kind: 'returns' } })).body.id;
  pack2 = (await t.api('POST', '/v1/stations', { body: { name: 'Pack 2', warehouseId: lon.warehouseId } })).body.id;
  supervisorLon = (await t.api('POST', '/v1/api-keys', { body: { name: 'sup lon', role: 'supervisor', warehouseId: lon.warehouseId } }))
    .body.key;
});
afterAll(() => t.close());

async function newFo(): Promise<FulfillmentDocument> {
  const created = await t.api('POST', '/v1/orders', { body: sampleOrder() });
  return created.body.fulfillmentOrders[0] as FulfillmentDocument;
}

describe('station kinds', () => {
  it('are set at registration (packing unless said otherwise) and listed with each station', async () => {
    const list = (await t.api('GET', '/v1/stations', { token: supervisorLon })).body.data as { name: string; kind: string }[];
    expect(list.map((s) => [s.name, s.kind])).toEqual([
      ['Pack 1 LON-1', 'packing'],
      ['Pack 2', 'packing'],
      ['Returns desk', 'returns'],
    ]);
    expect((await t.api('POST', '/v1/stations', { body: { name: 'X', warehouseId: lon.warehouseId, kind: 'office' } })).status).toBe(400);
  });

  it('a supervisor cannot move or assign an order to a returns desk (problem+json, station_does_not_pack); to a packing station they can', async () => {
    const fo = await newFo();
    const toDesk = await t.api('POST', `/v1/fulfillment-orders/${fo.id}/move`, {
      token: supervisorLon,
      body: { stationId: desk, reason: 'rush' },
    });
    expect(toDesk.status).toBe(422);
    expect(toDesk.headers.get('content-type')).toContain('application/problem+json');
    expect(toDesk.body).toMatchObject({
      code: 'station_does_not_pack',
      detail: 'Returns desk is a returns desk and packs no orders: choose a packing station',
    });
    expect((await t.api('GET', `/v1/fulfillment-orders/${fo.id}`)).body).toMatchObject({ status: 'open', claimedBy: null });

    const claimFor = await t.api('POST', `/v1/fulfillment-orders/${fo.id}/claim`, { token: supervisorLon, body: { stationId: desk } });
    expect(claimFor.body.code).toBe('station_does_not_pack');

    const toPack = await t.api('POST', `/v1/fulfillment-orders/${fo.id}/move`, {
      token: supervisorLon,
      body: { stationId: pack2, reason: 'rush' },
    });
    expect(toPack.status).toBe(200);
    expect(toPack.body.claimedBy).toBe(pack2);
  });

  it('a backorder is not reassigned to a returns desk: refused for that before any stock is looked at, and it stays as it was', async () => {
    const created = await t.api('POST', '/v1/orders', {
      body: sampleOrder({ lines: [{ sku: 'SKU-LAMP', name: 'Desk lamp', quantity: 1, unitPriceMinor: 100, taxRateBps: 0 }] }),
    });
    const backorderId = created.body.backorders[0].id as string;
    const before = (await t.api('GET', `/v1/backorders/${backorderId}`)).body;
    const refused = await t.api('POST', `/v1/backorders/${backorderId}/reassign`, {
      token: supervisorLon,
      body: { warehouseId: lon.warehouseId, stationId: desk, reason: 'rush' },
    });
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('station_does_not_pack');
    expect((await t.api('GET', `/v1/backorders/${backorderId}`)).body).toEqual(before);
  });
});

describe('the station-kinds migration', () => {
  it('takes stations registered before kinds existed and named a returns desk as returns desks, and the rest as packing', async () => {
    const db = await openPgliteFromTemplate(inject('pgliteEmptyTemplate'));
    try {
      const at = migrations.findIndex((m) => m.id === '0022-station-kinds');
      await migrate(db, migrations.slice(0, at));
      const wh = crypto.randomUUID();
      await db.query(`insert into warehouses (id, code, name) values ($1, 'LON-1', 'London')`, [wh]);
      for (const name of ['LON returns desk', 'Returns-Desk 2', 'Return desk', 'Pack 1', 'Returns trolley'])
        await db.query('insert into stations (id, name, warehouse_id) values ($1, $2, $3)', [crypto.randomUUID(), name, wh]);
      await migrate(db);
      const rows = await db.query<{ name: string; kind: string }>('select name, kind from stations order by name');
      expect(rows.map((r) => [r.name, r.kind])).toEqual([
        ['LON returns desk', 'returns'],
        ['Pack 1', 'packing'],
        ['Return desk', 'returns'],
        ['Returns trolley', 'packing'],
        ['Returns-Desk 2', 'returns'],
      ]);
    } finally {
      await db.close();
    }
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StationEvent } from '../../shared/events/station-events';
import type { BinLocationDocument } from '../../shared/sync/bin-location-document';
import type { FulfillmentDocument } from '../../shared/sync/fulfillment-document';
import { sampleOrder, setUpWarehouse, startTestServer, type TestServer } from '../testing/test-server';

let t: TestServer;
let north: Awaited<ReturnType<typeof setUpWarehouse>>;
let south: Awaited<ReturnType<typeof setUpWarehouse>>;
let supervisorSouth: string;

// Each test uses its own SKUs and bins, so tests sharing this server do not see each other's stock.
const line = (sku: string, quantity: number) => ({ sku, name: `Item ${sku}`, quantity, unitPriceMinor: 1000, taxRateBps: 2000 });
const stock = (warehouseId: string, sku: string, onHand: number) =>
  t.api('PUT', `/v1/inventory/${warehouseId}/${sku}`, { body: { onHand } });
const level = async (warehouseId: string, sku: string) => (await t.api('GET', `/v1/inventory/${warehouseId}/${sku}`)).body;
const bins = (warehouseId: string) => `/v1/warehouses/${warehouseId}/bins`;
const binAt = (bay: string, barcode: string, walkOrder: number, stock?: { sku: string; quantity: number }[]) => ({
  zone: 'A',
  aisle: '01',
  bay,
  level: '1',
  bin: 'A',
  barcode,
  walkOrder,
  ...(stock ? { stock } : {}),
});
const pullBins = async (token: string, rev = 0) => {
  const res = await t.api('POST', '/v1/sync/pull', { token, body: { collection: 'bins', checkpoint: { rev }, limit: 1000 } });
  expect(res.status).toBe(200);
  return res.body as { documents: (BinLocationDocument & { _deleted: boolean })[]; checkpoint: { rev: number } };
};

let seq = 0;
function event(doc: FulfillmentDocument, type: StationEvent['type'], payload: Record<string, unknown>): StationEvent {
  seq += 1;
  return {
    id: crypto.randomUUID(),
    stationId: north.stationId,
    seq,
    type,
    fulfillmentOrderId: doc.id,
    orderId: doc.orderId,
    actor: { kind: 'station', id: north.stationId },
    occurredAt: new Date().toISOString(),
    payload,
  } as StationEvent;
}
const push = (events: StationEvent[]) => t.api('POST', '/v1/sync/push', { token: north.stationToken, body: { events } });

beforeAll(async () => {
  t = await startTestServer();
  north = await setUpWarehouse(t, 'PICK-N', {});
  south = await setUpWarehouse(t, 'PICK-S', {});
  supervisorSouth = (await t.api('POST', '/v1/api-keys', { body: { name: 's', role: 'supervisor', warehouseId: south.warehouseId } })).body
    .key;
});
afterAll(() => t.close());

describe('pick mode', () => {
  it('is pack-only until a supervisor of the warehouse sets it', async () => {
    const url = `/v1/warehouses/${north.warehouseId}/pick-mode`;
    expect((await t.api('GET', url)).body).toEqual({ mode: 'pack-only' });
    expect((await t.api('PUT', url, { body: { mode: 'pick-and-pack' }, token: supervisorSouth })).status).toBe(403);
    expect((await t.api('PUT', url, { body: { mode: 'pick-and-pack' }, token: north.stationToken })).status).toBe(403);
    expect((await t.api('PUT', url, { body: { mode: 'pick-only' } })).body.code).toBe('validation_failed');
    expect((await t.api('PUT', url, { body: { mode: 'pick-and-pack' } })).body).toEqual({ mode: 'pick-and-pack' });
    expect((await t.api('GET', url, { token: north.stationToken })).body).toEqual({ mode: 'pick-and-pack' });
  });
});

describe('bin locations', () => {
  it('are added, changed by code, listed in walk order, and refuse a barcode another bin has', async () => {
    const a = await t.api('POST', bins(south.warehouseId), { body: binAt('02', 'S-BIN-2', 20, [{ sku: 'BIN-1', quantity: 4 }]) });
    expect(a.status).toBe(201);
    expect(a.body).toMatchObject({ code: 'A-01-02-1-A', barcode: 'S-BIN-2', walkOrder: 20, stock: [{ sku: 'BIN-1', quantity: 4 }] });
    expect((await t.api('POST', bins(south.warehouseId), { body: binAt('01', 'S-BIN-1', 10) })).status).toBe(201);
    const changed = await t.api('POST', bins(south.warehouseId), { body: binAt('02', 'S-BIN-2', 5) });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ id: a.body.id, walkOrder: 5, stock: [{ sku: 'BIN-1', quantity: 4 }] });
    const clash = await t.api('POST', bins(south.warehouseId), { body: binAt('03', 'S-BIN-1', 30) });
    expect([clash.status, clash.body.code]).toEqual([409, 'bin_barcode_taken']);
    const list = await t.api('GET', bins(south.warehouseId), { token: supervisorSouth });
    expect(list.body.data.map((b: BinLocationDocument) => b.code)).toEqual(['A-01-02-1-A', 'A-01-01-1-A']);
    expect((await t.api('GET', bins(north.warehouseId), { token: supervisorSouth })).status).toBe(403);
    const count = await t.api('PUT', `${bins(south.warehouseId)}/${a.body.id}/stock/BIN-1`, {
      body: { quantity: 1 },
      token: supervisorSouth,
    });
    expect(count.body).toEqual({ binId: a.body.id, sku: 'BIN-1', quantity: 1 });
    expect((await t.api('PUT', `${bins(north.warehouseId)}/${a.body.id}/stock/BIN-1`, { body: { quantity: 1 } })).status).toBe(404);
  });

  it('import from CSV all at once, or refuse the file naming the bad line', async () => {
    const csv = [
      'zone,aisle,bay,level,bin,barcode,walk_order,sku,quantity',
      'B,01,01,1,A,N-B1,100,CSV-1,5',
      'B,01,01,1,A,N-B1,100,CSV-2,2',
      'B,01,02,1,A,N-B2,110,CSV-1,1',
      'B,01,03,1,A,N-B3,120,,',
    ].join('\r\n');
    const r = await t.api('POST', `${bins(north.warehouseId)}/import`, { body: { csv } });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ bins: 3, created: 3, stockRows: 3 });
    const bad = await t.api('POST', `${bins(north.warehouseId)}/import`, {
      body: { csv: 'zone,aisle,bay,level,bin,barcode,walk_order\nC,01,01,1,A,N-C1,1\nC,01,02,1,A,N-C2,minus' },
    });
    expect([bad.status, bad.body.code, bad.body.line]).toEqual([422, 'bin_import_invalid', 3]);
    const list = (await t.api('GET', bins(north.warehouseId))).body.data as BinLocationDocument[];
    expect(list.map((b) => b.code)).toEqual(['B-01-01-1-A', 'B-01-02-1-A', 'B-01-03-1-A']);
    expect(list[0]!.stock).toEqual([
      { sku: 'CSV-1', quantity: 5 },
      { sku: 'CSV-2', quantity: 2 },
    ]);
    const header = await t.api('POST', `${bins(north.warehouseId)}/import`, { body: { csv: 'zone,aisle\nA,1' } });
    expect([header.status, header.body.code]).toEqual([422, 'bin_import_invalid']);
  });

  it("replicate to the warehouse's stations while it picks, and leave them as tombstones when it packs only", async () => {
    await t.api('PUT', `/v1/warehouses/${south.warehouseId}/pick-mode`, { body: { mode: 'pack-only' } });
    expect((await pullBins(south.stationToken)).documents).toEqual([]);
    await t.api('PUT', `/v1/warehouses/${south.warehouseId}/pick-mode`, { body: { mode: 'pick-and-pack' } });
    const first = await pullBins(south.stationToken);
    expect(first.documents.map((d) => d.barcode).sort()).toEqual(['S-BIN-1', 'S-BIN-2']);
    expect(first.documents.every((d) => d.warehouseId === south.warehouseId && !d._deleted)).toBe(true);
    await t.api('PUT', `/v1/warehouses/${south.warehouseId}/pick-mode`, { body: { mode: 'pack-only' } });
    const after = await pullBins(south.stationToken, first.checkpoint.rev);
    expect(after.documents.map((d) => d._deleted)).toEqual([true, true]);
  });

  it('are removed once empty: gone from the list, pulled as a tombstone, the barcode free, the code able to come back', async () => {
    const url = bins(north.warehouseId);
    const before = await pullBins(north.stationToken);
    const bin = (await t.api('POST', url, { body: binAt('07', 'N-RM-1', 700, [{ sku: 'RM-1', quantity: 2 }]) })).body;
    expect((await t.api('DELETE', `${url}/${bin.id}`, { token: supervisorSouth })).status).toBe(403);
    expect((await t.api('DELETE', `${url}/${bin.id}`, { token: north.stationToken })).status).toBe(403);
    const full = await t.api('DELETE', `${url}/${bin.id}`);
    expect([full.status, full.body.code]).toEqual([409, 'bin_not_empty']);
    expect(JSON.stringify(full.body)).toContain('2 × RM-1');
    await t.api('PUT', `${url}/${bin.id}/stock/RM-1`, { body: { quantity: 0 } });
    expect((await t.api('DELETE', `${url}/${bin.id}`)).status).toBe(204);
    expect((await t.api('DELETE', `${url}/${bin.id}`)).status).toBe(404);
    expect(((await t.api('GET', url)).body.data as BinLocationDocument[]).map((b) => b.id)).not.toContain(bin.id);
    // A station that pulled before is told to drop it; a station pulling from scratch never sees it.
    const after = await pullBins(north.stationToken, before.checkpoint.rev);
    expect(after.documents.filter((d) => d.id === bin.id)).toEqual([{ id: bin.id, _deleted: true }]);
    expect((await pullBins(north.stationToken)).documents.map((d) => d.id)).not.toContain(bin.id);
    // Its label's barcode is free for another bin; adding its code again brings it back.
    expect((await t.api('POST', url, { body: binAt('08', 'N-RM-1', 800) })).status).toBe(201);
    const back = await t.api('POST', url, { body: binAt('07', 'N-RM-7', 700) });
    expect([back.status, back.body.id, back.body.barcode, back.body.stock]).toEqual([200, bin.id, 'N-RM-7', []]);
    const again = await pullBins(north.stationToken, after.checkpoint.rev);
    expect(again.documents.find((d) => d.id === bin.id)).toMatchObject({ _deleted: false, barcode: 'N-RM-7' });
  });

  it('are never added to on hand: routing promises only what the inventory holds', async () => {
    await stock(north.warehouseId, 'NODBL-1', 2);
    await t.api('POST', bins(north.warehouseId), { body: binAt('09', 'N-NODBL', 900, [{ sku: 'NODBL-1', quantity: 2 }]) });
    expect(await level(north.warehouseId, 'NODBL-1')).toMatchObject({ onHand: 2, available: 2 });
    const order = await t.api('POST', '/v1/orders', { body: sampleOrder({ lines: [line('NODBL-1', 3)] }) });
    // Two are promised from the two on hand; counting the bin's two again would have promised all three.
    const promised = (order.body.fulfillmentOrders as FulfillmentDocument[]).flatMap((f) => f.lines).reduce((n, l) => n + l.quantity, 0);
    expect(promised).toBe(2);
    expect(order.body.backorders.map((b: { quantity: number }) => b.quantity)).toEqual([1]);
  });
});

describe('picks pushed by a station', () => {
  it('take units out of bins, and a short pick re-routes the missing units with a task for the bin', async () => {
    await stock(north.warehouseId, 'PK-1', 3);
    await stock(north.warehouseId, 'PK-2', 1);
    await stock(south.warehouseId, 'PK-1', 10);
    const bin = (await t.api('POST', bins(north.warehouseId), { body: binAt('11', 'N-PK1', 1100, [{ sku: 'PK-1', quantity: 3 }]) })).body;
    const order = await t.api('POST', '/v1/orders', { body: sampleOrder({ lines: [line('PK-1', 3), line('PK-2', 1)] }) });
    const doc = order.body.fulfillmentOrders[0] as FulfillmentDocument;
    expect(doc.warehouseId).toBe(north.warehouseId);
    const pk1 = doc.lines.find((l) => l.sku === 'PK-1')!;
    const from = { binId: bin.id, binCode: bin.code };
    const events = [
      event(doc, 'fulfillment-order-claimed', {}),
      event(doc, 'item-picked', { lineId: pk1.lineId, ...from, tote: 'T-7', quantity: 1 }),
      event(doc, 'pick-shorted', { lineId: pk1.lineId, ...from, shortQuantity: 2, remainingInBin: 0 }),
    ];
    const pushed = await push(events);
    expect(pushed.body.outcomes.map((o: { outcome: string }) => o.outcome)).toEqual(['applied', 'applied', 'applied']);
    // A retried batch changes nothing more.
    expect((await push(events)).body.outcomes.every((o: { duplicate: boolean }) => o.duplicate)).toBe(true);

    const detail = await t.api('GET', `/v1/orders/${doc.orderId}?expand=timeline,backorders,tasks`);
    const fos = detail.body.fulfillmentOrders as FulfillmentDocument[];
    const here = fos.find((f) => f.id === doc.id)!;
    expect(here.lines.find((l) => l.sku === 'PK-1')).toMatchObject({ quantity: 1, picked: 1, shorted: 2, totes: ['T-7'] });
    const moved = fos.find((f) => f.warehouseId === south.warehouseId)!;
    expect(moved.lines.map((l) => [l.sku, l.quantity])).toEqual([['PK-1', 2]]);
    const types = (detail.body.timeline.data ?? detail.body.timeline).map((e: { type: string }) => e.type);
    expect(types).toEqual(expect.arrayContaining(['item-picked', 'pick-shorted', 'fulfillment-order-created']));
    const tasks = (await t.server.db.query<{ kind: string; title: string; detail: Record<string, unknown> }>(
      'select kind, title, detail from tasks where order_id = $1',
      [doc.orderId],
    )) as { kind: string; title: string; detail: { routedTo: { warehouseId: string }[]; shortQuantity: number } }[];
    expect(tasks.map((k) => k.kind)).toEqual(['pick-short']);
    expect(tasks[0]!.title).toContain(bin.code);
    expect(tasks[0]!.detail).toMatchObject({ shortQuantity: 2, routedTo: [{ warehouseId: south.warehouseId }] });

    const binNow = ((await t.api('GET', bins(north.warehouseId))).body.data as BinLocationDocument[]).find((b) => b.id === bin.id)!;
    expect(binNow.stock).toEqual([{ sku: 'PK-1', quantity: 0 }]);
    // The missing units are gone from the warehouse (and its promise); the picked one is still reserved until it ships.
    expect(await level(north.warehouseId, 'PK-1')).toMatchObject({ onHand: 1, reserved: 1 });
    expect(await level(south.warehouseId, 'PK-1')).toMatchObject({ onHand: 10, reserved: 2 });
  });

  it('backorder the missing units when no warehouse has them', async () => {
    await stock(north.warehouseId, 'PK-3', 2);
    const bin = (await t.api('POST', bins(north.warehouseId), { body: binAt('12', 'N-PK3', 1200, [{ sku: 'PK-3', quantity: 2 }]) })).body;
    const order = await t.api('POST', '/v1/orders', { body: sampleOrder({ lines: [line('PK-3', 2)] }) });
    const doc = order.body.fulfillmentOrders[0] as FulfillmentDocument;
    const from = { binId: bin.id, binCode: bin.code };
    const r = await push([
      event(doc, 'fulfillment-order-claimed', {}),
      event(doc, 'pick-shorted', { lineId: doc.lines[0]!.lineId, ...from, shortQuantity: 2, remainingInBin: 0 }),
    ]);
    expect(r.body.outcomes.map((o: { outcome: string }) => o.outcome)).toEqual(['applied', 'applied']);
    const detail = await t.api('GET', `/v1/orders/${doc.orderId}?expand=backorders`);
    expect(detail.body.fulfillmentOrders.map((f: FulfillmentDocument) => f.status)).toEqual(['incomplete']);
    expect(detail.body.backorders.map((b: { sku: string; quantity: number; status: string }) => [b.sku, b.quantity, b.status])).toEqual([
      ['PK-3', 2, 'waiting'],
    ]);
    expect(await level(north.warehouseId, 'PK-3')).toMatchObject({ onHand: 0, reserved: 0 });
  });

  it('record a pick past what the line needs as conflicted, with a task, and still take it out of the bin', async () => {
    await stock(north.warehouseId, 'PK-4', 5);
    const bin = (await t.api('POST', bins(north.warehouseId), { body: binAt('13', 'N-PK4', 1300, [{ sku: 'PK-4', quantity: 5 }]) })).body;
    const order = await t.api('POST', '/v1/orders', { body: sampleOrder({ lines: [line('PK-4', 1)] }) });
    const doc = order.body.fulfillmentOrders[0] as FulfillmentDocument;
    const from = { binId: bin.id, binCode: bin.code, tote: 'T-9' };
    const r = await push([
      event(doc, 'fulfillment-order-claimed', {}),
      event(doc, 'item-picked', { lineId: doc.lines[0]!.lineId, ...from, quantity: 1 }),
      event(doc, 'item-picked', { lineId: doc.lines[0]!.lineId, ...from, quantity: 1 }),
    ]);
    expect(r.body.outcomes.map((o: { outcome: string; code?: string }) => o.code ?? o.outcome)).toEqual([
      'applied',
      'applied',
      'line_over_picked',
    ]);
    const binNow = ((await t.api('GET', bins(north.warehouseId))).body.data as BinLocationDocument[]).find((b) => b.id === bin.id)!;
    expect(binNow.stock).toEqual([{ sku: 'PK-4', quantity: 3 }]);
    const [task] = await t.server.db.query<{ kind: string }>('select kind from tasks where order_id = $1', [doc.orderId]);
    expect(task?.kind).toBe('sync-conflict');
  });
});

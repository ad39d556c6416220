import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FulfillmentDocument } from '../../shared/sync/fulfillment-document';
import { sampleOrder, setUpWarehouse, startTestServer, type TestServer } from '../testing/test-server';

/**
 * End-of-day manifests over real HTTP on a real database: what shipped since the last close-out,
 * per carrier and warehouse, with counts and weights; a package voided before close-out is not on
 * it; a package is on one manifest only; scope and roles hold.
 */
let t: TestServer;
let wh: Awaited<ReturnType<typeof setUpWarehouse>>;
let other: Awaited<ReturnType<typeof setUpWarehouse>>;
let packer: string;
let otherPacker: string;

beforeAll(async () => {
  t = await startTestServer();
  wh = await setUpWarehouse(t, 'MF-1', { 'SKU-MUG': 500, 'SKU-TEE': 500 });
  other = await setUpWarehouse(t, 'MF-2', {});
  packer = (await t.api('POST', '/v1/api-keys', { body: { name: 'packer', role: 'packer', warehouseId: wh.warehouseId } })).body.key;
  otherPacker = (await t.api('POST', '/v1/api-keys', { body: { name: 'packer 2', role: 'packer', warehouseId: other.warehouseId } })).body
    .key;
});
afterAll(() => t.close());

/** A package of a new order, labelled with the carrier; shipped unless `ship` is false. */
async function pkg(carrier: string, weightGrams: number | null, o: { ship?: boolean; service?: string } = {}) {
  const fo = (await t.api('POST', '/v1/orders', { body: sampleOrder() })).body.fulfillmentOrders[0] as FulfillmentDocument;
  const id = crypto.randomUUID();
  const contents = fo.lines.map((l) => ({ lineId: l.lineId, quantity: l.quantity }));
  const created = await t.api('POST', `/v1/fulfillment-orders/${fo.id}/packages`, {
    token: packer,
    body: { id, contents, ...(weightGrams === null ? {} : { weightGrams }) },
  });
  expect(created.status).toBe(201);
  const tracking = `TN${id.replaceAll('-', '').slice(0, 12).toUpperCase()}`;
  const labelled = await t.api('POST', `/v1/packages/${id}/label`, {
    token: packer,
    body: { carrier, service: o.service ?? 'ground', trackingNumbers: [tracking], format: 'zpl' },
  });
  expect(labelled.status).toBe(200);
  if (o.ship !== false) expect((await t.api('POST', `/v1/packages/${id}/ship`, { token: packer, body: {} })).status).toBe(200);
  return { id, tracking, orderNumber: fo.orderNumber };
}

const close = (carrier: string, token = packer, warehouseId = wh.warehouseId) =>
  t.api('POST', `/v1/warehouses/${warehouseId}/manifests`, { token, body: { carrier } });

describe('end-of-day manifests', () => {
  it('lists what shipped with the carrier since the last one, with counts and weights; voided packages drop out', async () => {
    const a = await pkg('ups', 1200);
    const b = await pkg('ups', 800, { service: 'next-day' });
    const c = await pkg('ups', null);
    const voided = await pkg('ups', 500, { ship: false });
    const notYet = await pkg('ups', 700, { ship: false });
    const usps = await pkg('usps', 300);
    const v = await t.api('POST', `/v1/packages/${voided.id}/void`, { token: packer, body: { reason: 'label smudged' } });
    expect(v.body.status).toBe('voided');

    const pending = await t.api('GET', `/v1/warehouses/${wh.warehouseId}/pending-manifest?carrier=ups`, { token: packer });
    expect(pending.status).toBe(200);
    expect(pending.body).toMatchObject({ packageCount: 3, totalWeightGrams: 2000, unweighedCount: 1 });

    const first = await close('UPS');
    expect(first.status).toBe(201);
    expect(first.headers.get('location')).toBe(`/v1/manifests/${first.body.id}`);
    expect(first.body).toMatchObject({
      number: 'MF-1-UPS-0001',
      carrier: 'ups',
      sequence: 1,
      packageCount: 3,
      totalWeightGrams: 2000,
      unweighedCount: 1,
      closedBy: 'packer',
    });
    const ids = first.body.packages.map((p: { packageId: string }) => p.packageId);
    expect(new Set(ids)).toEqual(new Set([a.id, b.id, c.id]));
    expect(ids).not.toContain(voided.id);
    expect(ids).not.toContain(notYet.id);
    expect(ids).not.toContain(usps.id);
    expect(first.body.packages.find((p: { packageId: string }) => p.packageId === a.id)).toMatchObject({
      trackingNumber: a.tracking,
      orderNumber: a.orderNumber,
      weightGrams: 1200,
      service: 'ground',
    });
    expect(first.body.byService).toEqual([
      { service: 'ground', packageCount: 2, totalWeightGrams: 1200, unweighedCount: 1 },
      { service: 'next-day', packageCount: 1, totalWeightGrams: 800, unweighedCount: 0 },
    ]);

    // Nothing new: an empty close-out is refused, not an empty manifest.
    const empty = await close('ups');
    expect(empty.status).toBe(409);
    expect(empty.body.code).toBe('manifest_empty');

    // The labelled package ships after the close-out: it goes on the next one, alone.
    await t.api('POST', `/v1/packages/${notYet.id}/ship`, { token: packer, body: {} });
    const second = await close('ups');
    expect(second.body).toMatchObject({ number: 'MF-1-UPS-0002', packageCount: 1, totalWeightGrams: 700 });
    expect(second.body.packages.map((p: { packageId: string }) => p.packageId)).toEqual([notYet.id]);

    const uspsManifest = await close('usps');
    expect(uspsManifest.body).toMatchObject({ number: 'MF-1-USPS-0001', packageCount: 1 });
    expect(uspsManifest.body.packages[0].packageId).toBe(usps.id);

    const list = await t.api('GET', `/v1/warehouses/${wh.warehouseId}/manifests?carrier=ups`, { token: packer });
    expect(list.body.data.map((m: { number: string }) => m.number)).toEqual(['MF-1-UPS-0002', 'MF-1-UPS-0001']);
    expect(list.body.data[0].packages).toBeUndefined();
    const read = await t.api('GET', `/v1/manifests/${first.body.id}`, { token: packer });
    expect(read.body).toEqual(first.body);
  });

  it('puts a package on one manifest only when two close out at once', async () => {
    await pkg('dpd', 100);
    await pkg('dpd', 200);
    const [x, y] = await Promise.all([close('dpd'), close('dpd')]);
    expect([x.status, y.status].sort()).toEqual([201, 409]);
    const made = x.status === 201 ? x : y;
    expect(made.body.packageCount).toBe(2);
    const again = await t.api('GET', `/v1/warehouses/${wh.warehouseId}/pending-manifest?carrier=dpd`, { token: packer });
    expect(again.body.packageCount).toBe(0);
  });

  it('keeps to the caller warehouse and role, and refuses bad input with 4xx', async () => {
    await pkg('ups', 100);
    const foreign = await close('ups', otherPacker);
    expect(foreign.status).toBe(403);
    const otherWarehouse = await close('ups', otherPacker, other.warehouseId);
    expect(otherWarehouse.status).toBe(409);
    expect(otherWarehouse.body.code).toBe('manifest_empty');
    const mine = await close('ups');
    expect((await t.api('GET', `/v1/manifests/${mine.body.id}`, { token: otherPacker })).status).toBe(403);
    const returnsKey = (await t.api('POST', '/v1/api-keys', { body: { name: 'returns', role: 'returns', warehouseId: wh.warehouseId } }))
      .body.key;
    expect((await close('ups', returnsKey)).status).toBe(403);
    expect((await t.api('POST', `/v1/warehouses/${wh.warehouseId}/manifests`, { token: packer, body: { carrier: '' } })).status).toBe(400);
    expect((await t.api('GET', `/v1/warehouses/${wh.warehouseId}/pending-manifest`, { token: packer })).status).toBe(400);
    expect((await t.api('GET', `/v1/manifests/${crypto.randomUUID()}`)).status).toBe(404);
  });
});

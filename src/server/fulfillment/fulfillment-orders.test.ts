import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FulfillmentDocument } from '../../shared/sync/fulfillment-document';
import { sampleOrder, setUpWarehouse, startTestServer, type TestServer } from '../testing/test-server';
import { loadFulfillmentOrdersForUpdate, saveFulfillmentOrders } from './fulfillment-store';

let t: TestServer;
let lon: Awaited<ReturnType<typeof setUpWarehouse>>;
let man: Awaited<ReturnType<typeof setUpWarehouse>>;
let lonPacker2: { stationId: string; stationToken: string };
let supervisorLon: string;
let packerKey: string;

beforeAll(async () => {
  t = await startTestServer();
  lon = await setUpWarehouse(t, 'LON-1', { 'SKU-MUG': 100, 'SKU-TEE': 100 });
  man = await setUpWarehouse(t, 'MAN-1', { 'SKU-MUG': 100, 'SKU-TEE': 100 });
  const st = await t.api('POST', '/v1/stations', { body: { name: 'Pack 2 LON', warehouseId: lon.warehouseId } });
  const enrolled = await t.api('POST', '/v1/stations/enroll', { body: { code: st.body.enrollmentCode }, token: null });
  lonPacker2 = { stationId: enrolled.body.stationId, stationToken: enrolled.body.credential };
  supervisorLon = (await t.api('POST', '/v1/api-keys', { body: { name: 'sup lon', role: 'supervisor', warehouseId: lon.warehouseId } }))
    .body.key;
  packerKey = (await t.api('POST', '/v1/api-keys', { body: { name: 'packer lon', role: 'packer', warehouseId: lon.warehouseId } })).body
    .key;
});
afterAll(() => t.close());

async function newFo(): Promise<FulfillmentDocument> {
  const created = await t.api('POST', '/v1/orders', { body: sampleOrder() });
  expect(created.status).toBe(201);
  const fo = created.body.fulfillmentOrders[0] as FulfillmentDocument;
  expect(fo.warehouseId).toBe(lon.warehouseId);
  return fo;
}

async function pull(token: string, rev = 0) {
  const res = await t.api('POST', '/v1/sync/pull', { token, body: { collection: 'fulfillment_orders', checkpoint: { rev }, limit: 1000 } });
  return res.body as { documents: ({ id: string; _deleted: boolean } & Partial<FulfillmentDocument>)[]; checkpoint: { rev: number } };
}

const timelineTypes = async (orderId: string) =>
  (await t.api('GET', `/v1/orders/${orderId}/timeline`)).body.data as {
    type: string;
    actor: { kind: string };
    payload: Record<string, unknown>;
  }[];
const level = async (warehouseId: string, sku: string) => (await t.api('GET', `/v1/inventory/${warehouseId}/${sku}`)).body;

describe('listing and reading', () => {
  it('lists by warehouse scope and status with a cursor, and hides other warehouses', async () => {
    const a = await newFo();
    const b = await newFo();
    const first = await t.api('GET', `/v1/fulfillment-orders?status=open&limit=1`, { token: supervisorLon });
    expect(first.status).toBe(200);
    expect(first.body.data).toHaveLength(1);
    expect(first.body.nextCursor).toBeTruthy();
    const all: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { data: FulfillmentDocument[]; nextCursor: string | null } } = await t.api(
        'GET',
        `/v1/fulfillment-orders?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        { token: lon.stationToken },
      );
      all.push(...page.body.data.map((d) => d.id));
      expect(page.body.data.every((d) => d.warehouseId === lon.warehouseId)).toBe(true);
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(all).toEqual(expect.arrayContaining([a.id, b.id]));
    expect(new Set(all).size).toBe(all.length);
    expect((await t.api('GET', `/v1/fulfillment-orders?warehouseId=${man.warehouseId}`, { token: supervisorLon })).status).toBe(403);
    expect((await t.api('GET', `/v1/fulfillment-orders/${a.id}`, { token: man.stationToken })).status).toBe(403);
    expect((await t.api('GET', `/v1/fulfillment-orders?status=bogus`)).body.code).toBe('validation_failed');
    expect((await t.api('GET', `/v1/fulfillment-orders?cursor=garbage`)).body.code).toBe('cursor_invalid');
    const byOrder = await t.api('GET', `/v1/orders/${a.orderId}/fulfillment-orders`);
    expect(byOrder.body.data.map((d: FulfillmentDocument) => d.id)).toEqual([a.id]);
    expect((await t.api('GET', `/v1/orders/${a.orderId}/fulfillments`)).body).toEqual(byOrder.body);
    expect((await t.api('GET', `/v1/fulfillment-orders/${a.id}`, { token: null })).status).toBe(401);
  });
});

describe('claiming', () => {
  it('lets a station claim for itself, refuses another station, and a supervisor can take the claim back', async () => {
    const fo = await newFo();
    const claimed = await t.api('POST', `/v1/fulfillment-orders/${fo.id}/claim`, { token: lon.stationToken, body: {} });
    expect(claimed.status).toBe(200);
    expect(claimed.body).toMatchObject({ status: 'in_progress', claimedBy: lon.stationId, lease: { stationName: 'Pack 1 LON-1' } });
    const again = await t.api('POST', `/v1/fulfillment-orders/${fo.id}/claim`, { token: lon.stationToken });
    expect(again.status).toBe(200);
    const other = await t.api('POST', `/v1/fulfillment-orders/${fo.id}/claim`, { token: lonPacker2.stationToken, body: {} });
    expect(other.status).toBe(409);
    expect(other.body.code).toBe('fulfillment_order_in_progress_elsewhere');
    expect(
      (await t.api('POST', `/v1/fulfillment-orders/${fo.id}/unclaim`, { token: lonPacker2.stationToken, body: { reason: 'mine now' } }))
        .status,
    ).toBe(403);
    const back = await t.api('POST', `/v1/fulfillment-orders/${fo.id}/unclaim`, {
      token: supervisorLon,
      body: { reason: 'packer went home' },
    });
    expect(back.body).toMatchObject({ status: 'open', claimedBy: null, lease: null });
    const timeline = await timelineTypes(fo.orderId);
    const unclaim = timeline.find((e) => e.type === 'fulfillment-order-unclaimed')!;
    expect(unclaim.payload.reason).toBe('packer went home');
    expect(unclaim.actor.kind).toBe('api');
    const order = await t.api('GET', `/v1/orders/${fo.orderId}`);
    expect(order.body.status).toBe('processing');
  });

  it('needs a station of the same warehouse when a packer claims on its behalf', async () => {
    const fo = await newFo();
    expect((await t.api('POST', `/v1/fulfillment-orders/${fo.id}/claim`, { token: packerKey, body: {} })).body.code).toBe(
      'station_required',
    );
    expect(
      (await t.api('POST', `/v1/fulfillment-orders/${fo.id}/claim`, { token: packerKey, body: { stationId: man.stationId } })).body.code,
    ).toBe('station_not_in_warehouse');
    const ok = await t.api('POST', `/v1/fulfillment-orders/${fo.id}/claim`, {
      token: packerKey,
      body: { stationId: lonPacker2.stationId },
    });
    expect(ok.body.claimedBy).toBe(lonPacker2.stationId);
    expect((await t.api('POST', `/v1/fulfillment-orders/${fo.id}/claim`, { token: man.stationToken, body: {} })).status).toBe(403);
  });
});

describe('moving', () => {
  it('moves an open order to another warehouse: reservation follows, old stations get a tombstone, new ones pull it', async () => {
    const fo = await newFo();
    const lonBefore = await pull(lon.stationToken);
    const manBefore = await pull(man.stationToken);
    const mugLon = await level(lon.warehouseId, 'SKU-MUG');
    const mugMan = await level(man.warehouseId, 'SKU-MUG');
    const moved = await t.api('POST', `/v1/fulfillment-orders/${fo.id}/move`, {
      body: { warehouseId: man.warehouseId, reason: 'LON dock closed' },
    });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ warehouseId: man.warehouseId, status: 'open', claimedBy: null });
    expect((await level(lon.warehouseId, 'SKU-MUG')).reserved).toBe(mugLon.reserved - 2);
    expect((await level(man.warehouseId, 'SKU-MUG')).reserved).toBe(mugMan.reserved + 2);
    const lonAfter = await pull(lon.stationToken, lonBefore.checkpoint.rev);
    expect(lonAfter.documents).toContainEqual({ id: fo.id, _deleted: true });
    const manAfter = await pull(man.stationToken, manBefore.checkpoint.rev);
    expect(manAfter.documents.find((d) => d.id === fo.id)).toMatchObject({ _deleted: false, warehouseId: man.warehouseId });
    // A station pulling from scratch sees only the final state.
    const fresh = await pull(lon.stationToken);
    const seen = fresh.documents.filter((d) => d.id === fo.id);
    expect(seen.at(-1)).toEqual({ id: fo.id, _deleted: true });
    const types = (await timelineTypes(fo.orderId)).map((e) => e.type);
    expect(types).toContain('fulfillment-order-moved');

    // And back again: the tombstone row is reused, MAN gets one now.
    const back = await t.api('POST', `/v1/fulfillment-orders/${fo.id}/move`, {
      body: { warehouseId: lon.warehouseId, reason: 'dock reopened' },
    });
    expect(back.body.warehouseId).toBe(lon.warehouseId);
    const lonFinal = (await pull(lon.stationToken)).documents.filter((d) => d.id === fo.id);
    expect(lonFinal.at(-1)).toMatchObject({ _deleted: false, warehouseId: lon.warehouseId });
    expect((await pull(man.stationToken)).documents.filter((d) => d.id === fo.id).at(-1)).toEqual({ id: fo.id, _deleted: true });
  });

  it('moves to a station (taking it from the one holding it), and refuses another warehouse while held, a short warehouse, or out of scope', async () => {
    const fo = await newFo();
    const toStation = await t.api('POST', `/v1/fulfillment-orders/${fo.id}/move`, {
      token: supervisorLon,
      body: { stationId: lonPacker2.stationId, reason: 'rush' },
    });
    expect(toStation.body).toMatchObject({ status: 'in_progress', claimedBy: lonPacker2.stationId, lease: { stationName: 'Pack 2 LON' } });
    const busy = await t.api('POST', `/v1/fulfillment-orders/${fo.id}/move`, { body: { warehouseId: man.warehouseId, reason: 'x' } });
    expect(busy.status).toBe(409);
    expect(busy.body.code).toBe('fulfillment_order_in_progress_elsewhere');
    const takenOver = await t.api('POST', `/v1/fulfillment-orders/${fo.id}/move`, {
      token: supervisorLon,
      body: { stationId: lon.stationId, reason: 'Pack 2 went home' },
    });
    expect(takenOver.status).toBe(200);
    expect(takenOver.body).toMatchObject({ status: 'in_progress', claimedBy: lon.stationId, lease: { stationName: 'Pack 1 LON-1' } });

    const other = await newFo();
    // Another warehouse's supervisor cannot take LON's work; LON's own can hand it over (below).
    const supervisorMan = (
      await t.api('POST', '/v1/api-keys', { body: { name: 'sup man', role: 'supervisor', warehouseId: man.warehouseId } })
    ).body.key;
    expect(
      (
        await t.api('POST', `/v1/fulfillment-orders/${other.id}/move`, {
          token: supervisorMan,
          body: { warehouseId: man.warehouseId, reason: 'x' },
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await t.api('POST', `/v1/fulfillment-orders/${other.id}/move`, {
          token: packerKey,
          body: { warehouseId: man.warehouseId, reason: 'x' },
        })
      ).status,
    ).toBe(403);
    expect((await t.api('POST', `/v1/fulfillment-orders/${other.id}/move`, { body: { reason: 'x' } })).body.code).toBe('validation_failed');
    await t.api('PUT', `/v1/inventory/${man.warehouseId}/SKU-TEE`, { body: { onHand: 0 } });
    const short = await t.api('POST', `/v1/fulfillment-orders/${other.id}/move`, { body: { warehouseId: man.warehouseId, reason: 'x' } });
    expect(short.status).toBe(409);
    expect(short.body.code).toBe('insufficient_stock');
    expect(short.body.short).toEqual([{ sku: 'SKU-TEE', needed: 1, available: 0 }]);
    // Nothing moved: the refusal rolled everything back.
    expect((await t.api('GET', `/v1/fulfillment-orders/${other.id}`)).body.warehouseId).toBe(lon.warehouseId);
    await t.api('PUT', `/v1/inventory/${man.warehouseId}/SKU-TEE`, { body: { onHand: 100 } });
    const handedOver = await t.api('POST', `/v1/fulfillment-orders/${other.id}/move`, {
      token: supervisorLon,
      body: { warehouseId: man.warehouseId, reason: 'LON dock closed' },
    });
    expect(handedOver.status).toBe(200);
    expect(handedOver.body.warehouseId).toBe(man.warehouseId);
    // Once it is MAN's, LON's supervisor no longer reaches it.
    expect(
      (
        await t.api('POST', `/v1/fulfillment-orders/${other.id}/move`, {
          token: supervisorLon,
          body: { warehouseId: lon.warehouseId, reason: 'x' },
        })
      ).status,
    ).toBe(403);
  });
});

describe('holds', () => {
  it('holds for several reasons, blocks claims while held, and releases back to work', async () => {
    const fo = await newFo();
    const held = await t.api('POST', `/v1/fulfillment-orders/${fo.id}/hold`, {
      token: packerKey,
      body: { reasons: ['incorrect_address', 'high_risk_of_fraud'], note: 'postcode invalid' },
    });
    expect(held.status).toBe(200);
    expect(held.body).toMatchObject({ status: 'on_hold', holds: ['incorrect_address', 'high_risk_of_fraud'] });
    expect((await t.api('POST', `/v1/fulfillment-orders/${fo.id}/claim`, { token: lon.stationToken, body: {} })).body.code).toBe(
      'fulfillment_order_on_hold',
    );
    expect((await t.api('POST', `/v1/fulfillment-orders/${fo.id}/release`, { token: packerKey, body: {} })).status).toBe(403);
    const partly = await t.api('POST', `/v1/fulfillment-orders/${fo.id}/release`, {
      token: supervisorLon,
      body: { reasons: ['incorrect_address'], note: 'address fixed' },
    });
    expect(partly.body).toMatchObject({ status: 'on_hold', holds: ['high_risk_of_fraud'] });
    expect((await t.api('POST', `/v1/fulfillment-orders/${fo.id}/release`, { body: { reasons: ['incorrect_address'] } })).body.code).toBe(
      'hold_reason_not_present',
    );
    const released = await t.api('POST', `/v1/fulfillment-orders/${fo.id}/release`, {
      token: supervisorLon,
      body: { note: 'fraud check passed' },
    });
    expect(released.body).toMatchObject({ status: 'open', holds: [] });
    expect((await t.api('POST', `/v1/fulfillment-orders/${fo.id}/release`, { body: {} })).body.code).toBe('fulfillment_order_not_on_hold');
    expect((await t.api('POST', `/v1/fulfillment-orders/${fo.id}/hold`, { body: { reasons: ['because'] } })).body.code).toBe(
      'validation_failed',
    );
    expect((await t.api('POST', `/v1/fulfillment-orders/${fo.id}/hold`, { body: { reasons: [] } })).body.code).toBe('validation_failed');
    const types = (await timelineTypes(fo.orderId)).filter((e) => e.type.startsWith('fulfillment-order-'));
    expect(types.map((e) => e.type)).toEqual([
      'fulfillment-order-created',
      'fulfillment-order-held',
      'fulfillment-order-released',
      'fulfillment-order-released',
    ]);
    // The station's copy says so too.
    const doc = (await pull(lon.stationToken)).documents.filter((d) => d.id === fo.id).at(-1)!;
    expect(doc).toMatchObject({ status: 'open', holds: [] });
  });
});

describe('cancelling', () => {
  it('cancels an unshipped fulfillment order and gives its reservation back', async () => {
    const fo = await newFo();
    const before = await level(lon.warehouseId, 'SKU-MUG');
    expect((await t.api('POST', `/v1/fulfillment-orders/${fo.id}/cancel`, { token: supervisorLon, body: {} })).body.code).toBe(
      'validation_failed',
    );
    const cancelled = await t.api('POST', `/v1/fulfillment-orders/${fo.id}/cancel`, {
      token: supervisorLon,
      body: { reason: 'customer called' },
    });
    expect(cancelled.body.status).toBe('cancelled');
    expect((await level(lon.warehouseId, 'SKU-MUG')).reserved).toBe(before.reserved - 2);
    const again = await t.api('POST', `/v1/fulfillment-orders/${fo.id}/cancel`, { body: { reason: 'again' } });
    expect(again.body.code).toBe('fulfillment_order_status_final');
    expect((await t.api('POST', `/v1/fulfillment-orders/${fo.id}/cancel`, { token: packerKey, body: { reason: 'x' } })).status).toBe(403);
  });
});

describe('API description', () => {
  it('documents every fulfillment, inventory, backorder, package and return route with its roles', async () => {
    const doc = (await t.api('GET', '/v1/openapi.json', { token: null })).body as {
      paths: Record<string, Record<string, { 'x-roles'?: string[]; operationId: string }>>;
    };
    const mine = /^\/v1\/(fulfillment-orders|packages|backorders|inventory|returns|routing|suppliers)|^\/v1\/orders\/\{orderId\}\//;
    const ops = Object.entries(doc.paths)
      .filter(([path]) => mine.test(path))
      .flatMap(([path, methods]) => Object.entries(methods).map(([m, o]) => ({ path, m, o })));
    expect(ops.length).toBeGreaterThanOrEqual(45);
    const bare = ops.filter(({ o }) => !o['x-roles']).map(({ m, path }) => `${m} ${path}`);
    expect(bare).toEqual([]);
    // And nothing is documented that the server does not serve.
    for (const { m, path } of ops) {
      expect(t.server.app.hasRoute({ method: m.toUpperCase() as 'GET', url: path.replace(/\{(\w+)\}/g, ':$1') }), `${m} ${path}`).toBe(
        true,
      );
    }
  });
});

describe('batch store', () => {
  it('loads and saves several documents in one go, each with a new revision the stations pull', async () => {
    const a = await newFo();
    const b = await newFo();
    const before = await pull(lon.stationToken);
    const saved = await t.server.db.transaction(async (tx) => {
      const docs = await loadFulfillmentOrdersForUpdate(tx, [b.id, a.id, a.id, crypto.randomUUID()]);
      expect([...docs.keys()].sort()).toEqual([a.id, b.id].sort());
      return saveFulfillmentOrders(
        tx,
        [...docs.values()].map((d) => ({ ...d, holds: ['other'], status: 'on_hold' as const })),
      );
    });
    expect(saved.map((d) => d.version)).toEqual([2, 2]);
    const after = await pull(lon.stationToken, before.checkpoint.rev);
    expect(after.documents.map((d) => d.id).sort()).toEqual([a.id, b.id].sort());
    expect(after.documents.every((d) => d.status === 'on_hold' && d.version === 2)).toBe(true);
    const rows = await t.server.db.query<{ status: string; rev: unknown }>(
      'select status, rev from fulfillment_orders where id = any($1::uuid[])',
      [[a.id, b.id]],
    );
    expect(rows.every((r) => r.status === 'on_hold')).toBe(true);
    expect(new Set(rows.map((r) => Number(r.rev))).size).toBe(2);
    expect(await t.server.db.transaction((tx) => saveFulfillmentOrders(tx, []))).toEqual([]);
  });
});

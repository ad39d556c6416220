import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTING_USER_HEADER } from '../../shared/api/acting-user';
import { sampleOrder, setUpWarehouse, startTestServer, type TestServer } from '../testing/test-server';

/**
 * A station acting for the person signed in at it: the station credential plus the acting-user
 * header. The person's role and scope come from the users table, on every request.
 */
let t: TestServer;
let lon: Awaited<ReturnType<typeof setUpWarehouse>>;
let man: Awaited<ReturnType<typeof setUpWarehouse>>;
const users: Record<string, string> = {};

beforeAll(async () => {
  t = await startTestServer();
  lon = await setUpWarehouse(t, 'ACT-LON', {});
  man = await setUpWarehouse(t, 'ACT-MAN', {});
  const create = async (key: string, body: Record<string, unknown>) => {
    const res = await t.api('POST', '/v1/users', { body });
    if (res.status !== 201) throw new Error(JSON.stringify(res.body));
    users[key] = res.body.id;
  };
  await create('sam', { name: 'Sam Supervisor', role: 'supervisor', warehouseId: lon.warehouseId, pin: '7391' });
  await create('roam', { name: 'Rita Roaming', role: 'supervisor', warehouseId: null, pin: '6142' });
  await create('priya', { name: 'Priya Packer', role: 'packer', warehouseId: lon.warehouseId, pin: '4825' });
  await create('max', { name: 'Max Manchester', role: 'supervisor', warehouseId: man.warehouseId, pin: '5062' });
  await create('ada', { name: 'Ada Admin', role: 'admin', warehouseId: null, pin: '8273' });
  await create('gone', { name: 'Gone Supervisor', role: 'supervisor', warehouseId: lon.warehouseId, pin: '3817' });
  expect((await t.api('DELETE', `/v1/users/${users.gone}`)).status).toBe(200);
});
afterAll(() => t.close());

/** The station of LON, acting for a user (or as itself with null). */
const asStation = (userId: string | null) => ({
  token: lon.stationToken,
  headers: (userId ? { [ACTING_USER_HEADER]: userId } : {}) as Record<string, string>,
});

/**
 * A waiting backorder for `sku` while MAN has the stock to take it: MAN's only units were held
 * by another order whose fulfillment order is then cancelled (which frees them without
 * running the backorder queue).
 */
async function backorderWithStockAtMan(sku: string) {
  await t.api('PUT', `/v1/inventory/${man.warehouseId}/${sku}`, { body: { onHand: 1 } });
  const line = { sku, name: `Item ${sku}`, quantity: 1, unitPriceMinor: 1000, taxRateBps: 2000 };
  const first = await t.api('POST', '/v1/orders', { body: sampleOrder({ lines: [line] }) });
  expect(first.body.backorders).toHaveLength(0);
  const second = await t.api('POST', '/v1/orders', { body: sampleOrder({ lines: [line] }) });
  expect(second.body.backorders).toHaveLength(1);
  const firstFo = (await t.api('GET', `/v1/orders/${first.body.id}`)).body.fulfillmentOrders[0].id as string;
  expect((await t.api('POST', `/v1/fulfillment-orders/${firstFo}/cancel`, { body: { reason: 'customer cancelled' } })).status).toBe(200);
  return { orderId: second.body.id as string, backorderId: second.body.backorders[0].id as string };
}

describe('a station acting for the person signed in at it', () => {
  it('lets a supervisor of its warehouse reassign a backorder, recorded as that person at this station', async () => {
    const b = await backorderWithStockAtMan('ACT-SKU-1');
    const list = await t.api('GET', '/v1/backorders?status=waiting', asStation(users.sam!));
    expect(list.status).toBe(200);
    expect(list.body.data.map((x: { id: string }) => x.id)).toContain(b.backorderId);
    const moved = await t.api('POST', `/v1/backorders/${b.backorderId}/reassign`, {
      ...asStation(users.sam!),
      body: { warehouseId: man.warehouseId, reason: 'MAN has it' },
    });
    expect(moved.status).toBe(200);
    expect(moved.body.backorder).toMatchObject({ status: 'reassigned', warehouseId: man.warehouseId });
    const timeline = (await t.api('GET', `/v1/orders/${b.orderId}/timeline`)).body.data as {
      type: string;
      actor: unknown;
      stationId: string | null;
    }[];
    const reassigned = timeline.find((e) => e.type === 'backorder-reassigned');
    expect(reassigned?.actor).toEqual({ kind: 'user', id: users.sam, name: 'Sam Supervisor', stationId: lon.stationId });
    expect(reassigned?.stationId).toBe(lon.stationId);
  });

  it("lets an unbound supervisor act, scoped to the station's warehouse", async () => {
    const b = await backorderWithStockAtMan('ACT-SKU-2');
    // MAN's fulfillment orders are out of reach through LON's station, even for a roaming supervisor.
    const manFos = await t.api('GET', `/v1/fulfillment-orders?warehouseId=${man.warehouseId}`, asStation(users.roam!));
    expect(manFos.status).toBe(403);
    const cancelled = await t.api('POST', `/v1/backorders/${b.backorderId}/cancel`, {
      ...asStation(users.roam!),
      body: { reason: 'discontinued' },
    });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.backorder.status).toBe('cancelled');
  });

  it('refuses supervisor work to a packer signed in at the station, as problem+json', async () => {
    const b = await backorderWithStockAtMan('ACT-SKU-3');
    const res = await t.api('POST', `/v1/backorders/${b.backorderId}/reassign`, {
      ...asStation(users.priya!),
      body: { warehouseId: man.warehouseId, reason: 'x' },
    });
    expect(res.status).toBe(403);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body).toMatchObject({ code: 'forbidden', detail: expect.stringContaining('you are packer') });
    // A packer may still read what a packer reads.
    expect((await t.api('GET', '/v1/backorders', asStation(users.priya!))).status).toBe(200);
  });

  it('refuses a deactivated person, one of another warehouse, an unknown id, and a header from anything but a station', async () => {
    const refused = async (userId: string, code: string) => {
      const res = await t.api('GET', '/v1/backorders', asStation(userId));
      expect(res.status).toBe(403);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(res.body.code).toBe(code);
    };
    await refused(users.gone!, 'acting_user_inactive');
    await refused(users.max!, 'acting_user_out_of_scope');
    await refused(crypto.randomUUID(), 'acting_user_unknown');
    await refused('not-a-uuid', 'acting_user_unknown');
    const fromKey = await t.api('GET', '/v1/backorders', { headers: { [ACTING_USER_HEADER]: users.sam! } });
    expect(fromKey.status).toBe(403);
    expect(fromKey.body.code).toBe('acting_user_not_allowed');
  });

  it('takes effect at once: a person deactivated after signing in is refused on the next request', async () => {
    const temp = await t.api('POST', '/v1/users', {
      body: { name: 'Temp Supervisor', role: 'supervisor', warehouseId: lon.warehouseId, pin: '2958' },
    });
    expect((await t.api('GET', '/v1/backorders', asStation(temp.body.id))).status).toBe(200);
    await t.api('DELETE', `/v1/users/${temp.body.id}`);
    expect((await t.api('GET', '/v1/backorders', asStation(temp.body.id))).body.code).toBe('acting_user_inactive');
  });

  it('gives an admin signed in at a station supervisor rights only', async () => {
    const b = await backorderWithStockAtMan('ACT-SKU-4');
    const prio = await t.api('POST', `/v1/backorders/${b.backorderId}/prioritize`, {
      ...asStation(users.ada!),
      body: { priority: 5, reason: 'VIP' },
    });
    expect(prio.status).toBe(200);
    const key = await t.api('POST', '/v1/api-keys', { ...asStation(users.ada!), body: { name: 'from a station', role: 'admin' } });
    expect(key.status).toBe(403);
    const wh = await t.api('POST', '/v1/warehouses', { ...asStation(users.ada!), body: { code: 'ACT-NEW', name: 'New' } });
    expect(wh.status).toBe(403);
  });

  it('leaves a station without an acting user exactly as it was, and keeps replication for the station itself', async () => {
    const b = await backorderWithStockAtMan('ACT-SKU-5');
    expect((await t.api('GET', '/v1/backorders', asStation(null))).status).toBe(200);
    const res = await t.api('POST', `/v1/backorders/${b.backorderId}/reassign`, {
      ...asStation(null),
      body: { warehouseId: man.warehouseId, reason: 'x' },
    });
    expect(res.status).toBe(403);
    expect(res.body.detail).toContain('you are station');
    const pull = { collection: 'fulfillment_orders', checkpoint: null, limit: 10 };
    expect((await t.api('POST', '/v1/sync/pull', { ...asStation(null), body: pull })).status).toBe(200);
    // Replication is the station's own business, not a person's.
    expect((await t.api('POST', '/v1/sync/pull', { ...asStation(users.sam!), body: pull })).status).toBe(403);
  });

  it("lets a supervisor at the station list and resolve its warehouse's tasks, and list its stations", async () => {
    const created = await t.api('POST', '/v1/orders', {
      body: sampleOrder({ lines: [{ sku: 'ACT-SKU-6', name: 'Six', quantity: 1, unitPriceMinor: 100, taxRateBps: 0 }] }),
    });
    await t.api('PUT', `/v1/inventory/${lon.warehouseId}/ACT-SKU-6`, { body: { onHand: 1 } });
    const task = await t.api('POST', `/v1/orders/${created.body.id}/tasks`, { body: { title: 'Check the parcel', kind: 'sync-conflict' } });
    expect(task.status).toBe(201);
    const tasks = await t.api('GET', '/v1/orders/tasks', asStation(users.sam!));
    expect(tasks.body.data.map((x: { id: string }) => x.id)).toContain(task.body.id);
    const resolved = await t.api('PATCH', `/v1/orders/tasks/${task.body.id}`, {
      ...asStation(users.sam!),
      body: { status: 'done', note: 'parcel intercepted' },
    });
    expect(resolved.status).toBe(200);
    expect(resolved.body.status).toBe('done');
    expect(resolved.body.detail.notes[0].by).toMatchObject({ kind: 'user', id: users.sam, stationId: lon.stationId });
    expect(
      (await t.api('PATCH', `/v1/orders/tasks/${task.body.id}`, { ...asStation(users.priya!), body: { status: 'open' } })).status,
    ).toBe(403);
    const stations = await t.api('GET', '/v1/stations', asStation(users.sam!));
    expect(stations.body.data.map((s: { id: string }) => s.id)).toEqual([lon.stationId]);
    expect((await t.api('GET', `/v1/stations?warehouseId=${man.warehouseId}`, asStation(users.sam!))).status).toBe(403);
  });
});

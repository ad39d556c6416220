import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BackorderView } from '../../shared/api/fulfillment';
import { sampleOrder, setUpWarehouse, startTestServer, type TestServer } from '../testing/test-server';

// A server of its own: a move is within the whole queue a warehouse sees, so no other test's backorders may be in it.
let t: TestServer;
let lon: Awaited<ReturnType<typeof setUpWarehouse>>;
let supervisorLon: string;

beforeAll(async () => {
  t = await startTestServer();
  lon = await setUpWarehouse(t, 'LON-1', {});
  await setUpWarehouse(t, 'MAN-1', {});
  supervisorLon = (await t.api('POST', '/v1/api-keys', { body: { name: 'sup lon', role: 'supervisor', warehouseId: lon.warehouseId } }))
    .body.key;
});
afterAll(() => t.close());

async function backorderFor(sku: string) {
  const created = await t.api('POST', '/v1/orders', {
    body: sampleOrder({ lines: [{ sku, name: `Item ${sku}`, quantity: 1, unitPriceMinor: 1000, taxRateBps: 2000 }] }),
  });
  expect(created.body.backorders).toHaveLength(1);
  return { orderId: created.body.id as string, id: created.body.backorders[0].id as string };
}
const move = (id: string, direction: string, token = supervisorLon) =>
  t.api('POST', `/v1/backorders/${id}/move`, { token, body: { direction, reason: 'customer called' } });
const queue = async () =>
  ((await t.api('GET', '/v1/backorders?status=waiting', { token: supervisorLon })).body.data as BackorderView[]).map((b) => b.id);

describe('moving a backorder one place in the queue', () => {
  it('with every priority 0, moves one place each way, and stock received serves them in the new order', async () => {
    const [a, b, c, d] = [await backorderFor('MV-1'), await backorderFor('MV-1'), await backorderFor('MV-1'), await backorderFor('MV-1')];
    expect(await queue()).toEqual([a.id, b.id, c.id, d.id]);

    const down = await move(a.id, 'down');
    expect(down.status).toBe(200);
    expect(down.body.id).toBe(a.id);
    expect(await queue()).toEqual([b.id, a.id, c.id, d.id]);
    expect((await move(d.id, 'up')).status).toBe(200);
    expect(await queue()).toEqual([b.id, a.id, d.id, c.id]);

    const timeline = (await t.api('GET', `/v1/orders/${a.orderId}/timeline`)).body.data as { type: string }[];
    expect(timeline.filter((e) => e.type === 'backorder-moved')).toEqual([
      expect.objectContaining({
        entityIds: expect.objectContaining({ backorderId: a.id, passedBackorderId: b.id }),
        payload: expect.objectContaining({ direction: 'down', reason: 'customer called', place: { from: 1, to: 2 } }),
        actor: expect.objectContaining({ kind: 'api', name: 'sup lon' }),
      }),
    ]);

    // Two units serve the first two of the new order; the next unit, the one moved up.
    const first = await t.api('POST', `/v1/inventory/${lon.warehouseId}/MV-1/receipts`, { body: { quantity: 2, reference: 'ASN-1' } });
    expect(first.body.allocatedBackorders.map((x: BackorderView) => x.id)).toEqual([b.id, a.id]);
    const next = await t.api('POST', `/v1/inventory/${lon.warehouseId}/MV-1/receipts`, { body: { quantity: 1, reference: 'ASN-2' } });
    expect(next.body.allocatedBackorders.map((x: BackorderView) => x.id)).toEqual([d.id]);
    expect(await queue()).toEqual([c.id]);
  });

  it('refuses past the ends, a cancelled backorder, a packer, a bad direction and an unknown backorder', async () => {
    const [e, f] = [await backorderFor('MV-2'), await backorderFor('MV-2')];
    // MV-2's queue is its own: the MV-1 backorders the first test left are in no way before or after these.
    const last = await move(f.id, 'down');
    expect(last.status).toBe(409);
    expect(last.headers.get('content-type')).toContain('application/problem+json');
    expect(last.body).toMatchObject({ code: 'backorder_at_queue_end', detail: 'the backorder is already last in the MV-2 backorders' });
    expect((await move(e.id, 'up')).body.code).toBe('backorder_at_queue_end');

    await t.api('POST', `/v1/backorders/${e.id}/cancel`, { body: { reason: 'discontinued' } });
    expect((await move(e.id, 'up')).body.code).toBe('backorder_status_final');

    const packer = (await t.api('POST', '/v1/api-keys', { body: { name: 'packer', role: 'packer', warehouseId: lon.warehouseId } })).body
      .key as string;
    expect((await move(f.id, 'up', packer)).status).toBe(403);
    expect((await move(f.id, 'sideways')).status).toBe(400);
    expect((await move(crypto.randomUUID(), 'up')).status).toBe(404);
  });
});

describe("a backorder moves only within its SKU's queue", () => {
  it('passes the next backorder of its SKU, whatever other SKUs wait between them, and leaves those alone', async () => {
    const mug1 = await backorderFor('MUG-01');
    const lamp = await backorderFor('LAMP-02');
    const mug2 = await backorderFor('MUG-01');
    const before = await priorities([lamp.id]);

    const up = await move(mug2.id, 'up');
    expect(up.status).toBe(200);
    const mugs = (await queue()).filter((id) => id === mug1.id || id === mug2.id);
    expect(mugs).toEqual([mug2.id, mug1.id]);
    expect(await priorities([lamp.id])).toEqual(before);
    const moved = ((await t.api('GET', `/v1/orders/${mug2.orderId}/timeline`)).body.data as { type: string }[]).find(
      (e) => e.type === 'backorder-moved',
    );
    expect(moved).toMatchObject({ entityIds: { passedBackorderId: mug1.id }, payload: { place: { from: 2, to: 1 } } });
    // The lamp is the only LAMP-02 backorder: first and last of its own queue.
    expect((await move(lamp.id, 'up')).body.code).toBe('backorder_at_queue_end');
  });

  it('refuses, as problem+json with its own code, a move past another SKU, and past one that is no longer its neighbour', async () => {
    const cup1 = await backorderFor('CUP-03');
    const bowl = await backorderFor('BOWL-04');
    const cup2 = await backorderFor('CUP-03');
    const cup3 = await backorderFor('CUP-03');

    const across = await t.api('POST', `/v1/backorders/${cup2.id}/move`, {
      token: supervisorLon,
      body: { direction: 'up', reason: 'customer called', past: bowl.id },
    });
    expect(across.status).toBe(409);
    expect(across.headers.get('content-type')).toContain('application/problem+json');
    expect(across.body).toMatchObject({ code: 'backorder_other_sku' });
    expect(across.body.detail).toContain('CUP-03 and BOWL-04 are queued apart');

    const stale = await t.api('POST', `/v1/backorders/${cup3.id}/move`, {
      token: supervisorLon,
      body: { direction: 'up', reason: 'customer called', past: cup1.id },
    });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('backorder_queue_changed');

    const named = await t.api('POST', `/v1/backorders/${cup2.id}/move`, {
      token: supervisorLon,
      body: { direction: 'up', reason: 'customer called', past: cup1.id },
    });
    expect(named.status).toBe(200);
    expect((await queue()).filter((id) => [cup1.id, cup2.id, cup3.id].includes(id))).toEqual([cup2.id, cup1.id, cup3.id]);
  });
});

async function priorities(ids: string[]) {
  return Promise.all(ids.map(async (id) => (await t.api('GET', `/v1/backorders/${id}`)).body.priority as number));
}

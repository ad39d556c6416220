import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stationEventsOf } from '../../src/server/testing/station-events';
import { sampleOrder, setUpWarehouse, type TestServer } from '../../src/server/testing/test-server';
import { startSupervisorDesk, type SupervisorDesk } from '../support/supervisor-harness';
import { sql as cancelledWorkReview } from '../../src/server/db/migrations/0023-cancelled-work-units-review';
import { applyAdminChange } from '../../src/server/fulfillment/apply-admin-event';
import { unreserveFulfillmentOrder } from '../../src/server/inventory/inventory-store';
import type { FulfillmentDocument } from '../../src/shared/sync/fulfillment-document';

/**
 * The supervisor desk's take-back and order cancel, through the real station services enrolled
 * with a real server: done as the supervisor signed in here, refused to a packer, and refusals
 * said in words. The packing station of the warehouse ("Pack 1 TB-LON") holds the orders.
 */
let desk: SupervisorDesk;
let t: TestServer;
let lon: SupervisorDesk['warehouse'];
let stationId: string;
let users: Record<string, string>;
const call = (name: string, arg?: unknown) => desk.call(name, arg);
const packing = stationEventsOf(() => lon.stationId);

beforeAll(async () => {
  desk = await startSupervisorDesk({
    warehouse: 'TB-LON',
    stock: { 'TB-MUG': 10 },
    people: {
      sam: { name: 'Sam Supervisor', role: 'supervisor', pin: '7391' },
      priya: { name: 'Priya Packer', role: 'packer', pin: '4825' },
    },
  });
  ({ t, warehouse: lon, stationId, users } = desk);
});
afterAll(async () => {
  await desk?.close();
});

/** An order of `quantity` mugs, held by the packing station (as if its packer went home with it open). */
async function heldAtPack1(quantity: number) {
  const created = await t.api('POST', '/v1/orders', {
    body: sampleOrder({ lines: [{ sku: 'TB-MUG', name: 'Mug', quantity, unitPriceMinor: 1000, taxRateBps: 0 }] }),
  });
  const doc = created.body.fulfillmentOrders[0] as { id: string; orderId: string; lines: { lineId: string }[] };
  const claimed = await t.api('POST', '/v1/sync/leases/claim', { token: lon.stationToken, body: { fulfillmentOrderId: doc.id } });
  expect(claimed.status).toBe(200);
  return { orderId: created.body.id as string, number: created.body.number as string, doc };
}

const serverCopy = async (id: string) => (await t.api('GET', `/v1/fulfillment-orders/${id}`)).body;
const mugs = async () => (await t.api('GET', `/v1/inventory/${lon.warehouseId}/TB-MUG`)).body;
const timeline = async (orderId: string) =>
  (await t.api('GET', `/v1/orders/${orderId}/timeline`)).body.data as { type: string; actor: unknown; stationId: string | null }[];

describe('taking an order back to the pool, and cancelling an order, from the supervisor desk', () => {
  it('refuses both to a packer signed in here: the order stays where it was', async () => {
    const order = await heldAtPack1(1);
    await call('station.sign-in', { userId: users.priya, pin: '4825' });
    const refused = { code: 'supervisor_sign_in_required', message: expect.stringContaining('Priya Packer is a packer') };
    await expect(call('supervisor.take-back', { fulfillmentOrderId: order.doc.id, reason: 'went home' })).rejects.toMatchObject(refused);
    await expect(call('supervisor.cancel-order', { orderId: order.orderId, reason: 'customer', restock: true })).rejects.toMatchObject(
      refused,
    );
    await call('station.sign-out');
    expect(await serverCopy(order.doc.id)).toMatchObject({ status: 'in_progress', claimedBy: lon.stationId });
  });

  it('takes an order back to the pool from the station holding it, as the supervisor; a second take-back is refused in words', async () => {
    await call('station.sign-in', { userId: users.sam, pin: '7391' });
    const order = await heldAtPack1(1);
    expect((await call('supervisor.fulfillment-orders')).find((f: { id: string }) => f.id === order.doc.id)).toMatchObject({
      claimedBy: lon.stationId,
      claimedByName: 'Pack 1 TB-LON',
    });

    const back = await call('supervisor.take-back', { fulfillmentOrderId: order.doc.id, reason: 'Pack 1 went home' });
    expect(back).toMatchObject({ id: order.doc.id, status: 'open', claimedBy: null, claimedByName: null, elsewhere: false });
    // The server says so: in the pool, held by nobody; the supervisor, at this station, did it.
    expect(await serverCopy(order.doc.id)).toMatchObject({ status: 'open', claimedBy: null, lease: null });
    expect((await timeline(order.orderId)).find((e) => e.type === 'fulfillment-order-unclaimed')).toMatchObject({
      actor: { kind: 'user', id: users.sam, name: 'Sam Supervisor' },
      stationId,
    });
    expect((await call('supervisor.fulfillment-orders')).map((f: { id: string }) => f.id)).not.toContain(order.doc.id);

    await expect(call('supervisor.take-back', { fulfillmentOrderId: order.doc.id, reason: 'again' })).rejects.toMatchObject({
      code: 'fulfillment_order_not_claimed',
      message: `${order.number} is not taken by any station: no station has it, so there is nothing to take back`,
    });
  });

  it("cancels the customer's order with a reason: its units go back to stock, or the picked ones are written off when asked", async () => {
    const before = await mugs();
    const order = await heldAtPack1(2);
    expect((await mugs()).reserved).toBe(before.reserved + 2);
    await expect(call('supervisor.cancel-order', { orderId: order.orderId, reason: ' ', restock: true })).rejects.toMatchObject({
      code: 'invalid_input',
    });

    const cancelled = await call('supervisor.cancel-order', {
      orderId: order.orderId,
      reason: 'customer cancelled by phone',
      restock: true,
    });
    expect(cancelled).toMatchObject({
      id: order.orderId,
      orderNumber: order.number,
      fulfillmentOrders: [{ id: order.doc.id, status: 'cancelled', units: 2 }],
    });
    const server = (await t.api('GET', `/v1/orders/${order.orderId}`)).body;
    expect(server).toMatchObject({ status: 'cancelled', cancellation: { reason: 'customer cancelled by phone', restock: true } });
    expect(await serverCopy(order.doc.id)).toMatchObject({ status: 'cancelled' });
    expect(await mugs()).toMatchObject({ onHand: before.onHand, reserved: before.reserved });
    expect((await timeline(order.orderId)).findLast((e) => e.type === 'order-status-changed')).toMatchObject({
      actor: { kind: 'user', id: users.sam },
      stationId,
    });

    await expect(call('supervisor.cancel-order', { orderId: order.orderId, reason: 'again', restock: true })).rejects.toMatchObject({
      code: 'order_status_final',
      message: `${order.number} was already cancelled: there is nothing left to cancel`,
    });

    // Picked and unsellable: the picked unit comes off stock instead; the one never picked is still on the shelf.
    const picked = await heldAtPack1(2);
    const scan = packing.event(picked.doc, 'item-verified', { lineId: picked.doc.lines[0]!.lineId, barcode: 'x', quantity: 1 });
    const scanned = await t.api('POST', '/v1/sync/push', { token: lon.stationToken, body: { events: [scan] } });
    expect(scanned.body.outcomes.map((o: { outcome: string }) => o.outcome)).toEqual(['applied']);
    await call('supervisor.cancel-order', { orderId: picked.orderId, reason: 'dropped while picking', restock: false });
    expect(await mugs()).toMatchObject({ onHand: before.onHand - 1, reserved: before.reserved });
  });

  it('says in words why an order that shipped meanwhile can be neither taken back nor cancelled', async () => {
    const order = await heldAtPack1(1);
    const { event } = packing;
    const { doc } = order;
    const lineId = doc.lines[0]!.lineId;
    const packageId = crypto.randomUUID();
    const label = { sscc: '350123451234567900', trackingNumber: 'DPD-TB-1', carrier: 'DPD' };
    const events = [
      event(doc, 'item-verified', { lineId, barcode: 'x', quantity: 1 }),
      event(doc, 'package-created', { packageId, contents: [{ lineId, quantity: 1 }], weightGrams: 100 }),
      event(doc, 'label-printed', { packageId, printJobId: crypto.randomUUID(), format: 'zpl', ...label }),
      event(doc, 'package-shipped', { packageId }),
    ];
    const pushed = await t.api('POST', '/v1/sync/push', { token: lon.stationToken, body: { events } });
    expect(pushed.body.outcomes.map((o: { outcome: string }) => o.outcome)).toEqual(['applied', 'applied', 'applied', 'applied']);
    expect(await serverCopy(doc.id)).toMatchObject({ status: 'closed' });

    await expect(call('supervisor.take-back', { fulfillmentOrderId: doc.id, reason: 'went home' })).rejects.toMatchObject({
      code: 'fulfillment_order_not_claimed',
      message: `${order.number} is already closed, so it can no longer be taken back`,
    });
    await expect(call('supervisor.cancel-order', { orderId: order.orderId, reason: 'too late', restock: true })).rejects.toMatchObject({
      code: 'order_transition_forbidden',
      message: `${order.number} has already shipped, so it can no longer be cancelled: take a return instead`,
    });
  });
});

describe('what cancelling an order would do, as the desk asks it', () => {
  const MUGS = { sku: 'TB-MUG', name: 'Mug', quantity: 2, unitPriceMinor: 1000, taxRateBps: 0 };
  const TEE = { sku: 'TB-TEE', name: 'Tee', quantity: 1, unitPriceMinor: 2000, taxRateBps: 0 };
  const order = async (payment: 'paid' | 'authorized') => {
    const created = await t.api('POST', '/v1/orders', { body: sampleOrder({ lines: [MUGS, TEE], payment: { status: payment } }) });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    return created.body as { id: string; number: string; fulfillmentOrders: unknown[] };
  };

  beforeAll(async () => {
    // Tees stock only at Manchester: an order of mugs and a tee splits, one unit there.
    await setUpWarehouse(t, 'TB-MAN', { 'TB-TEE': 10 });
    await call('station.sign-in', { userId: users.sam, pin: '7391' });
  });

  it("counts every unit of a split order, those at the other warehouse named, and the refund the server's cancel then makes", async () => {
    const paid = await order('paid');
    expect(paid.fulfillmentOrders).toHaveLength(2);
    // 2 mugs at 10.00 and a tee at 20.00, no tax, 4.99 shipping: all 44.99 was captured.
    const preview = await call('supervisor.cancel-order-preview', { orderId: paid.id });
    expect(preview).toEqual({
      orderId: paid.id,
      orderNumber: paid.number,
      customerName: 'Ada Lovelace',
      units: 3,
      elsewhere: [{ warehouse: 'TB-MAN', units: 1 }],
      unitStates: { picked: 0, notPicked: 3, backordered: 0 },
      money: { kind: 'refund', amountMinor: 4499, currency: 'GBP' },
    });

    await call('supervisor.cancel-order', { orderId: paid.id, reason: 'customer rang', restock: true });
    const { refunds } = (await t.api('GET', `/v1/orders/${paid.id}/payments`)).body;
    expect(refunds.map((r: { amountMinor: number }) => r.amountMinor)).toEqual([4499]);
  });

  it('says an authorization is no longer needed rather than a refund', async () => {
    const authorized = await order('authorized');
    expect(await call('supervisor.cancel-order-preview', { orderId: authorized.id })).toMatchObject({
      units: 3,
      elsewhere: [{ warehouse: 'TB-MAN', units: 1 }],
      money: { kind: 'authorization' },
    });
  });

  it('refuses a packer in words', async () => {
    const paid = await order('paid');
    await call('station.sign-in', { userId: users.priya, pin: '4825' });
    await expect(call('supervisor.cancel-order-preview', { orderId: paid.id })).rejects.toMatchObject({
      code: 'supervisor_sign_in_required',
      message: expect.stringContaining('Priya Packer is a packer'),
    });
    await call('station.sign-out');
  });
});

describe('an order still charging for work cancelled before its cancel took the units off', () => {
  it('shows as a task the supervisor settles here: the units come off the order, what was captured refunded', async () => {
    await call('station.sign-in', { userId: users.sam, pin: '7391' });
    const created = await t.api('POST', '/v1/orders', {
      body: sampleOrder({ lines: [{ sku: 'TB-MUG', name: 'Mug', quantity: 2, unitPriceMinor: 1000, taxRateBps: 0 }] }),
    });
    const order = created.body as { id: string; number: string; fulfillmentOrders: FulfillmentDocument[] };
    // The fulfillment order cancelled as it was before: the work and its stock only, the order untouched.
    await t.server.db.transaction(async (tx) => {
      const doc = order.fulfillmentOrders[0]!;
      await applyAdminChange(tx, doc, {
        type: 'fulfillment-order-cancelled',
        payload: { reason: 'rang' },
        actor: { kind: 'system', id: 'x' },
      });
      await unreserveFulfillmentOrder(tx, doc);
    });
    await t.server.db.exec(cancelledWorkReview);

    const task = ((await call('supervisor.tasks')) as { id: string; kind: string; version: number; orderNumber: string | null }[]).find(
      (x) => x.kind === 'cancelled-work-units' && x.orderNumber === order.number,
    )!;
    expect(task).toBeDefined();
    const done = await call('supervisor.cancel-work-units', { taskId: task.id, version: task.version, note: 'checked the gateway' });
    expect(done).toMatchObject({ id: task.id, status: 'done' });
    // Its only work cancelled: the order is cancelled, all it paid (20.00 and 4.99 shipping) refunded.
    expect((await t.api('GET', `/v1/orders/${order.id}`)).body).toMatchObject({
      status: 'cancelled',
      paymentStatus: 'refunded',
      totals: { totalMinor: 499, refundedMinor: 2499 },
    });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FulfillmentDocument } from '../../shared/sync/fulfillment-document';
import { sql as reviewSql } from '../db/migrations/0023-cancelled-work-units-review';
import { unreserveFulfillmentOrder } from '../inventory/inventory-store';
import { sampleOrder, setUpWarehouse, startTestServer, type TestServer } from '../testing/test-server';
import { applyAdminChange } from './apply-admin-event';

/**
 * Orders whose fulfillment order a supervisor cancelled before that cancel also cancelled its
 * units for the customer still charge for those units. Migration 0023 finds them and opens one
 * supervisor task per order, changing no money; the task's cancel-units action then does what the
 * cancel does now. Mugs stock only at LON, tees only at MAN: the sample order (2 mugs at 12.50, a
 * tee at 20.00, 20% tax, 4.99 shipping: 58.99) splits, the tee (24.00) at MAN.
 */
let t: TestServer;
let lon: Awaited<ReturnType<typeof setUpWarehouse>>;
let man: Awaited<ReturnType<typeof setUpWarehouse>>;

beforeAll(async () => {
  t = await startTestServer();
  lon = await setUpWarehouse(t, 'LON-1', { 'SKU-MUG': 100 });
  man = await setUpWarehouse(t, 'MAN-1', { 'SKU-TEE': 100 });
});
afterAll(() => t.close());

async function placed(payment: 'paid' | 'authorized', overrides: Record<string, unknown> = {}) {
  const res = await t.api('POST', '/v1/orders', { body: sampleOrder({ payment: { status: payment }, ...overrides }) });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  const fos = res.body.fulfillmentOrders as FulfillmentDocument[];
  return {
    order: res.body,
    atLon: fos.find((f) => f.warehouseId === lon.warehouseId)!,
    atMan: fos.find((f) => f.warehouseId === man.warehouseId),
  };
}

/** The supervisor's fulfillment order cancel as it was before: the work cancelled and its stock given back, the order untouched. */
async function cancelTheOldWay(fo: FulfillmentDocument) {
  await t.server.db.transaction(async (tx) => {
    const [row] = await tx.query<{ doc: FulfillmentDocument }>('select doc from fulfillment_orders where id = $1 for update', [fo.id]);
    const actor = { kind: 'user' as const, id: crypto.randomUUID(), name: 'Sam Supervisor' };
    await applyAdminChange(tx, row!.doc, { type: 'fulfillment-order-cancelled', payload: { reason: 'customer rang' }, actor });
    await unreserveFulfillmentOrder(tx, row!.doc);
  });
}

const tasksOf = async (orderId: string) =>
  (
    (await t.api('GET', `/v1/orders/${orderId}?expand=tasks`)).body.tasks as { id: string; kind: string; title: string; detail: any }[]
  ).filter((x) => x.kind === 'cancelled-work-units');
const read = async (id: string) => (await t.api('GET', `/v1/orders/${id}`)).body;
const cancelUnits = (taskId: string) => t.api('POST', `/v1/orders/tasks/${taskId}/cancel-units`, { body: { note: 'checked the gateway' } });

describe('orders still charging for work cancelled before its cancel took the units off', () => {
  it('get one task each, their money unchanged; the action then cancels the units as the cancel does now, once', async () => {
    const paid = await placed('paid');
    await cancelTheOldWay(paid.atMan!);
    const onlyLon = await placed('authorized', {
      lines: [{ sku: 'SKU-MUG', name: 'Enamel mug', quantity: 2, unitPriceMinor: 1250, taxRateBps: 2000 }],
    });
    await cancelTheOldWay(onlyLon.atLon);
    expect(await read(paid.order.id)).toMatchObject({ status: 'confirmed', totals: { totalMinor: 5899, refundedMinor: 0 } });

    // Not stuck: cancelled the way it is now, by a partial cancel of its units, or with the whole order.
    const now = await placed('paid');
    expect((await t.api('POST', `/v1/fulfillment-orders/${now.atMan!.id}/cancel`, { body: { reason: 'x' } })).status).toBe(200);
    const partial = await placed('paid');
    const tee = partial.order.lines.find((l: { sku: string }) => l.sku === 'SKU-TEE');
    const cut = await t.api('POST', `/v1/orders/${partial.order.id}/partial-cancel`, {
      body: { lines: [{ lineId: tee.id, quantity: 1 }], reason: 'x' },
    });
    expect(cut.status, JSON.stringify(cut.body)).toBe(200);
    expect(await t.server.db.query('select status from fulfillment_orders where id = $1', [partial.atMan!.id])).toEqual([
      { status: 'cancelled' },
    ]);
    const whole = await placed('paid');
    expect((await t.api('POST', `/v1/orders/${whole.order.id}/cancel`, { body: { reason: 'x' } })).status).toBe(200);

    await t.server.db.exec(reviewSql);
    await t.server.db.exec(reviewSql);

    const [task] = await tasksOf(paid.order.id);
    expect(await tasksOf(paid.order.id)).toHaveLength(1);
    expect(task!.title).toBe(
      `Order ${paid.order.number} still charges for 1 unit of work cancelled at MAN-1 before such a cancel also cancelled them for the customer: check whether it was put right by hand; if not, cancel them on the order`,
    );
    expect(task!.detail).toMatchObject({
      code: 'cancelled_work_units_still_on_order',
      units: 1,
      fulfillmentOrders: [
        {
          fulfillmentOrderId: paid.atMan!.id,
          warehouse: 'MAN-1',
          units: [{ lineId: paid.order.lines.find((l: { sku: string }) => l.sku === 'SKU-TEE').id, sku: 'SKU-TEE', quantity: 1 }],
        },
      ],
    });
    expect(await tasksOf(onlyLon.order.id)).toMatchObject([{ detail: { units: 2 } }]);
    for (const o of [now, partial, whole]) expect(await tasksOf(o.order.id)).toEqual([]);
    // The migration changed no money.
    expect(await read(paid.order.id)).toMatchObject({ totals: { totalMinor: 5899, refundedMinor: 0 } });

    // Checked: the tee leaves the order, its 24.00 captured goes back, and the task is done.
    const done = await cancelUnits(task!.id);
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body).toMatchObject({ removedMinor: 2400, refundedMinor: 2400, cancelledWholeOrder: false, task: { status: 'done' } });
    expect(done.body.task.detail.notes.at(-1).text).toMatch(
      new RegExp(
        `cancelled on ${paid.order.number} the unit its cancelled work still charged for; its total is now £34\\.99, £24\\.00 refunded\\. checked the gateway$`,
      ),
    );
    expect(await read(paid.order.id)).toMatchObject({
      status: 'confirmed',
      paymentStatus: 'partially_refunded',
      totals: { totalMinor: 3499, paidMinor: 5899, refundedMinor: 2400, balanceDueMinor: 0 },
    });
    expect(await cancelUnits(task!.id)).toMatchObject({ status: 409, body: { code: 'task_not_open' } });
    expect((await read(paid.order.id)).totals).toMatchObject({ totalMinor: 3499, refundedMinor: 2400 });

    // Its only work cancelled: left with nothing to ship, the order is cancelled; authorized only, nothing to refund.
    const [lonTask] = await tasksOf(onlyLon.order.id);
    expect((await cancelUnits(lonTask!.id)).body).toMatchObject({ removedMinor: 3000, refundedMinor: 0, cancelledWholeOrder: true });
    expect(await read(onlyLon.order.id)).toMatchObject({ status: 'cancelled', totals: { totalMinor: 499, balanceDueMinor: 0 } });
  });
});

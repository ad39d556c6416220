import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StationServices } from '../../src/main/services/station-services';
import { sampleOrder, type TestServer } from '../../src/server/testing/test-server';
import { stationEventsOf } from '../../src/server/testing/station-events';
import { eventually } from '../../src/server/testing/test-support';
import { startSupervisorDesk, type SupervisorDesk } from '../support/supervisor-harness';
import { startVirtualPrinter } from '../../src/main/printing/testing/virtual-printer';

/**
 * The supervisor handlers of the real station services, enrolled with a real server: they act
 * as the person signed in at the station, and refuse without a supervisor or without the server.
 */
let desk: SupervisorDesk;
let t: TestServer;
let lon: SupervisorDesk['warehouse'];
let man: SupervisorDesk['warehouse'];
let services: StationServices;
let stationId: string;
let users: Record<string, string>;

/** A handheld of the same station as the supervisor's device (the desktop window, say). */
const HANDHELD = { deviceId: crypto.randomUUID() };
const call = (name: string, arg?: unknown, caller?: { deviceId: string }) => desk.call(name, arg, caller);

beforeAll(async () => {
  desk = await startSupervisorDesk({
    warehouse: 'SUP-LON',
    stock: {},
    otherWarehouses: ['SUP-MAN'],
    people: {
      sam: { name: 'Sam Supervisor', role: 'supervisor', pin: '7391' },
      priya: { name: 'Priya Packer', role: 'packer', pin: '4825' },
    },
  });
  ({ t, warehouse: lon, services, stationId, users } = desk);
  man = desk.others[0]!;
});
afterAll(async () => {
  await desk?.close();
});

/** A waiting backorder while MAN has the one unit it needs (freed by cancelling the order that held it). */
/** The packing station's events: one seq sequence across the tests, as it is one station. */
const packing = stationEventsOf(() => lon.stationId);

/** What the packing station recorded, offline, packing and shipping `doc`'s one unit with this label. */
function shippedOffline(
  doc: { id: string; orderId: string; lines: { lineId: string }[] },
  label: { sscc: string; trackingNumber: string },
) {
  const { event } = packing;
  const packageId = crypto.randomUUID();
  const lineId = doc.lines[0]!.lineId;
  const events = [
    event(doc, 'fulfillment-order-claimed', {}),
    event(doc, 'item-verified', { lineId, barcode: 'x', quantity: 1 }),
    event(doc, 'package-created', { packageId, contents: [{ lineId, quantity: 1 }], weightGrams: 100 }),
    event(doc, 'label-printed', { packageId, printJobId: crypto.randomUUID(), format: 'zpl', ...label, carrier: 'DPD' }),
    event(doc, 'package-shipped', { packageId }),
  ];
  return { events, packageId };
}

async function backorderWithStockAtMan(sku: string) {
  await t.api('PUT', `/v1/inventory/${man.warehouseId}/${sku}`, { body: { onHand: 1 } });
  const line = { sku, name: `Item ${sku}`, quantity: 1, unitPriceMinor: 1000, taxRateBps: 2000 };
  const first = await t.api('POST', '/v1/orders', { body: sampleOrder({ lines: [line] }) });
  const second = await t.api('POST', '/v1/orders', { body: sampleOrder({ lines: [line] }) });
  const firstFo = (await t.api('GET', `/v1/orders/${first.body.id}`)).body.fulfillmentOrders[0].id as string;
  await t.api('POST', `/v1/fulfillment-orders/${firstFo}/cancel`, { body: { reason: 'customer cancelled' } });
  return {
    orderId: second.body.id as string,
    orderNumber: second.body.number as string,
    backorderId: second.body.backorders[0].id as string,
  };
}

describe('supervisor work from a station', () => {
  it('refuses with nobody signed in, and with a packer signed in', async () => {
    await expect(call('supervisor.backorders')).rejects.toMatchObject({ code: 'supervisor_sign_in_required' });
    await call('station.sign-in', { userId: users.priya, pin: '4825' });
    await expect(call('supervisor.backorders')).rejects.toMatchObject({
      code: 'supervisor_sign_in_required',
      message: expect.stringContaining('Priya Packer is a packer'),
    });
    await call('station.sign-out');
  });

  it('lists backorders by SKU with their places, refuses passing another SKU, reassigns to another warehouse and cancels, as the supervisor', async () => {
    await call('station.sign-in', { userId: users.sam, pin: '7391' });
    // Only where the supervisor signed in: a handheld of the same station is not a supervisor's.
    await expect(call('supervisor.backorders', undefined, HANDHELD)).rejects.toMatchObject({ code: 'supervisor_sign_in_required' });
    const older = await backorderWithStockAtMan('SUP-SKU-1');
    const newer = await backorderWithStockAtMan('SUP-SKU-2');
    const ids = (list: { id: string }[]) => list.map((b) => b.id).filter((id) => id === older.backorderId || id === newer.backorderId);
    const queue = await call('supervisor.backorders');
    expect(ids(queue)).toEqual([older.backorderId, newer.backorderId]);
    expect(queue.find((b: { id: string }) => b.id === older.backorderId)).toMatchObject({
      sku: 'SUP-SKU-1',
      quantity: 1,
      orderNumber: older.orderNumber,
      status: 'waiting',
    });

    // Each is the only one of its SKU: its place is in its SKU's queue, and it does not pass another SKU's.
    expect(queue.find((b: { id: string }) => b.id === newer.backorderId)).toMatchObject({ queue: { place: 1, of: 1 } });
    await expect(
      call('supervisor.reorder-backorder', { backorderId: newer.backorderId, direction: 'up', past: older.backorderId }),
    ).rejects.toMatchObject({ code: 'backorder_other_sku' });
    expect(ids(await call('supervisor.backorders'))).toEqual([older.backorderId, newer.backorderId]);

    const warehouses = await call('supervisor.warehouses');
    expect(warehouses.find((w: { id: string }) => w.id === lon.warehouseId)).toMatchObject({ current: true });
    const moved = await call('supervisor.reassign-backorder', {
      backorderId: older.backorderId,
      warehouseId: man.warehouseId,
      reason: 'MAN has it',
    });
    expect(moved).toMatchObject({ status: 'reassigned', warehouseId: man.warehouseId });
    const timeline = (await t.api('GET', `/v1/orders/${older.orderId}/timeline`)).body.data as {
      type: string;
      actor: unknown;
      stationId: string;
    }[];
    const event = timeline.find((e) => e.type === 'backorder-reassigned');
    expect(event).toMatchObject({ actor: { kind: 'user', id: users.sam, name: 'Sam Supervisor' }, stationId });

    await expect(call('supervisor.cancel-backorder', { backorderId: newer.backorderId, reason: '' })).rejects.toMatchObject({
      code: 'invalid_input',
    });
    expect(await call('supervisor.cancel-backorder', { backorderId: newer.backorderId, reason: 'discontinued' })).toMatchObject({
      status: 'cancelled',
    });
    expect(ids(await call('supervisor.backorders'))).toEqual([]);
  });

  it('moves a backorder one place up or down a queue where every priority is 0', async () => {
    const line = { sku: 'SUP-SKU-3', name: 'Item SUP-SKU-3', quantity: 1, unitPriceMinor: 1000, taxRateBps: 2000 };
    const made: string[] = [];
    for (let i = 0; i < 3; i++)
      made.push((await t.api('POST', '/v1/orders', { body: sampleOrder({ lines: [line] }) })).body.backorders[0].id);
    const [a, b, c] = made;
    const ids = (list: { id: string }[]) => list.map((x) => x.id).filter((id) => made.includes(id));
    expect(ids(await call('supervisor.backorders'))).toEqual([a, b, c]);

    expect(ids(await call('supervisor.reorder-backorder', { backorderId: a, direction: 'down', past: b }))).toEqual([b, a, c]);
    expect(ids(await call('supervisor.reorder-backorder', { backorderId: c, direction: 'up', past: a }))).toEqual([b, c, a]);
    await expect(call('supervisor.reorder-backorder', { backorderId: b, direction: 'up', past: c })).rejects.toMatchObject({
      code: 'backorder_at_queue_end',
    });
    for (const id of made) await call('supervisor.cancel-backorder', { backorderId: id, reason: 'test done' });
  });

  it('holds, releases and moves fulfillment orders to another station, and resolves conflicts with a note', async () => {
    await t.api('PUT', `/v1/inventory/${lon.warehouseId}/SUP-SKU-3`, { body: { onHand: 5 } });
    const created = await t.api('POST', '/v1/orders', {
      body: sampleOrder({ lines: [{ sku: 'SUP-SKU-3', name: 'Three', quantity: 2, unitPriceMinor: 100, taxRateBps: 0 }] }),
    });
    const fo = (await t.api('GET', `/v1/orders/${created.body.id}`)).body.fulfillmentOrders[0].id as string;
    const held = await call('supervisor.hold', { fulfillmentOrderId: fo, reasons: ['incorrect_address'], note: 'customer called' });
    expect(held).toMatchObject({ id: fo, status: 'on_hold', holds: ['incorrect_address'], units: 2 });
    expect((await call('supervisor.fulfillment-orders')).map((f: { id: string }) => f.id)).toContain(fo);
    expect(await call('supervisor.release', { fulfillmentOrderId: fo })).toMatchObject({ status: 'open', holds: [] });

    const stations = await call('supervisor.stations');
    expect(stations.map((s: { id: string; current: boolean }) => [s.id, s.current]).sort()).toEqual(
      [
        [lon.stationId, false],
        [stationId, true],
      ].sort(),
    );
    const toPacker = await call('supervisor.move-fulfillment-order', { fulfillmentOrderId: fo, stationId: lon.stationId, reason: 'rush' });
    expect(toPacker).toMatchObject({ status: 'in_progress', claimedBy: lon.stationId, claimedByName: 'Pack 1 SUP-LON', elsewhere: true });
    expect((await call('supervisor.fulfillment-orders')).find((f: { id: string }) => f.id === fo)).toMatchObject({ elsewhere: true });

    const task = await t.api('POST', `/v1/orders/${created.body.id}/tasks`, {
      body: { title: 'Parcel shipped after cancel', kind: 'sync-conflict' },
    });
    const tasks = await call('supervisor.tasks');
    const shown = tasks.find((x: { id: string }) => x.id === task.body.id);
    expect(shown).toMatchObject({
      title: 'Parcel shipped after cancel',
      status: 'open',
    });
    expect(await call('supervisor.resolve-task', { taskId: task.body.id, version: shown.version, note: 'intercepted' })).toMatchObject({
      status: 'done',
    });
    expect((await call('supervisor.tasks')).map((x: { id: string }) => x.id)).not.toContain(task.body.id);
    const resolved = (await t.api('GET', `/v1/orders/${created.body.id}/timeline`)).body.data.find(
      (e: { type: string }) => e.type === 'task-updated',
    );
    expect(resolved).toMatchObject({ actor: { kind: 'user', id: users.sam }, stationId, payload: { to: 'done', note: 'intercepted' } });
  });

  it('names the order, customer and parcel of a conflict: a parcel shipped offline for an order cancelled meanwhile', async () => {
    await t.api('PUT', `/v1/inventory/${lon.warehouseId}/SUP-SKU-5`, { body: { onHand: 5 } });
    const created = await t.api('POST', '/v1/orders', {
      body: sampleOrder({
        customer: { name: 'Grace Hopper', email: 'grace@example.com' },
        lines: [{ sku: 'SUP-SKU-5', name: 'Five', quantity: 1, unitPriceMinor: 100, taxRateBps: 0 }],
      }),
    });
    const doc = created.body.fulfillmentOrders[0] as { id: string; orderId: string; lines: { lineId: string }[] };
    expect((await t.api('POST', `/v1/orders/${created.body.id}/cancel`, { body: { reason: 'customer cancelled' } })).status).toBe(200);

    // The packing station, offline all along, packed and shipped it; its events arrive now.
    const { events } = shippedOffline(doc, { sscc: '350123451234567894', trackingNumber: 'DPD-778899' });
    const pushed = await t.api('POST', '/v1/sync/push', { token: lon.stationToken, body: { events } });
    expect(pushed.body.outcomes.at(-1)).toMatchObject({ outcome: 'conflicted' });

    const task = (await call('supervisor.tasks')).find((x: { orderId: string }) => x.orderId === created.body.id);
    expect(task).toMatchObject({
      title: expect.stringMatching(
        new RegExp(`^${created.body.number}: .*a package was shipped at .+ while the order was cancelled\\. Intercept the parcel`),
      ),
      orderNumber: created.body.number,
      customerName: 'Grace Hopper',
      parcel: { sscc: '350123451234567894', trackingNumber: 'DPD-778899' },
      shipmentToAccept: false,
      shipmentToWriteOff: true,
    });
    // The order was cancelled: it cannot take the parcel, and the task stays.
    await expect(call('supervisor.accept-shipment', { taskId: task.id, version: task.version })).rejects.toMatchObject({
      code: 'shipment_order_ended',
    });
    // The cancellation gave the unit back to stock, but it left in the parcel: it comes off stock.
    const onHand = async () => (await t.api('GET', `/v1/inventory/${lon.warehouseId}/SUP-SKU-5`)).body.onHand;
    expect(await onHand()).toBe(5);
    const done = await call('supervisor.write-off-shipment', { taskId: task.id, version: task.version });
    expect(done).toMatchObject({ id: task.id, status: 'done', shipmentToWriteOff: false });
    expect(await onHand()).toBe(4);
    const resolved = (await t.api('GET', `/v1/orders/${created.body.id}/timeline`)).body.data.findLast(
      (e: { type: string }) => e.type === 'task-updated',
    );
    expect(resolved).toMatchObject({
      actor: { kind: 'user', id: users.sam },
      payload: {
        to: 'done',
        note: expect.stringMatching(
          /^Sam Supervisor took the parcel \(SSCC 350123451234567894, tracking DPD-778899\) off stock \(1 × SUP-SKU-5\)/,
        ),
      },
    });
  });

  it('accepts a parcel a station shipped offline after its order was moved to another station', async () => {
    await t.api('PUT', `/v1/inventory/${lon.warehouseId}/SUP-SKU-6`, { body: { onHand: 5 } });
    const created = await t.api('POST', '/v1/orders', {
      body: sampleOrder({ lines: [{ sku: 'SUP-SKU-6', name: 'Six', quantity: 1, unitPriceMinor: 100, taxRateBps: 0 }] }),
    });
    const doc = created.body.fulfillmentOrders[0] as { id: string; orderId: string; lines: { lineId: string }[] };
    const claimed = await t.api('POST', '/v1/sync/leases/claim', { token: lon.stationToken, body: { fulfillmentOrderId: doc.id } });
    expect(claimed.status).toBe(200);
    // The supervisor moves it to this desk's station while the packing station, offline, packs and ships it.
    await call('supervisor.move-fulfillment-order', { fulfillmentOrderId: doc.id, stationId, reason: 'Pack 1 went quiet' });
    const { events, packageId } = shippedOffline(doc, { sscc: '350123451234567887', trackingNumber: 'DPD-112233' });
    const pushed = await t.api('POST', '/v1/sync/push', { token: lon.stationToken, body: { events } });
    expect(pushed.body.outcomes.at(-1)).toMatchObject({ outcome: 'conflicted' });

    const task = (await call('supervisor.tasks')).find((x: { orderId: string }) => x.orderId === created.body.id);
    expect(task).toMatchObject({ shipmentToAccept: true, shipmentToWriteOff: false, parcel: { sscc: '350123451234567887' } });
    const accepted = await call('supervisor.accept-shipment', { taskId: task.id, version: task.version, note: 'seen on the carrier scan' });
    expect(accepted).toMatchObject({ id: task.id, status: 'done', shipmentToAccept: false });
    expect((await call('supervisor.tasks')).map((x: { id: string }) => x.id)).not.toContain(task.id);
    const after = (await t.api('GET', `/v1/fulfillment-orders/${doc.id}`)).body;
    expect(after).toMatchObject({ status: 'closed', claimedBy: lon.stationId, packages: [{ id: packageId, status: 'shipped' }] });
    const resolved = (await t.api('GET', `/v1/orders/${created.body.id}/timeline`)).body.data.findLast(
      (e: { type: string }) => e.type === 'task-updated',
    );
    expect(resolved).toMatchObject({
      actor: { kind: 'user', id: users.sam },
      payload: { to: 'done', note: expect.stringMatching(/^Shipment accepted by Sam Supervisor: .*seen on the carrier scan$/) },
    });
  });

  it('relabels one of two parcels carrying one SSCC: a new SSCC from the server, its label printed at this desk, the task resolved', async () => {
    await call('station.sign-in', { userId: users.sam, pin: '7391' });
    await t.api('PUT', `/v1/inventory/${lon.warehouseId}/SUP-SKU-7`, { body: { onHand: 5 } });
    const sscc = '006141410000000029'; // the packing station numbered two parcels alike
    const labelled = async (trackingNumber: string) => {
      const created = await t.api('POST', '/v1/orders', {
        body: sampleOrder({ lines: [{ sku: 'SUP-SKU-7', name: 'Seven', quantity: 1, unitPriceMinor: 100, taxRateBps: 0 }] }),
      });
      const doc = created.body.fulfillmentOrders[0] as { id: string; orderId: string; orderNumber: string; lines: { lineId: string }[] };
      const { events, packageId } = shippedOffline(doc, { sscc, trackingNumber });
      const pushed = await t.api('POST', '/v1/sync/push', { token: lon.stationToken, body: { events: events.slice(0, -1) } });
      expect(pushed.body.outcomes.map((o: { outcome: string }) => o.outcome)).toEqual(['applied', 'applied', 'applied', 'applied']);
      return { doc, packageId };
    };
    const first = await labelled('DPD-300001');
    const second = await labelled('DPD-300002');
    const task = (await call('supervisor.tasks')).find(
      (x: { kind: string; title: string }) => x.kind === 'duplicate-sscc' && x.title.includes(sscc),
    );
    expect(task.parcelsToRelabel).toEqual(
      expect.arrayContaining([
        { packageId: first.packageId, orderNumber: first.doc.orderNumber },
        { packageId: second.packageId, orderNumber: second.doc.orderNumber },
      ]),
    );

    // No printer prints shipping labels here yet: refused before anything changes.
    const relabel = () => call('supervisor.relabel-package', { taskId: task.id, version: task.version, packageId: second.packageId });
    await expect(relabel()).rejects.toMatchObject({
      code: 'no_printer_for_relabel',
      message: expect.stringContaining('nothing was changed'),
    });
    const printer = await startVirtualPrinter();
    try {
      const id = crypto.randomUUID();
      const connection = { kind: 'tcp', host: printer.host, port: printer.port };
      await call('settings.update', {
        printers: [{ id, name: 'Desk Zebra', language: 'zpl', dpi: 203, connection }],
        routes: { 'shipping-label': id },
      });
      const done = await relabel();
      expect(done).toMatchObject({
        orderNumber: second.doc.orderNumber,
        previousSscc: sscc,
        printerName: 'Desk Zebra',
        printProblem: null,
        task: { id: task.id, status: 'done', parcelsToRelabel: [] },
      });
      expect(done.sscc).not.toBe(sscc);
      const after = (await t.api('GET', `/v1/fulfillment-orders/${second.doc.id}`)).body;
      expect(after.packages[0]).toMatchObject({ id: second.packageId, sscc: done.sscc, trackingNumber: 'DPD-300002' });
      // The new label, printed here: its SSCC barcode and the parcel's tracking number.
      await printer.waitForJobs(1, 20_000);
      expect(printer.text()).toContain(done.sscc.slice(2));
      expect(printer.text()).toContain('DPD-300002');
      const timeline = (await t.api('GET', `/v1/orders/${second.doc.orderId}/timeline`)).body.data as {
        type: string;
        actor: unknown;
        stationId: string;
      }[];
      expect(timeline.find((e) => e.type === 'package-relabelled')).toMatchObject({ actor: { kind: 'user', id: users.sam }, stationId });
    } finally {
      await printer.close();
    }
  });

  it('says supervisor work needs the server when it is unreachable', async () => {
    // Stop answering, dropping the station's live stream with it.
    const closing = t.server.app.close();
    t.server.app.server.closeAllConnections();
    await closing;
    await eventually('the station to notice the server is gone', () => !services.link.state().online);
    await expect(call('supervisor.backorders')).rejects.toMatchObject({
      code: 'server_unreachable',
      message: expect.stringContaining('Supervisor work is done on the server'),
    });
  });
});

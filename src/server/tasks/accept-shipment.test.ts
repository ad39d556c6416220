import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StationEvent } from '../../shared/events/station-events';
import type { FulfillmentDocument } from '../../shared/sync/fulfillment-document';
import { stationEventsOf } from '../testing/station-events';
import { sampleOrder, startTestServer, type TestServer } from '../testing/test-server';

/**
 * "Accept the shipment": station A packed and shipped an order offline while a supervisor moved
 * it to station B; A's push is a conflict with a task, and the supervisor accepts the parcel.
 */
const SETUP_HEAVY_MS = 120_000;
const SSCC = '001234560000000017';
const TRACKING = '1Z999AA10123456784';
let t: TestServer;

interface Station {
  id: string;
  token: string;
  name: string;
}
interface Warehouse {
  id: string;
  sku: string;
  supervisor: string;
  stations: [Station, Station];
}
type Task = { id: string; status: string; title: string; detail: { notes?: { text: string }[]; eventTypes?: string[] } };

beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

async function warehouse(code: string): Promise<Warehouse> {
  const wh = await t.api('POST', '/v1/warehouses', { body: { code, name: `Warehouse ${code}`, priority: 10 } });
  const sku = `SKU-${code}`;
  await t.api('PUT', `/v1/inventory/${wh.body.id}/${sku}`, { body: { onHand: 10 } });
  const stations: Station[] = [];
  for (const n of [1, 2]) {
    const name = `Pack ${n} ${code}`;
    const st = await t.api('POST', '/v1/stations', { body: { name, warehouseId: wh.body.id } });
    const enrolled = await t.api('POST', '/v1/stations/enroll', { body: { code: st.body.enrollmentCode }, token: null });
    stations.push({ id: enrolled.body.stationId, token: enrolled.body.credential, name });
  }
  const supervisor = (await t.api('POST', '/v1/api-keys', { body: { name: `sup ${code}`, role: 'supervisor', warehouseId: wh.body.id } }))
    .body.key as string;
  return { id: wh.body.id, sku, supervisor, stations: stations as [Station, Station] };
}

/** Each station's events at its own next seq (testing/station-events.ts). */
const outboxes = new Map<string, ReturnType<typeof stationEventsOf>>();
function ev(s: Station, doc: FulfillmentDocument, type: StationEvent['type'], payload: Record<string, unknown>): StationEvent {
  if (!outboxes.has(s.id))
    outboxes.set(
      s.id,
      stationEventsOf(() => s.id),
    );
  return outboxes.get(s.id)!.event(doc, type, payload);
}

/**
 * An order of 2 units held by A; A packs and ships `units` of it offline while the supervisor
 * moves it to B; A's push comes back conflicted with one task.
 */
async function shippedWhileMoved(wh: Warehouse, units = 2) {
  const [a, b] = wh.stations;
  const lines = [{ sku: wh.sku, barcode: '5012345678900', name: 'Enamel mug', quantity: 2, unitPriceMinor: 1250, taxRateBps: 2000 }];
  const fo = (await t.api('POST', '/v1/orders', { body: sampleOrder({ lines }) })).body.fulfillmentOrders[0] as FulfillmentDocument;
  expect((await t.api('POST', '/v1/sync/leases/claim', { token: a.token, body: { fulfillmentOrderId: fo.id } })).status).toBe(200);
  const packageId = crypto.randomUUID();
  const scans = Array.from({ length: units }, () =>
    ev(a, fo, 'item-verified', { lineId: fo.lines[0]!.lineId, barcode: '5012345678900', quantity: 1 }),
  );
  const offline = [
    ev(a, fo, 'fulfillment-order-claimed', {}),
    ...scans,
    ev(a, fo, 'package-created', { packageId, contents: [{ lineId: fo.lines[0]!.lineId, quantity: units }], weightGrams: 400 }),
    ev(a, fo, 'label-printed', {
      packageId,
      printJobId: crypto.randomUUID(),
      format: 'zpl',
      sscc: SSCC,
      trackingNumber: TRACKING,
      carrier: 'ups',
    }),
    ev(a, fo, 'package-shipped', { packageId }),
  ];
  const move = await t.api('POST', `/v1/fulfillment-orders/${fo.id}/move`, {
    token: wh.supervisor,
    body: { stationId: b.id, reason: 'Pack 1 went quiet' },
  });
  expect(move.body).toMatchObject({ claimedBy: b.id });
  const outcomes = (await t.api('POST', '/v1/sync/push', { token: a.token, body: { events: offline } })).body.outcomes as {
    outcome: string;
  }[];
  expect(outcomes.map((o) => o.outcome)).toEqual(offline.map(() => 'conflicted'));
  const tasks = (await t.api('GET', `/v1/orders/${fo.orderId}/tasks`)).body.data as Task[];
  expect(tasks).toHaveLength(1);
  expect(tasks[0]!.detail.eventTypes).toContain('package-shipped');
  return { fo, packageId, task: tasks[0]!, a, b };
}

const accept = (taskId: string, token: string, body?: unknown, headers: Record<string, string> = {}) =>
  t.api('POST', `/v1/orders/tasks/${taskId}/accept-shipment`, { token, ...(body ? { body } : {}), headers });
const writeOff = (taskId: string, token: string) => t.api('POST', `/v1/orders/tasks/${taskId}/write-off-shipment`, { token });
const read = async (id: string) => (await t.api('GET', `/v1/fulfillment-orders/${id}`)).body as FulfillmentDocument;

describe('accepting a shipment a station made after its order was moved away', { timeout: SETUP_HEAVY_MS }, () => {
  it('gives the order back to the station that shipped, records the parcel with its label as shipped, and resolves the task once', async () => {
    const wh = await warehouse('ACC-1');
    const { fo, packageId, task, a } = await shippedWhileMoved(wh);
    const before = (await t.api('GET', `/v1/inventory/${wh.id}/${wh.sku}`)).body;

    const accepted = await accept(task.id, wh.supervisor, { note: 'parcel seen on the carrier scan' });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ fulfillmentOrderId: fo.id, stationId: a.id, packageIds: [packageId], task: { status: 'done' } });
    expect(accepted.body.task.detail.notes.at(-1).text).toMatch(
      new RegExp(
        `^Shipment accepted by sup ACC-1: the parcel \\(SSCC ${SSCC}, tracking ${TRACKING}\\) recorded as shipped from ${a.name}\\. parcel seen`,
      ),
    );

    // The order is A's again (B no longer holds it), shipped whole, with A's parcel, SSCC and tracking number.
    const doc = await read(fo.id);
    expect(doc).toMatchObject({ status: 'closed', claimedBy: a.id });
    expect(doc.lines[0]).toMatchObject({ packed: 2, shipped: 2 });
    const packages = (await t.api('GET', `/v1/orders/${fo.orderId}/packages`)).body.data;
    expect(packages).toMatchObject([
      {
        id: packageId,
        status: 'shipped',
        sscc: SSCC,
        trackingNumber: TRACKING,
        trackingNumbers: [TRACKING],
        carrier: 'ups',
        weightGrams: 400,
      },
    ]);
    expect((await t.api('GET', `/v1/orders/${fo.orderId}`)).body.status).toBe('shipped');
    // Its stock left the warehouse, as for any shipment.
    const after = (await t.api('GET', `/v1/inventory/${wh.id}/${wh.sku}`)).body;
    expect(after.onHand).toBe(before.onHand - 2);
    expect(after.reserved).toBe(before.reserved - 2);
    // The timeline: B's hold taken over for A, then the package recorded, labelled and shipped, then the task resolved.
    const timeline = (await t.api('GET', `/v1/orders/${fo.orderId}/timeline`)).body.data as {
      type: string;
      outcome: string;
      payload: any;
    }[];
    const applied = timeline.filter((e) => e.outcome === 'applied').map((e) => e.type);
    expect(applied.slice(applied.lastIndexOf('fulfillment-order-assigned'))).toEqual(
      expect.arrayContaining(['fulfillment-order-assigned', 'package-recorded', 'package-labelled', 'package-shipped', 'task-updated']),
    );
    expect(timeline.filter((e) => e.type === 'fulfillment-order-assigned').at(-1)!.payload).toMatchObject({
      stationId: a.id,
      takeover: true,
    });
    // The station's count of open conflicts is back to none.
    expect((await t.api('GET', '/v1/sync/conflicts', { token: a.token })).body).toEqual({ open: 0 });

    // A second accept is refused: the task is resolved, and nothing ships twice.
    const again = await accept(task.id, wh.supervisor);
    expect(again.status).toBe(409);
    expect(again.headers.get('content-type')).toContain('application/problem+json');
    expect(again.body.code).toBe('task_not_open');
    // Said as what happened and what to do, not as the task's status.
    expect(again.body.detail).toBe(
      'This task was already dealt with (its parcel accepted or written off, or the task resolved): refresh to see what was done',
    );
    expect((await read(fo.id)).lines[0]).toMatchObject({ shipped: 2 });
  });

  it('answers a retried accept with the same Idempotency-Key from its record', async () => {
    const wh = await warehouse('ACC-2');
    const { task } = await shippedWhileMoved(wh);
    const key = crypto.randomUUID();
    const first = await accept(task.id, wh.supervisor, undefined, { 'idempotency-key': key });
    const second = await accept(task.id, wh.supervisor, undefined, { 'idempotency-key': key });
    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(second.body).toEqual(first.body);
  });

  it('refuses once the order was cancelled: a customer-service matter; the task stays open', async () => {
    const wh = await warehouse('ACC-3');
    const { fo, task } = await shippedWhileMoved(wh);
    expect((await t.api('POST', `/v1/orders/${fo.orderId}/cancel`, { body: { reason: 'customer changed mind' } })).status).toBe(200);
    const refused = await accept(task.id, wh.supervisor);
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('shipment_order_ended');
    expect(refused.body.detail).toMatch(/is cancelled.*take its units off stock.*customer-service matter/);
    expect((await t.api('GET', `/v1/orders/${fo.orderId}/tasks`)).body.data[0]).toMatchObject({
      status: 'open',
      fulfillmentOrderStatus: 'cancelled',
    });
    // The cancellation gave the 2 mugs back to stock, but they left in the parcel: they come off it there.
    const onHand = async () => (await t.api('GET', `/v1/inventory/${wh.id}/${wh.sku}`)).body.onHand as number;
    expect(await onHand()).toBe(10);
    const writtenOff = await writeOff(task.id, wh.supervisor);
    expect(writtenOff.status).toBe(200);
    expect(writtenOff.body.units).toEqual([{ sku: wh.sku, quantity: 2, alreadyOff: 0, onHand: 8 }]);
    expect(await onHand()).toBe(8);
    expect(writtenOff.body.task.status).toBe('done');
    const notes = writtenOff.body.task.detail.notes.map((n: { text: string }) => n.text).join(' ');
    expect(notes).toMatch(new RegExp(`SSCC ${SSCC}.*2 × ${wh.sku}.*was cancelled.*Intercept the parcel`));
    const timeline = (await t.api('GET', `/v1/orders/${fo.orderId}/timeline`)).body.data as { type: string }[];
    expect(timeline.filter((e) => e.type === 'parcel-written-off')).toHaveLength(1);
    // Once only: a second press finds the task resolved, and stock is not taken twice.
    expect((await writeOff(task.id, wh.supervisor)).body.code).toBe('task_not_open');
    expect(await onHand()).toBe(8);
  });

  it('takes off stock the parcel’s units that a cancel without restock released: B held them unpicked, A’s scans never counted', async () => {
    const wh = await warehouse('ACC-X');
    const { fo, task } = await shippedWhileMoved(wh);
    const cancel = await t.api('POST', `/v1/orders/${fo.orderId}/cancel`, { body: { reason: 'damaged in the pick', restock: false } });
    expect(cancel.status).toBe(200);
    // Nothing was picked as far as the server knew: the reservation is released, nothing written off.
    expect(cancel.body.cancellationResult).toMatchObject({ writtenOff: [], released: [{ sku: wh.sku, units: 2 }] });
    const onHand = async () => (await t.api('GET', `/v1/inventory/${wh.id}/${wh.sku}`)).body.onHand as number;
    expect(await onHand()).toBe(10);
    const writtenOff = await writeOff(task.id, wh.supervisor);
    expect(writtenOff.body.units).toEqual([{ sku: wh.sku, quantity: 2, alreadyOff: 0, onHand: 8 }]);
    expect(await onHand()).toBe(8);
  });

  it('takes nothing off stock twice: units scanned, then written off by the cancellation (not restocked), are off already', async () => {
    const wh = await warehouse('ACC-Z');
    const [a] = wh.stations;
    const lines = [{ sku: wh.sku, barcode: '5012345678900', name: 'Enamel mug', quantity: 2, unitPriceMinor: 1250, taxRateBps: 2000 }];
    const fo = (await t.api('POST', '/v1/orders', { body: sampleOrder({ lines }) })).body.fulfillmentOrders[0] as FulfillmentDocument;
    const lineId = fo.lines[0]!.lineId;
    const scanned = [
      ev(a, fo, 'fulfillment-order-claimed', {}),
      ev(a, fo, 'item-verified', { lineId, barcode: '5012345678900', quantity: 2 }),
    ];
    const applied = (await t.api('POST', '/v1/sync/push', { token: a.token, body: { events: scanned } })).body.outcomes;
    expect(applied.map((o: { outcome: string }) => o.outcome)).toEqual(['applied', 'applied']);
    const cancel = await t.api('POST', `/v1/orders/${fo.orderId}/cancel`, { body: { reason: 'damaged in the pick', restock: false } });
    expect(cancel.body.cancellationResult).toMatchObject({ writtenOff: [{ sku: wh.sku, units: 2 }], released: [] });
    const onHand = async () => (await t.api('GET', `/v1/inventory/${wh.id}/${wh.sku}`)).body.onHand as number;
    expect(await onHand()).toBe(8);
    // A, offline, boxed and shipped those two scanned units after all.
    const packageId = crypto.randomUUID();
    const parcel = [
      ev(a, fo, 'package-created', { packageId, contents: [{ lineId, quantity: 2 }], weightGrams: 400 }),
      ev(a, fo, 'label-printed', {
        packageId,
        printJobId: crypto.randomUUID(),
        format: 'zpl',
        sscc: SSCC,
        trackingNumber: TRACKING,
        carrier: 'ups',
      }),
      ev(a, fo, 'package-shipped', { packageId }),
    ];
    const outcomes = (await t.api('POST', '/v1/sync/push', { token: a.token, body: { events: parcel } })).body.outcomes;
    expect(outcomes.map((o: { outcome: string }) => o.outcome)).toEqual(parcel.map(() => 'conflicted'));
    const task = ((await t.api('GET', `/v1/orders/${fo.orderId}/tasks`)).body.data as Task[])[0]!;
    const writtenOff = await writeOff(task.id, wh.supervisor);
    expect(writtenOff.body.units).toEqual([{ sku: wh.sku, quantity: 0, alreadyOff: 2, onHand: 8 }]);
    expect(await onHand()).toBe(8);
  });

  it('does not write off a parcel the order can still take: accept it instead', async () => {
    const wh = await warehouse('ACC-W');
    const { task } = await shippedWhileMoved(wh);
    const refused = await writeOff(task.id, wh.supervisor);
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('shipment_to_accept');
    expect((await t.api('GET', `/v1/inventory/${wh.id}/${wh.sku}`)).body.onHand).toBe(10);
  });

  it('refuses when the other station already packed those units', async () => {
    const wh = await warehouse('ACC-4');
    const { fo, task, b } = await shippedWhileMoved(wh);
    const boxB = (await t.api('POST', `/v1/fulfillment-orders/${fo.id}/packages`, {
      token: b.token,
      body: { contents: [{ lineId: fo.lines[0]!.lineId, quantity: 1 }] },
    })) as { status: number };
    expect(boxB.status).toBe(201);
    const refused = await accept(task.id, wh.supervisor);
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('shipment_units_already_packed');
    expect(refused.body.detail).toMatch(/holds 2, but only 1 of 2 are left to pack: another station already packed or shipped them/);
    // Nothing changed: B still holds it, with its own box only.
    expect(await read(fo.id)).toMatchObject({ claimedBy: b.id, packages: [{ status: 'packing' }] });
  });

  it('is a supervisor’s (or integrator’s) in the task’s warehouse, and only for a task with a shipment', async () => {
    const wh = await warehouse('ACC-5');
    const other = await warehouse('ACC-6');
    const { task, fo } = await shippedWhileMoved(wh);
    const packer = (await t.api('POST', '/v1/api-keys', { body: { name: 'packer', role: 'packer', warehouseId: wh.id } })).body.key;
    expect((await accept(task.id, packer)).status).toBe(403);
    expect((await writeOff(task.id, packer)).status).toBe(403);
    const elsewhere = await accept(task.id, other.supervisor);
    expect(elsewhere.status).toBe(404);
    expect((await writeOff(task.id, other.supervisor)).status).toBe(404);
    expect((await t.api('GET', `/v1/orders/${fo.orderId}/tasks`)).body.data[0]).toMatchObject({ status: 'open' });

    const plain = await t.api('POST', `/v1/orders/${fo.orderId}/tasks`, { body: { title: 'Call the customer', kind: 'follow-up' } });
    const refused = await accept(plain.body.id, wh.supervisor);
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('task_has_no_shipment');
    expect(refused.body.detail).toContain('resolve it with a note instead');
    expect((await writeOff(plain.body.id, wh.supervisor)).body.code).toBe('task_has_no_shipment');
  });

  it('while the parcel waits for a supervisor no station can claim the order or take it from the pool; once the task is resolved, one can', async () => {
    const wh = await warehouse('ACC-7');
    const { fo, task, b } = await shippedWhileMoved(wh);
    // Pack 2 gives the order back to the pool, before anyone reads the task.
    const unclaimed = await t.api('POST', `/v1/fulfillment-orders/${fo.id}/unclaim`, {
      token: b.token,
      body: { reason: 'not mine to pack' },
    });
    expect(unclaimed.status).toBe(200);

    const claim = await t.api('POST', '/v1/sync/leases/claim', { token: b.token, body: { fulfillmentOrderId: fo.id } });
    expect(claim.status).toBe(409);
    expect(claim.body).toMatchObject({ code: 'fulfillment_order_parcel_unsettled' });
    expect(claim.body.detail).toContain('do not pack it again');
    const take = await t.api('POST', '/v1/sync/leases/take', { token: b.token, body: { count: 5 } });
    expect(take.body.taken.map((g: { fulfillmentOrderId: string }) => g.fulfillmentOrderId)).not.toContain(fo.id);

    // The supervisor decides the parcel was intercepted and the order is to be packed again.
    const resolved = await t.api('PATCH', `/v1/orders/tasks/${task.id}`, {
      token: wh.supervisor,
      body: { status: 'done', note: 'parcel intercepted' },
    });
    expect(resolved.status).toBe(200);
    expect((await t.api('POST', '/v1/sync/leases/claim', { token: b.token, body: { fulfillmentOrderId: fo.id } })).status).toBe(200);
  });
});

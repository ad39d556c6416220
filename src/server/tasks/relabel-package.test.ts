import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTING_USER_HEADER } from '../../shared/api/acting-user';
import { isValidGs1Number } from '../../shared/domain/gs1';
import type { FulfillmentDocument } from '../../shared/sync/fulfillment-document';
import { SHARED_SSCC_TASK } from '../packages/shared-sscc';
import { stationEventsOf } from '../testing/station-events';
import { sampleOrder, setUpWarehouse, startTestServer, type TestServer } from '../testing/test-server';

/**
 * "Relabel" on a duplicate-sscc task: two stations numbered a parcel alike; a supervisor gives one
 * of them a new SSCC from the server's counter, and its station prints the new label.
 */
let t: TestServer;
let lon: Awaited<ReturnType<typeof setUpWarehouse>>;
let supervisor: string;
const RANGE = { extensionDigit: 0, companyPrefix: '0614141' };
const stations: { id: string; token: string; events: ReturnType<typeof stationEventsOf> }[] = [];

beforeAll(async () => {
  t = await startTestServer();
  lon = await setUpWarehouse(t, 'LON-1');
  const second = await t.api('POST', '/v1/stations', { body: { name: 'Pack 2', warehouseId: lon.warehouseId } });
  const enrolled = await t.api('POST', '/v1/stations/enroll', { body: { code: second.body.enrollmentCode }, token: null });
  for (const s of [
    { id: lon.stationId, token: lon.stationToken },
    { id: enrolled.body.stationId as string, token: enrolled.body.credential as string },
  ])
    stations.push({ ...s, events: stationEventsOf(() => s.id) });
  supervisor = (await t.api('POST', '/v1/api-keys', { body: { name: 'sup', role: 'supervisor', warehouseId: lon.warehouseId } })).body.key;
});
afterAll(() => t.close());

/** A station packs a new order into one package and labels it with `sscc` for DPD; shipped too when `ship`. */
async function labelWith(station: (typeof stations)[number], sscc: string, ship: boolean, order = sampleOrder()) {
  const doc = (await t.api('POST', '/v1/orders', { body: order })).body.fulfillmentOrders[0] as FulfillmentDocument;
  const packageId = crypto.randomUUID();
  const { event } = station.events;
  const events = [
    event(doc, 'fulfillment-order-claimed', {}),
    ...doc.lines.map((l) => event(doc, 'item-verified', { lineId: l.lineId, barcode: l.barcode, quantity: l.quantity })),
    event(doc, 'package-created', {
      packageId,
      contents: doc.lines.map((l) => ({ lineId: l.lineId, quantity: l.quantity })),
      weightGrams: 900,
    }),
    event(doc, 'label-printed', {
      packageId,
      printJobId: crypto.randomUUID(),
      format: 'zpl',
      sscc,
      trackingNumber: `15501${sscc.slice(-9)}`,
      carrier: 'DPD',
    }),
    ...(ship ? [event(doc, 'package-shipped', { packageId })] : []),
  ];
  const pushed = await t.api('POST', '/v1/sync/push', { token: station.token, body: { events } });
  expect(pushed.body.outcomes.map((o: { outcome: string }) => o.outcome)).toEqual(events.map(() => 'applied'));
  return { doc, packageId };
}

const sharedTasks = async () =>
  (await t.api('GET', `/v1/orders/tasks?kind=${SHARED_SSCC_TASK}&limit=200`)).body.data as {
    id: string;
    version: number;
    detail: { sscc: string };
  }[];

let nextSscc = 100;
/** Two parcels, one shipped at Pack 1 and one labelled at Pack 2, carrying one SSCC, and the task naming both. */
async function sharedSscc() {
  const sscc = `0061414100000${String(nextSscc++).padStart(4, '0')}`;
  const withCheck = sscc.slice(0, 17) + checkDigit(sscc.slice(0, 17));
  const shipped = await labelWith(stations[0]!, withCheck, true);
  const labelled = await labelWith(stations[1]!, withCheck, false);
  const task = (await sharedTasks()).find((x) => x.detail.sscc === withCheck)!;
  return { sscc: withCheck, shipped, labelled, task };
}

function checkDigit(body: string): string {
  const sum = [...body].reverse().reduce((n, d, i) => n + Number(d) * (i % 2 === 0 ? 3 : 1), 0);
  return String((10 - (sum % 10)) % 10);
}

const relabel = (task: { id: string; version: number }, packageId: string, token = supervisor, version = task.version) =>
  t.api('POST', `/v1/orders/tasks/${task.id}/relabel-package`, {
    token,
    body: { packageId, range: RANGE },
    headers: { 'if-match': `"${version}"` },
  });

const taskStatus = async (id: string) =>
  (await t.server.db.query<{ status: string }>('select status from tasks where id = $1', [id]))[0]!.status;

const packageOf = async (doc: FulfillmentDocument, packageId: string) =>
  ((await t.api('GET', `/v1/fulfillment-orders/${doc.id}`)).body as FulfillmentDocument).packages.find((p) => p.id === packageId)!;

const carrying = async (sscc: string) =>
  (
    await t.server.db.query<{ id: string }>(
      `select p ->> 'id' as id from fulfillment_orders fo, jsonb_array_elements(fo.doc -> 'packages') p where p ->> 'sscc' = $1`,
      [sscc],
    )
  ).map((r) => r.id);

describe('relabel a parcel that shares its SSCC', () => {
  it('gives the parcel a new SSCC no other parcel carries, records it on the order, resolves the task and answers the new label', async () => {
    const { sscc, labelled, shipped, task } = await sharedSscc();
    const res = await relabel(task, labelled.packageId);
    expect(res.status).toBe(200);
    const fresh = res.body.sscc as string;
    expect(fresh).not.toBe(sscc);
    expect(isValidGs1Number(fresh)).toBe(true);
    expect(fresh.slice(0, 8)).toBe('00614141');
    expect(res.body.previousSscc).toBe(sscc);
    expect(await carrying(fresh)).toEqual([labelled.packageId]);
    expect(await carrying(sscc)).toEqual([shipped.packageId]);
    // The package keeps its status and carrier label: only the SSCC is new.
    expect(await packageOf(labelled.doc, labelled.packageId)).toMatchObject({ sscc: fresh, status: 'labelled', carrier: 'DPD' });
    expect(res.body.label).toMatchObject({
      orderNumber: labelled.doc.orderNumber,
      packageId: labelled.packageId,
      sscc: fresh,
      carrier: 'DPD',
      trackingNumber: `15501${sscc.slice(-9)}`,
      shipTo: labelled.doc.shipTo,
    });
    expect(res.body.task).toMatchObject({ id: task.id, status: 'done' });
    expect(await taskStatus(task.id)).toBe('done');
    const timeline = (await t.api('GET', `/v1/orders/${labelled.doc.orderId}/timeline`)).body.data as { type: string; payload: any }[];
    expect(timeline.find((e) => e.type === 'package-relabelled')?.payload).toMatchObject({
      packageId: labelled.packageId,
      previousSscc: sscc,
      sscc: fresh,
      reason: expect.stringContaining(shipped.doc.orderNumber),
    });
    // Another relabel is numbered anew: the server never hands an SSCC out twice.
    const other = await sharedSscc();
    // This one by a supervisor signed in at a station: the parcel says who, and where its new label printed.
    const sam = await t.api('POST', '/v1/users', {
      body: { name: 'Sam Supervisor', role: 'supervisor', warehouseId: lon.warehouseId, pin: '7391' },
    });
    const again = await t.api('POST', `/v1/orders/tasks/${other.task.id}/relabel-package`, {
      token: lon.stationToken,
      headers: { [ACTING_USER_HEADER]: sam.body.id as string, 'if-match': `"${other.task.version}"` },
      body: { packageId: other.labelled.packageId, range: RANGE },
    });
    expect(again.status).toBe(200);
    expect(again.body.sscc).not.toBe(fresh);
    expect(await carrying(again.body.sscc)).toEqual([other.labelled.packageId]);
    // The parcel keeps each relabel, so the station that packed it voids the old label (job-voids.ts).
    expect((await packageOf(other.labelled.doc, other.labelled.packageId)).relabels).toEqual([
      { previousSscc: other.sscc, sscc: again.body.sscc, by: 'Sam Supervisor', stationName: 'Pack 1 LON-1', at: expect.any(String) },
    ]);
  });

  it('is refused to a packer, an integrator and another warehouse’s supervisor, and nothing changes', async () => {
    const { sscc, labelled, task } = await sharedSscc();
    const packer = (await t.api('POST', '/v1/api-keys', { body: { name: 'p', role: 'packer', warehouseId: lon.warehouseId } })).body.key;
    const asPacker = await relabel(task, labelled.packageId, packer);
    expect(asPacker.status).toBe(403);
    // An integrator may resolve tasks, but a relabel is a label stuck on a parcel on the floor.
    const integrator = (await t.api('POST', '/v1/api-keys', { body: { name: 'i', role: 'integrator', warehouseId: lon.warehouseId } })).body
      .key;
    expect((await relabel(task, labelled.packageId, integrator)).status).toBe(403);
    const man = await setUpWarehouse(t, 'MAN-1');
    const elsewhere = (await t.api('POST', '/v1/api-keys', { body: { name: 's2', role: 'supervisor', warehouseId: man.warehouseId } })).body
      .key;
    const asOther = await relabel(task, labelled.packageId, elsewhere);
    expect(asOther.status).toBe(404);
    expect((await packageOf(labelled.doc, labelled.packageId)).sscc).toBe(sscc);
    expect(await taskStatus(task.id)).toBe('open');
  });

  it('refuses this warehouse’s supervisor a parcel the task names at another warehouse', async () => {
    const bristol = await setUpWarehouse(t, 'BRS-1', { 'SKU-MAN': 10 });
    const bristolStation = { id: bristol.stationId, token: bristol.stationToken, events: stationEventsOf(() => bristol.stationId) };
    const sscc = `0061414100000${String(nextSscc++).padStart(4, '0')}`.slice(0, 17);
    const withCheck = sscc + checkDigit(sscc);
    // Only Bristol stocks it, so the order is routed there.
    const lines = [{ sku: 'SKU-MAN', barcode: '5012345678924', name: 'Tin tray', quantity: 1, unitPriceMinor: 900, taxRateBps: 2000 }];
    const order = sampleOrder({ lines });
    const there = await labelWith(bristolStation, withCheck, false, order);
    await labelWith(stations[0]!, withCheck, false);
    const task = (await sharedTasks()).find((x) => x.detail.sscc === withCheck)!;
    const res = await relabel(task, there.packageId);
    expect(res.status).toBe(403);
    expect(res.body.detail).toBe(
      `${there.doc.orderNumber}'s parcel is at another warehouse: relabel a parcel of this warehouse, or ask that warehouse's supervisor`,
    );
    expect((await packageOf(there.doc, there.packageId)).sscc).toBe(withCheck);
  });

  it('is refused as the task was shown when the task changed since (409 version_mismatch)', async () => {
    const { sscc, labelled, task } = await sharedSscc();
    const res = await relabel(task, labelled.packageId, supervisor, task.version - 1);
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('version_mismatch');
    expect(res.body.currentVersion).toBe(task.version);
    expect((await packageOf(labelled.doc, labelled.packageId)).sscc).toBe(sscc);
  });

  it('refuses a parcel handed to the carrier on a manifest, saying to relabel the other one', async () => {
    const { sscc, shipped, labelled, task } = await sharedSscc();
    const closed = await t.api('POST', `/v1/warehouses/${lon.warehouseId}/manifests`, { body: { carrier: 'DPD' } });
    expect(closed.status).toBe(201);
    const res = await relabel(task, shipped.packageId);
    expect(res.status).toBe(409);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body.code).toBe('package_handed_to_carrier');
    expect(res.body.detail).toBe(
      `${shipped.doc.orderNumber}'s parcel was handed to DPD on manifest ${closed.body.number} (${(closed.body.closedAt as string).slice(0, 16).replace('T', ' ')} UTC): the label on it can no longer be changed. Relabel the other parcel carrying SSCC ${sscc} instead; if that one has left too, tell the carrier that both parcels carry it, then resolve the task with a note`,
    );
    expect((await packageOf(shipped.doc, shipped.packageId)).sscc).toBe(sscc);
    // The one still on the floor is relabelled instead.
    expect((await relabel(task, labelled.packageId)).status).toBe(200);
  });
});

import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildSscc } from '../../shared/domain/gs1';
import type { FulfillmentDocument } from '../../shared/sync/fulfillment-document';
import { stationEventsOf } from '../testing/station-events';
import { sampleOrder, setUpWarehouse, startTestServer, type TestServer } from '../testing/test-server';
import { SHARED_SSCC_TASK } from './shared-sscc';

let t: TestServer;
const stations: { id: string; token: string; events: ReturnType<typeof stationEventsOf> }[] = [];
beforeAll(async () => {
  t = await startTestServer();
  const lon = await setUpWarehouse(t, 'LON-1');
  const second = await t.api('POST', '/v1/stations', { body: { name: 'Pack 2', warehouseId: lon.warehouseId } });
  const enrolled = await t.api('POST', '/v1/stations/enroll', { body: { code: second.body.enrollmentCode }, token: null });
  for (const s of [
    { id: lon.stationId, token: lon.stationToken },
    { id: enrolled.body.stationId as string, token: enrolled.body.credential as string },
  ])
    stations.push({ ...s, events: stationEventsOf(() => s.id) });
});
afterAll(() => t.close());

/** A station packs a new order into one package, labels it with `sscc` and ships it (pushed as its outbox would). */
async function shipWith(station: (typeof stations)[number], sscc: string) {
  const created = await t.api('POST', '/v1/orders', { body: sampleOrder() });
  const doc = created.body.fulfillmentOrders[0] as FulfillmentDocument;
  const packageId = crypto.randomUUID();
  const { event } = station.events;
  const label = () =>
    event(doc, 'label-printed', { packageId, printJobId: crypto.randomUUID(), format: 'zpl', sscc, trackingNumber: null, carrier: null });
  const events = [
    event(doc, 'fulfillment-order-claimed', {}),
    ...doc.lines.map((l) => event(doc, 'item-verified', { lineId: l.lineId, barcode: l.barcode, quantity: l.quantity })),
    event(doc, 'package-created', {
      packageId,
      contents: doc.lines.map((l) => ({ lineId: l.lineId, quantity: l.quantity })),
      weightGrams: 900,
    }),
    label(),
    label(), // a reprint: the same package, the same SSCC
    event(doc, 'package-shipped', { packageId }),
  ];
  const pushed = await t.api('POST', '/v1/sync/push', { token: station.token, body: { events } });
  expect(pushed.body.outcomes.map((o: { outcome: string }) => o.outcome)).toEqual(events.map(() => 'applied'));
  return { doc, packageId };
}

const sharedTasks = () =>
  t.server.db.query<{ title: string; fulfillment_order_id: string; detail: { sscc: string; packages: { packageId: string }[] } }>(
    'select title, fulfillment_order_id, detail from tasks where kind = $1',
    [SHARED_SSCC_TASK],
  );

it('records a second parcel carrying an SSCC already on another, and opens one supervisor task naming both', async () => {
  const sscc = '006141410000000012'; // the floor's collision: both stations' first label before server blocks
  const first = await shipWith(stations[0]!, sscc);
  expect(await sharedTasks()).toEqual([]); // one parcel, reprinted: nothing shared
  const second = await shipWith(stations[1]!, sscc);
  // Nothing is lost: the parcel is shipped with the SSCC it carries.
  const fo = (await t.api('GET', `/v1/fulfillment-orders/${second.doc.id}`)).body as FulfillmentDocument;
  expect(fo.packages).toEqual([expect.objectContaining({ id: second.packageId, status: 'shipped', sscc })]);
  const tasks = await sharedTasks();
  expect(tasks).toHaveLength(1);
  expect(tasks[0]!.title).toContain(`2 parcels carry one SSCC ${sscc}`);
  expect(tasks[0]!.fulfillment_order_id).toBe(second.doc.id);
  expect(tasks[0]!.detail.packages.map((p) => p.packageId).sort()).toEqual([first.packageId, second.packageId].sort());
});

it('the label route flags an SSCC already on a parcel the same way, and keeps the label', async () => {
  const sscc = buildSscc(0, '0614141', 2);
  const shipped = await shipWith(stations[0]!, sscc);
  const doc = (await t.api('POST', '/v1/orders', { body: sampleOrder() })).body.fulfillmentOrders[0] as FulfillmentDocument;
  const packageId = crypto.randomUUID();
  const contents = doc.lines.map((l) => ({ lineId: l.lineId, quantity: l.quantity }));
  expect((await t.api('POST', `/v1/fulfillment-orders/${doc.id}/packages`, { body: { id: packageId, contents } })).status).toBe(201);
  const labelled = await t.api('POST', `/v1/packages/${packageId}/label`, {
    body: { carrier: 'DPD', trackingNumbers: ['15501234567890'], format: 'zpl', sscc },
  });
  expect(labelled.status).toBe(200);
  expect(labelled.body.sscc).toBe(sscc);
  const task = (await sharedTasks()).find((x) => x.detail.sscc === sscc)!;
  expect(task.detail.packages.map((p) => p.packageId).sort()).toEqual([shipped.packageId, packageId].sort());
});

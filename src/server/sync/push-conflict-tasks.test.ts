import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StationEvent } from '../../shared/events/station-events';
import type { FulfillmentDocument } from '../../shared/sync/fulfillment-document';
import { sampleOrder, setUpWarehouse, startTestServer, type TestServer } from '../testing/test-server';

/** One mistake spread over a station's pushes is one task while it is open (push-conflict-tasks.ts). */
let t: TestServer;
let lon: Awaited<ReturnType<typeof setUpWarehouse>>;
let second: { stationId: string; stationToken: string };
const seqs = new Map<string, number>();

beforeAll(async () => {
  t = await startTestServer();
  lon = await setUpWarehouse(t, 'LON-1');
  const st = await t.api('POST', '/v1/stations', { body: { name: 'Pack 2 LON-1', warehouseId: lon.warehouseId } });
  const enrolled = await t.api('POST', '/v1/stations/enroll', { body: { code: st.body.enrollmentCode }, token: null });
  second = { stationId: enrolled.body.stationId, stationToken: enrolled.body.credential };
});
afterAll(() => t.close());

type Task = {
  id: string;
  status: string;
  title: string;
  version: number;
  detail: { eventIds: string[]; eventTypes: string[]; eventType: string };
};

/** An order cancelled before the stations heard of it, and its mug line. */
async function cancelledOrder() {
  const created = await t.api('POST', '/v1/orders', { body: sampleOrder() });
  const doc = created.body.fulfillmentOrders[0] as FulfillmentDocument;
  expect((await t.api('POST', `/v1/orders/${doc.orderId}/cancel`, { body: { reason: 'customer changed mind' } })).status).toBe(200);
  return { doc, number: created.body.number as string, mug: doc.lines.find((l) => l.sku === 'SKU-MUG')! };
}

function scan(doc: FulfillmentDocument, lineId: string, stationId = lon.stationId): StationEvent {
  const seq = (seqs.get(stationId) ?? 0) + 1;
  seqs.set(stationId, seq);
  return {
    id: crypto.randomUUID(),
    stationId,
    seq,
    type: 'item-verified',
    fulfillmentOrderId: doc.id,
    orderId: doc.orderId,
    actor: { kind: 'station', id: stationId },
    occurredAt: new Date().toISOString(),
    payload: { lineId, barcode: '5012345678900', quantity: 1 },
  } as StationEvent;
}

async function push(events: StationEvent[], token = lon.stationToken) {
  const res = await t.api('POST', '/v1/sync/push', { token, body: { events } });
  expect(res.status).toBe(200);
  return res.body.outcomes as { outcome: string; duplicate: boolean }[];
}

const tasksOf = (doc: FulfillmentDocument) =>
  t.server.db.query<Task>('select id, status, title, version, detail from tasks where fulfillment_order_id = $1 order by created_at, id', [
    doc.id,
  ]);

const scanned = (number: string, n: number, station = 'Pack 1 LON-1') =>
  `${number}: ${n} × Enamel mug (SKU-MUG) ${n === 1 ? 'was' : 'were'} scanned at ${station} while the order was cancelled. Restock the items`;

describe('a conflict pushed again while its task is open', () => {
  it('joins the open task of its order, station and follow-up; a retry adds nothing; a resolved task is not joined', async () => {
    const { doc, number, mug } = await cancelledOrder();
    const first = scan(doc, mug.lineId);
    const again = scan(doc, mug.lineId);
    expect((await push([first]))[0]).toMatchObject({ outcome: 'conflicted' });
    expect((await push([again]))[0]).toMatchObject({ outcome: 'conflicted' });
    const [task, ...more] = await tasksOf(doc);
    expect(more).toHaveLength(0);
    expect(task).toMatchObject({ status: 'open', title: scanned(number, 2), version: 2 });
    expect(task!.detail).toMatchObject({ eventIds: [first.id, again.id], eventTypes: ['item-verified', 'item-verified'] });
    // The supervisor's list shows it as it now is.
    const listed = (await t.api('GET', '/v1/orders/tasks?limit=200')).body.data.find((x: { id: string }) => x.id === task!.id);
    expect(listed).toMatchObject({ title: scanned(number, 2), detail: { eventIds: [first.id, again.id] } });

    // The outbox sends the second push again: answered as a duplicate, the task unchanged.
    expect((await push([again]))[0]).toMatchObject({ duplicate: true });
    expect(await tasksOf(doc)).toEqual([task]);

    expect((await t.api('PATCH', `/v1/orders/tasks/${task!.id}`, { body: { status: 'done', note: 'restocked' } })).status).toBe(200);
    const third = scan(doc, mug.lineId);
    await push([third]);
    const [resolved, fresh, ...none] = await tasksOf(doc);
    expect(none).toHaveLength(0);
    expect(resolved).toMatchObject({ id: task!.id, status: 'done', title: scanned(number, 2) });
    expect(fresh).toMatchObject({ status: 'open', title: scanned(number, 1), detail: { eventIds: [third.id] } });
  });

  it('lets the most pressing event of a later push say what to do, the cause kept from the first', async () => {
    const created = await t.api('POST', '/v1/orders', { body: sampleOrder() });
    const doc = created.body.fulfillmentOrders[0] as FulfillmentDocument;
    const mug = doc.lines.find((l) => l.sku === 'SKU-MUG')!;
    await t.api('POST', `/v1/fulfillment-orders/${doc.id}/hold`, { body: { reasons: ['incorrect_address'] } });
    await push([scan(doc, mug.lineId)]);
    // The order moves on (cancelled) before the station's next push: the task still says why it was opened.
    expect((await t.api('POST', `/v1/orders/${doc.orderId}/cancel`, { body: { reason: 'customer changed mind' } })).status).toBe(200);
    const payload = {
      packageId: crypto.randomUUID(),
      printJobId: crypto.randomUUID(),
      format: 'zpl',
      sscc: null,
      trackingNumber: null,
      carrier: null,
    };
    const label = { ...scan(doc, mug.lineId), type: 'label-printed', payload } as StationEvent;
    expect((await push([label]))[0]).toMatchObject({ outcome: 'conflicted' });
    const [task, ...more] = await tasksOf(doc);
    expect(more).toHaveLength(0);
    expect(task!.title).toBe(
      `${created.body.number}: 1 × Enamel mug (SKU-MUG) was scanned, a shipping label was printed at Pack 1 LON-1 while the order was on hold (incorrect address). Void the label`,
    );
    expect(task!.detail).toMatchObject({ eventType: 'label-printed', eventTypes: ['item-verified', 'label-printed'] });
  });

  it("gives another station's conflict on the same order its own task", async () => {
    const { doc, number, mug } = await cancelledOrder();
    const mine = scan(doc, mug.lineId);
    const theirs = scan(doc, mug.lineId, second.stationId);
    await push([mine]);
    await push([theirs], second.stationToken);
    const tasks = await tasksOf(doc);
    expect(tasks.map((x) => [x.title, x.detail.eventIds])).toEqual(
      expect.arrayContaining([
        [scanned(number, 1), [mine.id]],
        [scanned(number, 1, 'Pack 2 LON-1'), [theirs.id]],
      ]),
    );
    expect(tasks).toHaveLength(2);
  });

  it('leaves alone an open task that does not say which station and follow-up it is for (opened before they were recorded)', async () => {
    const { doc, number, mug } = await cancelledOrder();
    await push([scan(doc, mug.lineId)]);
    await t.server.db.query(`update tasks set detail = detail - 'stationId' - 'followUp' where fulfillment_order_id = $1`, [doc.id]);
    const later = scan(doc, mug.lineId);
    await push([later]);
    const tasks = await tasksOf(doc);
    expect(tasks.map((x) => x.title)).toEqual([scanned(number, 1), scanned(number, 1)]);
    expect(tasks[1]!.detail.eventIds).toEqual([later.id]);
  });
});

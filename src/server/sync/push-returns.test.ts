import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReturnDocument } from '../../shared/api/returns';
import type { Actor, StationEvent } from '../../shared/events/station-events';
import type { FulfillmentDocument } from '../../shared/sync/fulfillment-document';
import type { ReturnStationDocument } from '../../shared/sync/return-document';
import type { PullResponse } from '../../shared/sync/sync-protocol';
import { openSse } from '../testing/sse';
import { sampleOrder, setUpWarehouse, startTestServer, type TestServer } from '../testing/test-server';

/** Returns-desk events pushed by a station over HTTP: applied through the return actions, once, or kept as conflicted. */
let t: TestServer;
let lon: Awaited<ReturnType<typeof setUpWarehouse>>;
let man: Awaited<ReturnType<typeof setUpWarehouse>>;
let seq = 0;
const people = {} as Record<'clerk' | 'packer' | 'supervisor', { id: string; name: string }>;

async function createUser(body: Record<string, unknown>) {
  const res = await t.api('POST', '/v1/users', { body });
  if (res.status !== 201) throw new Error(`user: ${JSON.stringify(res.body)}`);
  return { id: res.body.id as string, name: res.body.name as string };
}

beforeAll(async () => {
  t = await startTestServer();
  lon = await setUpWarehouse(t, 'LON-1', { 'SKU-MUG': 50, 'SKU-TEE': 50 });
  man = await setUpWarehouse(t, 'MAN-1', {});
  people.clerk = await createUser({ name: 'Rae Returns', role: 'returns', warehouseId: lon.warehouseId, pin: '9157' });
  people.packer = await createUser({ name: 'Pat Packer', role: 'packer', warehouseId: lon.warehouseId, pin: '4825' });
  people.supervisor = await createUser({ name: 'Sam Super', role: 'supervisor', warehouseId: null, pin: '5831' });
});
afterAll(() => t.close());

const as = (who: keyof typeof people): Actor => ({ kind: 'user', id: people[who].id, name: 'typed at the station' });

/** An order shipped from LON-1 and an authorized return of one mug (3 units) and one tee. */
async function authorizedReturn(): Promise<ReturnDocument> {
  const created = await t.api('POST', '/v1/orders', {
    body: sampleOrder({
      lines: [
        { sku: 'SKU-MUG', barcode: '5012345678900', name: 'Enamel mug', quantity: 2, unitPriceMinor: 1200, taxRateBps: 2000 },
        { sku: 'SKU-TEE', barcode: '5012345678917', name: 'Cotton tee', quantity: 1, unitPriceMinor: 2000, taxRateBps: 2000 },
      ],
    }),
  });
  for (const fo of created.body.fulfillmentOrders as FulfillmentDocument[]) {
    const pkg = await t.api('POST', `/v1/fulfillment-orders/${fo.id}/packages`, {
      body: { contents: fo.lines.map((l) => ({ lineId: l.lineId, quantity: l.quantity })) },
    });
    expect(
      (await t.api('POST', `/v1/packages/${pkg.body.id}/ship`, { body: { carrier: 'DPD', trackingNumbers: ['T1'] } })).body.status,
    ).toBe('shipped');
  }
  const order = (await t.api('GET', `/v1/orders/${created.body.id}`)).body;
  const lines = order.lines.map((l: { id: string; quantity: number }) => ({ lineId: l.id, quantity: l.quantity, reasonCode: 'damaged' }));
  const r = await t.api('POST', `/v1/orders/${order.id}/returns`, { body: { lines, authorize: true, warehouseId: lon.warehouseId } });
  expect(r.body.status).toBe('authorized');
  return r.body as ReturnDocument;
}

function ev(r: ReturnDocument, type: string, payload: Record<string, unknown>, actor: Actor = as('clerk')): StationEvent {
  return {
    id: crypto.randomUUID(),
    stationId: lon.stationId,
    seq: ++seq,
    type,
    returnId: r.id,
    orderId: r.orderId,
    actor,
    occurredAt: new Date().toISOString(),
    payload,
  } as StationEvent;
}
const receive = (r: ReturnDocument, sku: string, actor?: Actor) =>
  ev(
    r,
    'return-units-received',
    { lines: [{ returnLineId: r.lines.find((l) => l.sku === sku)!.id, quantity: 1, barcode: null }], final: false },
    actor,
  );
const grade = (r: ReturnDocument, sku: string, disposition = 'restock', actor?: Actor) =>
  ev(
    r,
    'return-unit-inspected',
    {
      returnLineId: r.lines.find((l) => l.sku === sku)!.id,
      condition: disposition === 'restock' ? 'new' : 'damaged',
      disposition,
      note: null,
    },
    actor,
  );
const complete = (r: ReturnDocument, actor?: Actor) => ev(r, 'return-inspection-completed', { note: null }, actor);
type Grade = { condition: string; disposition: string };
const regrade = (r: ReturnDocument, sku: string, unit: number, previous: Grade, next: Grade, actor?: Actor) =>
  ev(r, 'return-unit-regraded', { returnLineId: r.lines.find((l) => l.sku === sku)!.id, unit, previous, grade: next, note: null }, actor);
const NEW_RESTOCK = { condition: 'new', disposition: 'restock' };
const DAMAGED_QUARANTINE = { condition: 'damaged', disposition: 'quarantine' };
const DAMAGED_DISPOSE = { condition: 'damaged', disposition: 'dispose' };
/** Every unit of the return received and graded: both mugs new → restock, the tee damaged → dispose. */
const receivedAndGraded = (r: ReturnDocument) => [
  receive(r, 'SKU-MUG'),
  receive(r, 'SKU-MUG'),
  receive(r, 'SKU-TEE'),
  grade(r, 'SKU-MUG'),
  grade(r, 'SKU-MUG'),
  grade(r, 'SKU-TEE', 'dispose'),
];
const gradesOf = (doc: ReturnDocument, sku: string) => doc.lines.find((l) => l.sku === sku)!.units.map((u) => [u.condition, u.disposition]);

type Outcome = { id: string; seq: number; outcome: string; code?: string; duplicate: boolean };
const push = async (events: StationEvent[], token = lon.stationToken) => {
  const res = await t.api('POST', '/v1/sync/push', { token, body: { events } });
  expect(res.status).toBe(200);
  return res.body.outcomes as Outcome[];
};
const summary = (outcomes: Outcome[]) => outcomes.map((o) => [o.outcome, o.code ?? null]);
const returnNow = async (r: ReturnDocument) => (await t.api('GET', `/v1/returns/${r.id}`)).body as ReturnDocument;
const stationEventsOf = async (r: ReturnDocument) =>
  await t.server.db.query<{ id: string; type: string; outcome: string; actor: Actor }>(
    "select id, type, outcome, actor from timeline_events where station_id = $1 and entity_ids ->> 'returnId' = $2 order by station_seq",
    [lon.stationId, r.id],
  );
const tasksOf = async (orderId: string) =>
  (await t.api('GET', `/v1/orders/${orderId}/tasks`)).body.data as {
    kind: string;
    eventId: string;
    title: string;
    detail: Record<string, unknown>;
  }[];
const onHand = async (sku: string) =>
  (
    await t.server.db.query<{ on_hand: number }>('select on_hand from inventory where warehouse_id = $1 and sku = $2', [
      lon.warehouseId,
      sku,
    ])
  )[0]!.on_hand;

describe('pushed returns-desk events', () => {
  it('receives, grades and completes a return through the same actions as the API: restock, refund from frozen prices, applied seq', async () => {
    const r = await authorizedReturn();
    const mugsBefore = await onHand('SKU-MUG');
    const events = [
      receive(r, 'SKU-MUG'),
      receive(r, 'SKU-MUG'),
      receive(r, 'SKU-TEE'),
      grade(r, 'SKU-MUG'),
      grade(r, 'SKU-MUG', 'quarantine'),
      grade(r, 'SKU-TEE', 'dispose'),
      complete(r),
    ];
    expect(summary(await push(events))).toEqual(events.map(() => ['applied', null]));
    const done = await returnNow(r);
    expect(done.status).toBe('completed');
    expect(done.lines.find((l) => l.sku === 'SKU-MUG')!.units.map((u) => u.disposition)).toEqual(['restock', 'quarantine']);
    expect(done.lines[0]!.units[0]!.inspectedBy).toBe(people.clerk.id);
    // 2 mugs at 12.00 + 20 % tax and a tee at 20.00 + 20 %: the refund comes from the frozen prices.
    expect(done.refundRequest).toMatchObject({ status: 'requested', amountMinor: 2 * 1440 + 2400, currency: 'GBP' });
    expect(await onHand('SKU-MUG')).toBe(mugsBefore + 1);
    // Each station event is on the timeline once, named as the server knows the clerk.
    const recorded = await stationEventsOf(r);
    expect(recorded.map((e) => e.id)).toEqual(events.map((e) => e.id));
    expect(recorded.every((e) => e.outcome === 'applied' && e.actor.name === 'Rae Returns')).toBe(true);
    const [row] = await t.server.db.query<{ applied_seq: Record<string, number> }>('select applied_seq from returns where id = $1', [r.id]);
    expect(Number(row!.applied_seq[lon.stationId])).toBe(events.at(-1)!.seq);
  });

  it('answers a re-push with the recorded outcomes and applies nothing twice', async () => {
    const r = await authorizedReturn();
    const events = [receive(r, 'SKU-MUG'), receive(r, 'SKU-MUG')];
    expect(summary(await push(events))).toEqual([
      ['applied', null],
      ['applied', null],
    ]);
    const again = await push([...events, receive(r, 'SKU-TEE')]);
    expect(again.map((o) => [o.outcome, o.duplicate])).toEqual([
      ['applied', true],
      ['applied', true],
      ['applied', false],
    ]);
    const now = await returnNow(r);
    expect(now.lines.map((l) => [l.sku, l.receivedQuantity])).toEqual([
      ['SKU-MUG', 2],
      ['SKU-TEE', 1],
    ]);
    expect(now.status).toBe('received');
    expect(await stationEventsOf(r)).toHaveLength(3);
  });

  it('keeps units received for a return cancelled meanwhile as conflicted, with a supervisor task, and changes nothing', async () => {
    const r = await authorizedReturn();
    expect((await t.api('POST', `/v1/returns/${r.id}/cancel`, { body: { reason: 'customer kept it' } })).status).toBe(200);
    const openConflicts = async () => (await t.api('GET', '/v1/sync/conflicts', { token: lon.stationToken })).body.open as number;
    const conflictsBefore = await openConflicts();
    const e = receive(r, 'SKU-MUG');
    expect(summary(await push([e]))).toEqual([['conflicted', 'return_transition_forbidden']]);
    // The station's sync bar counts it among its conflicts for a supervisor.
    expect(await openConflicts()).toBe(conflictsBefore + 1);
    expect((await returnNow(r)).lines.every((l) => l.receivedQuantity === 0)).toBe(true);
    const tasks = (await tasksOf(r.orderId)).filter((task) => task.eventId === e.id);
    expect(tasks).toEqual([
      expect.objectContaining({
        kind: 'sync-conflict',
        title: expect.stringContaining(r.number),
        detail: expect.objectContaining({ returnId: r.id, eventType: 'return-units-received' }),
      }),
    ]);
    // Re-pushed: the same recorded outcome, no second task.
    expect((await push([e]))[0]).toMatchObject({ outcome: 'conflicted', duplicate: true });
    expect((await tasksOf(r.orderId)).filter((task) => task.eventId === e.id)).toHaveLength(1);
  });

  it('keeps a completion released after the return was rejected as conflicted: no refund is raised', async () => {
    const r = await authorizedReturn();
    const graded = [
      receive(r, 'SKU-MUG'),
      receive(r, 'SKU-MUG'),
      receive(r, 'SKU-TEE'),
      grade(r, 'SKU-MUG'),
      grade(r, 'SKU-MUG'),
      grade(r, 'SKU-TEE'),
    ];
    await push(graded);
    expect((await t.api('POST', `/v1/returns/${r.id}/reject`, { body: { reason: 'worn, outside policy' } })).body.status).toBe('rejected');
    const done = complete(r);
    expect(summary(await push([done]))).toEqual([['conflicted', 'return_status_final']]);
    expect(await returnNow(r)).toMatchObject({ status: 'rejected', refundRequest: null });
    expect((await tasksOf(r.orderId)).some((task) => task.eventId === done.id && task.title.includes('refund'))).toBe(true);
  });

  it('keeps a unit too many as conflicted without touching the received quantities', async () => {
    const r = await authorizedReturn();
    const outcomes = await push([receive(r, 'SKU-TEE'), receive(r, 'SKU-TEE')]);
    expect(summary(outcomes)).toEqual([
      ['applied', null],
      ['conflicted', 'return_over_received'],
    ]);
    expect((await returnNow(r)).lines.find((l) => l.sku === 'SKU-TEE')!.receivedQuantity).toBe(1);
  });

  it('checks who did it: a packer’s returns work is applied but flagged, a supervisor’s is fine, an unknown person is rejected', async () => {
    const r = await authorizedReturn();
    const byPacker = receive(r, 'SKU-MUG', as('packer'));
    const bySupervisor = receive(r, 'SKU-MUG', as('supervisor'));
    const byStranger = receive(r, 'SKU-TEE', { kind: 'user', id: crypto.randomUUID() });
    expect(summary(await push([byPacker, bySupervisor, byStranger]))).toEqual([
      ['conflicted', 'actor_not_authorized'],
      ['applied', null],
      ['rejected', 'unknown_actor'],
    ]);
    const now = await returnNow(r);
    expect(now.lines.map((l) => l.receivedQuantity)).toEqual([2, 0]);
    const tasks = (await tasksOf(r.orderId)).filter((task) => task.eventId === byPacker.id);
    expect(tasks).toEqual([expect.objectContaining({ detail: expect.objectContaining({ code: 'actor_not_authorized' }) })]);
  });

  it('rejects work on a return of another warehouse as out of scope', async () => {
    const r = await authorizedReturn();
    const other = await t.api('POST', '/v1/sync/push', {
      token: man.stationToken,
      body: { events: [{ ...receive(r, 'SKU-MUG'), stationId: man.stationId, actor: { kind: 'station', id: man.stationId } }] },
    });
    expect(other.body.outcomes[0]).toMatchObject({ outcome: 'rejected', code: 'out_of_scope' });
    expect((await returnNow(r)).lines.every((l) => l.receivedQuantity === 0)).toBe(true);
  });

  it('mixes packing and returns work in one push, in seq order', async () => {
    const r = await authorizedReturn();
    const fo = (await t.api('POST', '/v1/orders', { body: sampleOrder() })).body.fulfillmentOrders[0] as FulfillmentDocument;
    const claim = {
      id: crypto.randomUUID(),
      stationId: lon.stationId,
      seq: ++seq,
      type: 'fulfillment-order-claimed',
      fulfillmentOrderId: fo.id,
      orderId: fo.orderId,
      actor: { kind: 'station', id: lon.stationId },
      occurredAt: new Date().toISOString(),
      payload: {},
    } as StationEvent;
    const got = receive(r, 'SKU-TEE', { kind: 'station', id: lon.stationId });
    const outcomes = await push([got, claim]);
    // Sent out of order; answered in seq order (the claim was numbered first).
    expect(outcomes.map((o) => [o.id, o.outcome])).toEqual([
      [claim.id, 'applied'],
      [got.id, 'applied'],
    ]);
    expect((await t.api('GET', `/v1/orders/${fo.orderId}`)).body.fulfillmentOrders[0].status).toBe('in_progress');
    expect((await returnNow(r)).lines.find((l) => l.sku === 'SKU-TEE')!.receivedQuantity).toBe(1);
  });
});

describe('pushed grade changes', () => {
  it('changes a grade until Complete: stock and refund follow the latest grade, the timeline shows it, and after Complete it is refused', async () => {
    const r = await authorizedReturn();
    const mugsBefore = await onHand('SKU-MUG');
    await push(receivedAndGraded(r));
    expect(await onHand('SKU-MUG')).toBe(mugsBefore + 2);
    // The second mug was cracked after all: off the shelf again.
    const cracked = regrade(r, 'SKU-MUG', 2, NEW_RESTOCK, DAMAGED_QUARANTINE);
    expect(summary(await push([cracked]))).toEqual([['applied', null]]);
    let now = await returnNow(r);
    expect(now.status).toBe('inspected');
    expect(gradesOf(now, 'SKU-MUG')).toEqual([
      ['new', 'restock'],
      ['damaged', 'quarantine'],
    ]);
    expect(now.lines[0]!.units[1]).toMatchObject({ regradedBy: people.clerk.id, inspectedBy: people.clerk.id });
    expect(await onHand('SKU-MUG')).toBe(mugsBefore + 1);
    // Through the API too (same rule): the first mug goes back to the customer, so it is not refunded.
    const api = await t.api('POST', `/v1/returns/${r.id}/regrade`, {
      body: {
        returnLineId: now.lines[0]!.id,
        unit: 1,
        previous: NEW_RESTOCK,
        grade: { condition: 'good', disposition: 'return_to_customer' },
      },
    });
    expect(api.status).toBe(200);
    expect(await onHand('SKU-MUG')).toBe(mugsBefore);

    expect(summary(await push([complete(r)]))).toEqual([['applied', null]]);
    now = await returnNow(r);
    // Refunded: the cracked mug (12.00 + 20 %) and the tee (20.00 + 20 %); not the mug sent back.
    expect(now.refundRequest).toMatchObject({ amountMinor: 1440 + 2400 });
    const timeline = (await t.api('GET', `/v1/orders/${r.orderId}/timeline?limit=200`)).body.data as {
      type: string;
      outcome: string;
      payload: Record<string, unknown>;
    }[];
    expect(timeline.find((e) => e.type === 'return-unit-regraded')).toMatchObject({
      outcome: 'applied',
      payload: { unit: 2, previous: NEW_RESTOCK, grade: DAMAGED_QUARANTINE },
    });
    expect(timeline.filter((e) => e.type === 'return-regraded').map((e) => [e.payload.unit, e.payload.restocked])).toEqual(
      expect.arrayContaining([
        [2, -1],
        [1, -1],
      ]),
    );

    // Completed: the grades are final, at the API and from a desk that was offline.
    const late = regrade(r, 'SKU-TEE', 1, DAMAGED_DISPOSE, { condition: 'defective', disposition: 'dispose' });
    expect(summary(await push([late]))).toEqual([['conflicted', 'return_grades_final']]);
    const refused = await t.api('POST', `/v1/returns/${r.id}/regrade`, {
      body: { returnLineId: now.lines[1]!.id, unit: 1, grade: { condition: 'defective', disposition: 'dispose' } },
    });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'return_grades_final', detail: expect.stringContaining('its grades are final') });
    expect(gradesOf(await returnNow(r), 'SKU-TEE')).toEqual([['damaged', 'dispose']]);
    expect((await tasksOf(r.orderId)).filter((task) => task.eventId === late.id)).toEqual([
      expect.objectContaining({ kind: 'sync-conflict', title: expect.stringContaining(r.number) }),
    ]);
  });

  it('refuses a grade change by someone who may not make it here, on another warehouse’s return, or of a unit not graded', async () => {
    const r = await authorizedReturn();
    await push(receivedAndGraded(r).slice(0, 4)); // one mug graded, one not
    const mugsBefore = await onHand('SKU-MUG');
    const byPacker = regrade(r, 'SKU-MUG', 1, NEW_RESTOCK, DAMAGED_QUARANTINE, as('packer'));
    const notGraded = regrade(r, 'SKU-MUG', 2, NEW_RESTOCK, DAMAGED_QUARANTINE);
    expect(summary(await push([byPacker, notGraded]))).toEqual([
      ['conflicted', 'actor_not_authorized'],
      ['conflicted', 'return_unit_not_graded'],
    ]);
    expect(gradesOf(await returnNow(r), 'SKU-MUG')).toEqual([['new', 'restock']]);
    expect(await onHand('SKU-MUG')).toBe(mugsBefore);
    expect((await tasksOf(r.orderId)).filter((task) => task.eventId === byPacker.id)).toEqual([
      expect.objectContaining({
        title: expect.stringContaining('was not applied'),
        detail: expect.objectContaining({ code: 'actor_not_authorized' }),
      }),
    ]);
    const other = await t.api('POST', '/v1/sync/push', {
      token: man.stationToken,
      body: {
        events: [
          {
            ...regrade(r, 'SKU-MUG', 1, NEW_RESTOCK, DAMAGED_QUARANTINE),
            stationId: man.stationId,
            actor: { kind: 'station', id: man.stationId },
          },
        ],
      },
    });
    expect(other.body.outcomes[0]).toMatchObject({ outcome: 'rejected', code: 'out_of_scope' });
    expect(gradesOf(await returnNow(r), 'SKU-MUG')).toEqual([['new', 'restock']]);
    // A supervisor may: applied, and the return is still being graded.
    expect(summary(await push([regrade(r, 'SKU-MUG', 1, NEW_RESTOCK, DAMAGED_QUARANTINE, as('supervisor'))]))).toEqual([['applied', null]]);
    expect(await returnNow(r)).toMatchObject({
      status: 'received',
      lines: [{ units: [{ condition: 'damaged', disposition: 'quarantine' }] }, {}],
    });
    expect(await onHand('SKU-MUG')).toBe(mugsBefore - 1);
  });
});

describe('returns replication', () => {
  it('pulls the station warehouse’s open returns through /v1/sync/pull, and the stream says when one changes', async () => {
    const pull = async (token: string, rev: number | null) =>
      (
        await t.api('POST', '/v1/sync/pull', {
          token,
          body: { collection: 'returns', checkpoint: rev === null ? null : { rev }, limit: 1000 },
        })
      ).body as PullResponse<ReturnStationDocument>;
    const start = await pull(lon.stationToken, null);
    const stream = await openSse(`${t.url}/v1/sync/stream`, lon.stationToken);
    expect(await stream.next()).toBe('RESYNC');
    const r = await authorizedReturn();
    // The stream names the returns collection (fulfillment changes from shipping come first).
    for (let i = 0; i < 20; i++) {
      const m = (await stream.next()) as { collection: string };
      if (m.collection === 'returns') break;
      if (i === 19) throw new Error('no returns change on the stream');
    }
    stream.close();
    const after = await pull(lon.stationToken, start.checkpoint.rev);
    expect(after.documents).toEqual([expect.objectContaining({ id: r.id, number: r.number, status: 'authorized', appliedSeq: {} })]);
    expect((await pull(man.stationToken, null)).documents.some((d) => d.id === r.id)).toBe(false);
    const e = receive(r, 'SKU-TEE');
    await push([e]);
    const received = await pull(lon.stationToken, after.checkpoint.rev);
    expect(received.documents).toEqual([
      expect.objectContaining({ id: r.id, status: 'partially_received', appliedSeq: { [lon.stationId]: e.seq } }),
    ]);
    // The admin key is not a station: replication is refused.
    expect((await t.api('POST', '/v1/sync/pull', { body: { collection: 'returns', checkpoint: null, limit: 10 } })).status).toBe(403);
  });
});

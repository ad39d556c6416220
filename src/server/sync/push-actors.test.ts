import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor, StationEvent } from '../../shared/events/station-events';
import type { FulfillmentDocument } from '../../shared/sync/fulfillment-document';
import { sampleOrder, setUpWarehouse, startTestServer, type TestServer } from '../testing/test-server';

/** The server checks who a station says did each pushed event: role and warehouse scope (docs/architecture.md, Security). */
let t: TestServer;
let lon: Awaited<ReturnType<typeof setUpWarehouse>>;
let man: Awaited<ReturnType<typeof setUpWarehouse>>;
let seq = 0;
const people = {} as Record<'packer' | 'supervisor' | 'deactivated' | 'elsewhere' | 'returns', { id: string; name: string }>;

async function createUser(body: Record<string, unknown>) {
  const res = await t.api('POST', '/v1/users', { body });
  if (res.status !== 201) throw new Error(`user: ${JSON.stringify(res.body)}`);
  return { id: res.body.id as string, name: res.body.name as string };
}

beforeAll(async () => {
  t = await startTestServer();
  lon = await setUpWarehouse(t, 'LON-1', { 'SKU-MUG': 50, 'SKU-TEE': 50 });
  man = await setUpWarehouse(t, 'MAN-1', {});
  people.packer = await createUser({ name: 'Pat Packer', role: 'packer', warehouseId: lon.warehouseId, pin: '4825' });
  people.supervisor = await createUser({ name: 'Sam Roaming', role: 'supervisor', warehouseId: null, pin: '5831' });
  people.deactivated = await createUser({ name: 'Dee Parted', role: 'packer', warehouseId: lon.warehouseId, pin: '7302' });
  people.elsewhere = await createUser({ name: 'Man Packer', role: 'packer', warehouseId: man.warehouseId, pin: '6193' });
  people.returns = await createUser({ name: 'Rae Returns', role: 'returns', warehouseId: lon.warehouseId, pin: '9157' });
  // Deactivated after the station synced its list: the station still signs Dee in, offline.
  const gone = await t.api('DELETE', `/v1/users/${people.deactivated.id}`);
  expect(gone.body.active).toBe(false);
});
afterAll(() => t.close());

const as = (who: keyof typeof people, name = 'Name the station typed'): Actor => ({ kind: 'user', id: people[who].id, name });
const stationActor: Actor = { kind: 'station', id: '' };

function ev(doc: FulfillmentDocument, type: StationEvent['type'], payload: Record<string, unknown>, actor: Actor): StationEvent {
  const a = actor === stationActor ? { kind: 'station' as const, id: lon.stationId } : actor;
  return {
    id: crypto.randomUUID(),
    stationId: lon.stationId,
    seq: ++seq,
    type,
    fulfillmentOrderId: doc.id,
    orderId: doc.orderId,
    actor: a,
    occurredAt: new Date().toISOString(),
    payload,
  } as StationEvent;
}
function packAndShip(doc: FulfillmentDocument, actor: Actor, claimedBy: Actor = actor) {
  const packageId = crypto.randomUUID();
  return [
    ev(doc, 'fulfillment-order-claimed', {}, claimedBy),
    ...doc.lines.map((l) => ev(doc, 'item-verified', { lineId: l.lineId, barcode: l.barcode ?? 'x', quantity: l.quantity }, actor)),
    ev(
      doc,
      'package-created',
      { packageId, contents: doc.lines.map((l) => ({ lineId: l.lineId, quantity: l.quantity })), weightGrams: 100 },
      actor,
    ),
    ev(
      doc,
      'label-printed',
      { packageId, printJobId: crypto.randomUUID(), format: 'zpl', sscc: null, trackingNumber: 'T1', carrier: 'DPD' },
      actor,
    ),
    ev(doc, 'package-shipped', { packageId }, actor),
  ];
}

type Outcome = { id: string; outcome: string; code?: string; message?: string; duplicate: boolean };
const newDoc = async () => (await t.api('POST', '/v1/orders', { body: sampleOrder() })).body.fulfillmentOrders[0] as FulfillmentDocument;
const push = async (events: StationEvent[]) => {
  const res = await t.api('POST', '/v1/sync/push', { token: lon.stationToken, body: { events } });
  expect(res.status).toBe(200);
  return res.body.outcomes as Outcome[];
};
const summary = (outcomes: Outcome[]) => outcomes.map((o) => [o.outcome, o.code ?? null]);
const fulfillment = async (doc: FulfillmentDocument) =>
  (await t.api('GET', `/v1/orders/${doc.orderId}`)).body.fulfillmentOrders[0] as FulfillmentDocument;
const tasksOf = async (doc: FulfillmentDocument) =>
  (await t.api('GET', `/v1/orders/${doc.orderId}/tasks`)).body.data as {
    kind: string;
    eventId: string;
    fulfillmentOrderId: string;
    warehouseId: string;
    title: string;
    detail: Record<string, unknown>;
  }[];
const stock = async (sku: string) =>
  (
    await t.server.db.query<{ on_hand: number }>('select on_hand from inventory where warehouse_id = $1 and sku = $2', [
      lon.warehouseId,
      sku,
    ])
  )[0]!.on_hand;
const recorded = async (id: string) =>
  (
    await t.server.db.query<{ order_id: string | null; outcome: string; outcome_code: string | null; actor: Actor }>(
      'select order_id, outcome, outcome_code, actor from timeline_events where id = $1',
      [id],
    )
  )[0];

describe('pushed event actors', () => {
  it('applies the work of a packer of the warehouse, naming them as the server knows them', async () => {
    const doc = await newDoc();
    const events = packAndShip(doc, as('packer'));
    const outcomes = await push(events);
    expect(outcomes.every((o) => o.outcome === 'applied' && !o.code)).toBe(true);
    expect((await fulfillment(doc)).status).toBe('closed');
    expect((await recorded(events[0]!.id))!.actor).toEqual({ kind: 'user', id: people.packer.id, name: 'Pat Packer' });
    const timeline = (await t.api('GET', `/v1/orders/${doc.orderId}/timeline`)).body.data as { id: string; actor: Actor }[];
    expect(timeline.find((e) => e.id === events.at(-1)!.id)!.actor).toEqual({ kind: 'user', id: people.packer.id, name: 'Pat Packer' });
    expect(await tasksOf(doc)).toEqual([]);
  });

  it('applies the work of a supervisor bound to no warehouse', async () => {
    const doc = await newDoc();
    const outcomes = await push(packAndShip(doc, as('supervisor')));
    expect(outcomes.every((o) => o.outcome === 'applied')).toBe(true);
    expect((await fulfillment(doc)).status).toBe('closed');
  });

  it('keeps the work of a deactivated packer (it happened) but records it as conflicted, with one task for a supervisor', async () => {
    const mugBefore = await stock('SKU-MUG');
    const doc = await newDoc();
    const events = packAndShip(doc, as('deactivated'), as('packer'));
    const outcomes = await push(events);
    expect(summary(outcomes)).toEqual([['applied', null], ...events.slice(1).map(() => ['conflicted', 'actor_not_authorized'])]);
    expect(outcomes[1]!.message).toContain('Dee Parted');
    expect(outcomes[1]!.message).toContain('deactivated');
    // The document follows the physical facts: verified, packed, shipped, and the stock left.
    const fo = await fulfillment(doc);
    expect(fo.lines.map((l) => l.verified)).toEqual(doc.lines.map((l) => l.quantity));
    expect(fo.packages[0]!.status).toBe('shipped');
    expect(fo.status).toBe('closed');
    expect(fo.appliedSeq[lon.stationId]).toBe(events.at(-1)!.seq);
    expect(await stock('SKU-MUG')).toBe(mugBefore - 2);
    expect((await t.api('GET', `/v1/orders/${doc.orderId}`)).body.status).toBe('shipped');
    const verify = await recorded(events[1]!.id);
    expect(verify).toMatchObject({
      order_id: doc.orderId,
      outcome: 'conflicted',
      outcome_code: 'actor_not_authorized',
      actor: { kind: 'user', id: people.deactivated.id, name: 'Dee Parted' },
    });
    // One task for this person's work on this fulfillment order, listing every event.
    const tasks = await tasksOf(doc);
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({
      kind: 'sync-conflict',
      eventId: events[1]!.id,
      fulfillmentOrderId: doc.id,
      warehouseId: lon.warehouseId,
      detail: { code: 'actor_not_authorized' },
    });
    expect(tasks[0]!.title).toContain('Dee Parted');
    expect(tasks[0]!.detail.eventIds).toEqual(events.slice(1).map((e) => e.id));
  });

  it('records the work of a packer of another warehouse as conflicted', async () => {
    const doc = await newDoc();
    const [claim, verify] = packAndShip(doc, as('elsewhere'), as('packer'));
    const outcomes = await push([claim!, verify!]);
    expect(summary(outcomes)).toEqual([
      ['applied', null],
      ['conflicted', 'actor_not_authorized'],
    ]);
    expect(outcomes[1]!.message).toContain('another warehouse');
    expect((await fulfillment(doc)).lines[0]!.verified).toBe(doc.lines[0]!.quantity);
    expect(await tasksOf(doc)).toHaveLength(1);
  });

  it('records packing by a returns clerk as conflicted', async () => {
    const doc = await newDoc();
    const events = packAndShip(doc, as('returns'));
    const outcomes = await push(events);
    expect(summary(outcomes)).toEqual(events.map(() => ['conflicted', 'actor_not_authorized']));
    expect(outcomes[0]!.message).toContain('returns role');
    expect((await fulfillment(doc)).status).toBe('closed');
    const tasks = await tasksOf(doc);
    expect(tasks).toHaveLength(1);
    expect(tasks[0]!.detail.eventTypes).toEqual(events.map((e) => e.type));
  });

  it('mentions the actor on a state conflict by someone who may not do it', async () => {
    const doc = await newDoc();
    const claim = ev(doc, 'fulfillment-order-claimed', {}, as('packer'));
    expect(summary(await push([claim]))).toEqual([['applied', null]]);
    // Verifying more than was ordered does not fit the document, whoever did it: not applied.
    const over = ev(doc, 'item-verified', { lineId: doc.lines[0]!.lineId, barcode: 'x', quantity: 99 }, as('returns'));
    const outcomes = await push([over]);
    expect(summary(outcomes)).toEqual([['conflicted', 'line_over_verified']]);
    expect(outcomes[0]!.message).toContain('returns role');
    expect((await fulfillment(doc)).lines[0]!.verified).toBe(0);
    const tasks = await tasksOf(doc);
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({
      eventId: over.id,
      detail: { code: 'line_over_verified', actorProblem: { code: 'actor_not_authorized' } },
    });
  });

  it('rejects an event by a user the server never issued', async () => {
    const doc = await newDoc();
    const claim = ev(doc, 'fulfillment-order-claimed', {}, { kind: 'user', id: crypto.randomUUID(), name: 'Nobody' });
    const garbled = ev(doc, 'fulfillment-order-claimed', {}, { kind: 'user', id: 'not-a-uuid' });
    const outcomes = await push([claim, garbled]);
    expect(summary(outcomes)).toEqual([
      ['rejected', 'unknown_actor'],
      ['rejected', 'unknown_actor'],
    ]);
    expect((await fulfillment(doc)).status).toBe('open');
    expect(await recorded(claim.id)).toMatchObject({
      order_id: null,
      outcome: 'rejected',
      outcome_code: 'unknown_actor',
      actor: { kind: 'user', name: 'Nobody' },
    });
    expect(await tasksOf(doc)).toEqual([]);
  });

  it('rejects a station speaking for another station', async () => {
    const doc = await newDoc();
    const claim = ev(doc, 'fulfillment-order-claimed', {}, { kind: 'station', id: man.stationId });
    const outcomes = await push([claim]);
    expect(summary(outcomes)).toEqual([['rejected', 'actor_not_allowed']]);
    expect((await fulfillment(doc)).status).toBe('open');
    // Its own id is fine; a "via station" note it adds is not its to make (the server notes where a person acted online).
    const own = ev(doc, 'fulfillment-order-claimed', {}, { kind: 'station', id: lon.stationId, name: 'Pack 1', stationId: man.stationId });
    expect(summary(await push([own]))).toEqual([['applied', null]]);
    expect((await recorded(own.id))!.actor).toEqual({ kind: 'station', id: lon.stationId, name: 'Pack 1' });
  });

  it('rejects api, system and webhook actors', async () => {
    const doc = await newDoc();
    const events = (['api', 'system', 'webhook'] as const).map((kind) =>
      ev(doc, 'fulfillment-order-claimed', {}, { kind, id: 'integrator-1' }),
    );
    const outcomes = await push(events);
    expect(summary(outcomes)).toEqual(events.map(() => ['rejected', 'actor_not_allowed']));
    expect((await fulfillment(doc)).status).toBe('open');
  });

  it('answers a re-pushed batch with the same outcomes, as duplicates, and opens no second task', async () => {
    const mugBefore = await stock('SKU-MUG');
    const doc = await newDoc();
    const work = packAndShip(doc, as('deactivated'), as('packer'));
    const batch = [
      ...work,
      ev(doc, 'item-verified', { lineId: doc.lines[0]!.lineId, barcode: 'x', quantity: 1 }, { kind: 'api', id: 'x' }),
    ];
    const first = await push(batch);
    expect(summary(first)).toEqual([
      ['applied', null],
      ...work.slice(1).map(() => ['conflicted', 'actor_not_authorized']),
      ['rejected', 'actor_not_allowed'],
    ]);
    const again = await push(batch);
    expect(summary(again)).toEqual(summary(first));
    expect(again.map((o) => o.message ?? null)).toEqual(first.map((o) => o.message ?? null));
    // Applied and conflicted events are answered as duplicates; a rejection is answered again (the protocol never calls it a duplicate).
    expect(again.map((o) => o.duplicate)).toEqual([...work.map(() => true), false]);
    expect(await tasksOf(doc)).toHaveLength(1);
    expect(await stock('SKU-MUG')).toBe(mugBefore - 2);
    const [n] = await t.server.db.query<{ n: unknown }>('select count(*) as n from timeline_events where id = any($1::uuid[])', [
      batch.map((e) => e.id),
    ]);
    expect(Number(n!.n)).toBe(batch.length);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StationEvent } from '../../shared/events/station-events';
import type { FulfillmentDocument } from '../../shared/sync/fulfillment-document';
import { sampleOrder, setUpWarehouse, startTestServer, type TestServer } from '../testing/test-server';

/**
 * Whose event is whose: a station's last_seq counts only the events recorded for it, and an
 * event id is looked up only among the pushing station's own events (timeline ids are unique:
 * an id another station's event already has is refused, never passed off as a duplicate).
 */
let t: TestServer;
type Station = Awaited<ReturnType<typeof setUpWarehouse>>;
let a: Station;
let b: Station;

beforeAll(async () => {
  t = await startTestServer();
  a = await setUpWarehouse(t, 'LON-1');
  b = await setUpWarehouse(t, 'MAN-1');
});
afterAll(() => t.close());

const push = async (who: Station, events: unknown[]) => {
  const res = await t.api('POST', '/v1/sync/push', { token: who.stationToken, body: { events } });
  expect(res.status).toBe(200);
  return res.body as {
    outcomes: { id: string; seq: number; outcome: string; code?: string; duplicate: boolean }[];
    unreadable: unknown[];
    lastSeq: number;
  };
};
const hello = async (who: Station) => (await t.api('GET', '/v1/sync/hello', { token: who.stationToken })).body.lastSeq as number;
/** A new order's fulfillment order, at `who`'s warehouse (orders route to LON-1; one for MAN-1 is moved there). */
async function newDoc(who: Station): Promise<FulfillmentDocument> {
  const doc = (await t.api('POST', '/v1/orders', { body: sampleOrder() })).body.fulfillmentOrders[0] as FulfillmentDocument;
  if (doc.warehouseId === who.warehouseId) return doc;
  await t.server.db.query(
    `update fulfillment_orders set warehouse_id = $2::uuid, doc = jsonb_set(doc, '{warehouseId}', to_jsonb($2::text)) where id = $1`,
    [doc.id, who.warehouseId],
  );
  return { ...doc, warehouseId: who.warehouseId };
}

function claim(who: Station, doc: FulfillmentDocument, seq: number, overrides: Partial<StationEvent> = {}): StationEvent {
  return {
    id: crypto.randomUUID(),
    stationId: who.stationId,
    seq,
    type: 'fulfillment-order-claimed',
    fulfillmentOrderId: doc.id,
    orderId: doc.orderId,
    actor: { kind: 'station', id: who.stationId },
    occurredAt: new Date().toISOString(),
    payload: {},
    ...overrides,
  } as StationEvent;
}

describe('which events are whose', () => {
  it('raises last_seq only with events it records: not with duplicates, reused seqs, other stations’ events, taken ids or unreadable ones', async () => {
    const doc = await newDoc(a);
    const first = claim(a, doc, 1);
    expect((await push(a, [first])).lastSeq).toBe(1);

    const sameIdHigherSeq = { ...first, seq: 40 };
    const reusedSeq = claim(a, doc, 1);
    const forB = claim(b, doc, 50);
    const bDoc = await newDoc(b);
    const bEvent = claim(b, bDoc, 1);
    expect((await push(b, [bEvent])).outcomes[0]!.outcome).toBe('applied');
    const takenId = claim(a, doc, 60, { id: bEvent.id });
    const noId = { ...claim(a, doc, 70), id: 'not-an-id' };
    const res = await push(a, [sameIdHigherSeq, reusedSeq, forB, takenId, noId]);
    expect(res.outcomes.map((o) => [o.seq, o.outcome, o.code ?? null, o.duplicate])).toEqual([
      [1, 'rejected', 'seq_reused', false],
      [40, 'applied', null, true],
      [50, 'rejected', 'station_mismatch', false],
      [60, 'rejected', 'event_id_taken', false],
    ]);
    expect(res.unreadable).toHaveLength(1);
    expect(res.lastSeq).toBe(1);
    expect(await hello(a)).toBe(1);

    // A refused event is recorded, so its seq does count: the station must not hand it out again.
    const refused = claim(a, doc, 7, { occurredAt: '1999-01-01T00:00:00Z' });
    const after = await push(a, [refused]);
    expect(after.outcomes[0]).toMatchObject({ outcome: 'rejected', code: 'invalid_event_content' });
    expect(after.lastSeq).toBe(7);
    expect(await hello(a)).toBe(7);
  });

  it('refuses an event whose id another station’s event already has, and keeps both stations’ records as they were', async () => {
    const aDoc = await newDoc(a);
    const bDoc = await newDoc(b);
    const bSeq = (await hello(b)) + 1;
    const theirs = claim(b, bDoc, bSeq);
    expect((await push(b, [theirs])).outcomes[0]!.outcome).toBe('applied');

    const aSeq = (await hello(a)) + 1;
    const collision = claim(a, aDoc, aSeq, { id: theirs.id });
    const next = claim(a, aDoc, aSeq + 1);
    const res = await push(a, [collision, next]);
    expect(res.outcomes).toEqual([
      expect.objectContaining({ id: theirs.id, seq: aSeq, outcome: 'rejected', code: 'event_id_taken', duplicate: false }),
      // The claim under a new id goes through: A's work was not dropped as "already applied".
      expect.objectContaining({ id: next.id, seq: aSeq + 1, outcome: 'applied', duplicate: false }),
    ]);
    // Asked again, the same answer.
    expect((await push(a, [collision])).outcomes[0]).toMatchObject({ outcome: 'rejected', code: 'event_id_taken' });
    const rows = await t.server.db.query<{ station_id: string; station_seq: unknown; fulfillment_order_id: string }>(
      'select station_id, station_seq, fulfillment_order_id from timeline_events where id = $1',
      [theirs.id],
    );
    expect(rows.map((r) => [r.station_id, Number(r.station_seq), r.fulfillment_order_id])).toEqual([[b.stationId, bSeq, bDoc.id]]);
    const aClaimed = await t.api('GET', `/v1/orders/${aDoc.orderId}`);
    expect(aClaimed.body.fulfillmentOrders[0]).toMatchObject({ status: 'in_progress', claimedBy: a.stationId });
  });

  it('does not take a server-made timeline row carrying the station id for one of the station’s own events', async () => {
    // Online supervisor work through a station is on the timeline with that station's id but no seq.
    const doc = await newDoc(a);
    const serverMade = crypto.randomUUID();
    await t.server.db.query(
      `insert into timeline_events (id, type, order_id, actor, station_id, occurred_at) values ($1, 'note-added', $2, '{"kind":"user","id":"x"}', $3, now())`,
      [serverMade, doc.orderId, a.stationId],
    );
    const seq = (await hello(a)) + 1;
    const res = await push(a, [claim(a, doc, seq, { id: serverMade })]);
    expect(res.outcomes[0]).toMatchObject({ outcome: 'rejected', code: 'event_id_taken', duplicate: false });
  });
});

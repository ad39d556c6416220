import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StationEvent } from '../../shared/events/station-events';
import type { FulfillmentDocument } from '../../shared/sync/fulfillment-document';
import { sampleOrder, setUpWarehouse, startTestServer, type TestServer } from '../testing/test-server';

let t: TestServer;
let station: Awaited<ReturnType<typeof setUpWarehouse>>;
let other: Awaited<ReturnType<typeof setUpWarehouse>>;

beforeAll(async () => {
  t = await startTestServer();
  station = await setUpWarehouse(t, 'LON-1');
  other = await setUpWarehouse(t, 'MAN-1', {});
});
afterAll(() => t.close());

let seq = 0;
function event(
  doc: FulfillmentDocument,
  type: StationEvent['type'],
  payload: Record<string, unknown>,
  stationId = station.stationId,
): StationEvent {
  seq += 1;
  return {
    id: crypto.randomUUID(),
    stationId,
    seq,
    type,
    fulfillmentOrderId: doc.id,
    orderId: doc.orderId,
    actor: { kind: 'station', id: stationId },
    occurredAt: new Date().toISOString(),
    payload,
  } as StationEvent;
}

async function pullAll(token: string, rev = 0) {
  const res = await t.api('POST', '/v1/sync/pull', { token, body: { collection: 'fulfillment_orders', checkpoint: { rev }, limit: 100 } });
  expect(res.status).toBe(200);
  return res.body as { documents: (FulfillmentDocument & { _deleted: boolean })[]; checkpoint: { rev: number } };
}

describe('replication', () => {
  it('refuses a missing or bad credential with problem+json 401', async () => {
    const none = await t.api('POST', '/v1/sync/pull', { token: null, body: { collection: 'fulfillment_orders', checkpoint: null } });
    expect(none.status).toBe(401);
    expect(none.headers.get('content-type')).toContain('application/problem+json');
    expect(none.body.code).toBe('unauthorized');
    const bad = await t.api('POST', '/v1/sync/pull', {
      token: station.stationToken.slice(0, -3) + 'xyz',
      body: { collection: 'fulfillment_orders', checkpoint: null },
    });
    expect(bad.status).toBe(401);
  });

  it('pulls only the station warehouse, with a server-counter checkpoint', async () => {
    const created = await t.api('POST', '/v1/orders', { body: sampleOrder() });
    expect(created.status).toBe(201);
    expect(created.body.number).toMatch(/^ORD-\d{8}-\d{5}$/);
    expect(created.body.status).toBe('confirmed');
    expect(created.body.fulfillmentOrders).toHaveLength(1);
    const mine = await pullAll(station.stationToken);
    expect(mine.documents.map((d) => d.orderNumber)).toContain(created.body.number);
    expect(mine.checkpoint.rev).toBeGreaterThan(0);
    const again = await pullAll(station.stationToken, mine.checkpoint.rev);
    expect(again.documents).toHaveLength(0);
    const theirs = await pullAll(other.stationToken);
    expect(theirs.documents).toHaveLength(0);
  });

  it('applies pushed events once, whatever is retried, and reflects them in appliedSeq', async () => {
    const created = await t.api('POST', '/v1/orders', { body: sampleOrder() });
    const doc = created.body.fulfillmentOrders[0] as FulfillmentDocument;
    const mug = doc.lines.find((l) => l.sku === 'SKU-MUG')!;
    const tee = doc.lines.find((l) => l.sku === 'SKU-TEE')!;
    const packageId = crypto.randomUUID();
    const events = [
      event(doc, 'fulfillment-order-claimed', {}),
      event(doc, 'item-verified', { lineId: mug.lineId, barcode: '5012345678900', quantity: 2 }),
      event(doc, 'item-verified', { lineId: tee.lineId, barcode: '5012345678917', quantity: 1 }),
      event(doc, 'package-created', {
        packageId,
        contents: [
          { lineId: mug.lineId, quantity: 2 },
          { lineId: tee.lineId, quantity: 1 },
        ],
        weightGrams: 900,
      }),
      event(doc, 'label-printed', {
        packageId,
        printJobId: crypto.randomUUID(),
        format: 'zpl',
        sscc: '006141410000000018',
        trackingNumber: null,
        carrier: null,
      }),
      event(doc, 'package-shipped', { packageId }),
    ];
    const first = await t.api('POST', '/v1/sync/push', { token: station.stationToken, body: { events: events.slice(0, 3) } });
    expect(first.status).toBe(200);
    expect(first.body.outcomes.map((o: { outcome: string }) => o.outcome)).toEqual(['applied', 'applied', 'applied']);
    // The connection dropped before the ack arrived: the station pushes everything again.
    const retry = await t.api('POST', '/v1/sync/push', { token: station.stationToken, body: { events } });
    expect(retry.body.outcomes.map((o: { duplicate: boolean }) => o.duplicate)).toEqual([true, true, true, false, false, false]);
    expect(retry.body.outcomes.every((o: { outcome: string }) => o.outcome === 'applied')).toBe(true);
    expect(retry.body.lastSeq).toBe(events.at(-1)!.seq);

    const order = await t.api('GET', `/v1/orders/${doc.orderId}`);
    expect(order.body.status).toBe('shipped');
    const fo = order.body.fulfillmentOrders[0] as FulfillmentDocument;
    expect(fo.status).toBe('closed');
    expect(fo.appliedSeq[station.stationId]).toBe(events.at(-1)!.seq);
    expect(fo.lines.map((l) => l.shipped).sort()).toEqual([1, 2]);

    const timeline = await t.api('GET', `/v1/orders/${doc.orderId}/timeline`);
    const stationRows = timeline.body.data.filter((e: { stationId: string | null }) => e.stationId === station.stationId);
    expect(stationRows.map((e: { id: string }) => e.id)).toEqual(events.map((e) => e.id));
    expect(stationRows[0].actor).toEqual({ kind: 'station', id: station.stationId });
    expect(stationRows.every((e: { occurredAt: string; recordedAt: string }) => e.occurredAt && e.recordedAt)).toBe(true);
    expect(timeline.body.data.map((e: { type: string }) => e.type)).toContain('order-status-changed');
  });

  it("answers each applied event with the document version that holds it, also one pushed after another device's higher seq", async () => {
    const created = await t.api('POST', '/v1/orders', { body: sampleOrder() });
    const doc = created.body.fulfillmentOrders[0] as FulfillmentDocument;
    const mug = doc.lines.find((l) => l.sku === 'SKU-MUG')!;
    const scan = () => event(doc, 'item-verified', { lineId: mug.lineId, barcode: '5012345678900', quantity: 1 });
    // Two devices of one station: the first holds the lower seq, the second pushes its higher one first.
    const [claim, lower, higher] = [event(doc, 'fulfillment-order-claimed', {}), scan(), scan()];
    const push = async (events: StationEvent[]) => {
      const res = await t.api('POST', '/v1/sync/push', { token: station.stationToken, body: { events } });
      expect(res.status).toBe(200);
      return res.body.outcomes as { id: string; outcome: string; docVersion?: number }[];
    };
    const pulled = async () => (await pullAll(station.stationToken)).documents.find((d) => d.id === doc.id)!;
    const [first, second] = await push([claim, higher]);
    const before = await pulled();
    expect(before.version).toBe(second!.docVersion);
    expect(first!.docVersion).toBe(second!.docVersion);
    expect(before.appliedSeq[station.stationId]).toBe(higher.seq);
    expect(before.lines.find((l) => l.lineId === mug.lineId)!.verified).toBe(1);

    const [late] = await push([lower]);
    expect(late!.outcome).toBe('applied');
    // appliedSeq already passed its seq before it arrived: only the version says the copy above lacks it.
    expect(late!.docVersion).toBeGreaterThan(before.version);
    const after = await pulled();
    expect(after.version).toBe(late!.docVersion);
    expect(after.lines.find((l) => l.lineId === mug.lineId)!.verified).toBe(2);
    // A retry is answered with the version now held, which still holds it.
    const [again] = await push([lower]);
    expect(again).toMatchObject({ duplicate: true, docVersion: after.version });
  });

  it('rejects a reused seq with another event id instead of silently skipping it', async () => {
    const created = await t.api('POST', '/v1/orders', { body: sampleOrder() });
    const doc = created.body.fulfillmentOrders[0] as FulfillmentDocument;
    const claim = event(doc, 'fulfillment-order-claimed', {});
    await t.api('POST', '/v1/sync/push', { token: station.stationToken, body: { events: [claim] } });
    const impostor = { ...claim, id: crypto.randomUUID() };
    const res = await t.api('POST', '/v1/sync/push', { token: station.stationToken, body: { events: [impostor] } });
    expect(res.body.outcomes[0]).toMatchObject({ outcome: 'rejected', code: 'seq_reused' });
  });

  it('records an out-of-scope event as rejected and never applies it', async () => {
    const created = await t.api('POST', '/v1/orders', { body: sampleOrder() });
    const doc = created.body.fulfillmentOrders[0] as FulfillmentDocument;
    const foreign = event(doc, 'fulfillment-order-claimed', {}, other.stationId);
    const res = await t.api('POST', '/v1/sync/push', { token: other.stationToken, body: { events: [foreign] } });
    expect(res.body.outcomes[0]).toMatchObject({ outcome: 'rejected', code: 'out_of_scope' });
    const order = await t.api('GET', `/v1/orders/${doc.orderId}`);
    expect(order.body.fulfillmentOrders[0].status).toBe('open');
  });

  it('records a physical fact that no longer fits as conflicted and opens a task', async () => {
    const created = await t.api('POST', '/v1/orders', { body: sampleOrder() });
    const doc = created.body.fulfillmentOrders[0] as FulfillmentDocument;
    const mug = doc.lines.find((l) => l.sku === 'SKU-MUG')!;
    // Verifying without a claim does not fit the state machine: conflicted, not dropped.
    const verify = event(doc, 'item-verified', { lineId: mug.lineId, barcode: 'x', quantity: 1 });
    const res = await t.api('POST', '/v1/sync/push', { token: station.stationToken, body: { events: [verify] } });
    expect(res.body.outcomes[0]).toMatchObject({ outcome: 'conflicted', code: 'fulfillment_order_not_in_progress' });
    const [task] = await t.server.db.query<{ kind: string; event_id: string; title: string }>(
      'select kind, event_id, title from tasks where fulfillment_order_id = $1',
      [doc.id],
    );
    // Which order, which item, where and why, in words: no status codes.
    expect(res.body.outcomes[0].message).toBe(`${created.body.number} is not taken by any station: scan the order to take it first`);
    expect(task).toMatchObject({
      kind: 'sync-conflict',
      event_id: verify.id,
      title: `${created.body.number}: 1 × Enamel mug (SKU-MUG) was scanned at Pack 1 LON-1 while the order was not taken by any station. Restock the items`,
    });
    // The task list names the order and its customer, for a supervisor to find the work.
    const listed = (await t.api('GET', '/v1/orders/tasks?limit=200')).body.data.find((x: { eventId: string }) => x.eventId === verify.id);
    expect(listed).toMatchObject({ orderId: doc.orderId, orderNumber: created.body.number, customerName: 'Ada Lovelace' });
    const after = await pullAll(station.stationToken);
    const pulled = after.documents.find((d) => d.id === doc.id)!;
    expect(pulled.appliedSeq[station.stationId]).toBe(verify.seq);
    expect(pulled.lines.find((l) => l.lineId === mug.lineId)!.verified).toBe(0);
  });

  it('makes one mistake (one mug scanned twice offline on an order put on hold) one task that names the order, the item and why', async () => {
    const created = await t.api('POST', '/v1/orders', { body: sampleOrder() });
    const doc = created.body.fulfillmentOrders[0] as FulfillmentDocument;
    const mug = doc.lines.find((l) => l.sku === 'SKU-MUG')!;
    const claim = event(doc, 'fulfillment-order-claimed', {});
    await t.api('POST', `/v1/fulfillment-orders/${doc.id}/hold`, { body: { reasons: ['incorrect_address'] } });
    const scans = [1, 2].map(() => event(doc, 'item-verified', { lineId: mug.lineId, barcode: '5012345678900', quantity: 1 }));
    const res = await t.api('POST', '/v1/sync/push', { token: station.stationToken, body: { events: [claim, ...scans] } });
    expect(res.body.outcomes.map((o: { outcome: string; code: string }) => [o.outcome, o.code])).toEqual([
      ['conflicted', 'fulfillment_order_on_hold'],
      ['conflicted', 'fulfillment_order_not_in_progress'],
      ['conflicted', 'fulfillment_order_not_in_progress'],
    ]);
    expect(res.body.outcomes[1].message).toBe(`${created.body.number} is on hold (incorrect address): it cannot be worked on now`);
    const tasks = await t.server.db.query<{ title: string; detail: { eventIds: string[]; code: string } }>(
      'select title, detail from tasks where fulfillment_order_id = $1',
      [doc.id],
    );
    // One task, every event on it (each is also on the timeline as conflicted), the code kept as data.
    expect(tasks).toHaveLength(1);
    expect(tasks[0]!.title).toBe(
      `${created.body.number}: 2 × Enamel mug (SKU-MUG) were scanned at Pack 1 LON-1 while the order was on hold (incorrect address). Restock the items`,
    );
    expect(tasks[0]!.detail).toMatchObject({ code: 'fulfillment_order_not_in_progress', eventIds: scans.map((e) => e.id) });
  });

  it("counts a station's conflicts still open for a supervisor, for that station only, until a supervisor resolves them", async () => {
    const open = async (token: string) => (await t.api('GET', '/v1/sync/conflicts', { token })).body.open as number;
    const [before, otherBefore] = [await open(station.stationToken), await open(other.stationToken)];
    const created = await t.api('POST', '/v1/orders', { body: sampleOrder() });
    const doc = created.body.fulfillmentOrders[0] as FulfillmentDocument;
    const mug = doc.lines.find((l) => l.sku === 'SKU-MUG')!;
    const verify = event(doc, 'item-verified', { lineId: mug.lineId, barcode: 'x', quantity: 1 });
    await t.api('POST', '/v1/sync/push', { token: station.stationToken, body: { events: [verify] } });
    expect(await open(station.stationToken)).toBe(before + 1);
    expect(await open(other.stationToken)).toBe(otherBefore);

    // An event refused as out of scope gets a task too (sync-rejected): the bar counts it as set aside, not here.
    const stray = { ...event(doc, 'fulfillment-order-claimed', {}), fulfillmentOrderId: crypto.randomUUID() };
    const refused = await t.api('POST', '/v1/sync/push', { token: station.stationToken, body: { events: [stray] } });
    expect(refused.body.outcomes[0]).toMatchObject({ outcome: 'rejected', code: 'out_of_scope' });
    expect((await t.server.db.query('select 1 from tasks where event_id = $1', [stray.id])).length).toBe(1);
    expect(await open(station.stationToken)).toBe(before + 1);

    const [task] = await t.server.db.query<{ id: string }>('select id from tasks where event_id = $1', [verify.id]);
    expect((await t.api('PATCH', `/v1/orders/tasks/${task!.id}`, { body: { status: 'done', note: 'restocked' } })).status).toBe(200);
    expect(await open(station.stationToken)).toBe(before);
    // A person's key is not a station: the route is the station's own.
    expect((await t.api('GET', '/v1/sync/conflicts')).status).toBe(403);
  });

  it('streams RESYNC on connect and a change when the warehouse changes', async () => {
    const controller = new AbortController();
    const res = await fetch(`${t.url}/v1/sync/stream`, {
      headers: { authorization: `Bearer ${station.stationToken}` },
      signal: controller.signal,
    });
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    const nextMessage = async () => {
      while (!buffer.includes('\n\n')) {
        const { value, done } = await reader.read();
        if (done) throw new Error('stream ended');
        buffer += decoder.decode(value);
      }
      const [msg, rest] = [buffer.slice(0, buffer.indexOf('\n\n')), buffer.slice(buffer.indexOf('\n\n') + 2)];
      buffer = rest;
      return JSON.parse(msg.replace(/^data: /, ''));
    };
    expect(await nextMessage()).toBe('RESYNC');
    await t.api('POST', '/v1/orders', { body: sampleOrder() });
    const change = await nextMessage();
    expect(change).toMatchObject({ type: 'changed', collection: 'fulfillment_orders' });
    controller.abort();
  });

  it('ends the live streams when the server shuts down, so it stops at once and stations reconnect', async () => {
    const own = await startTestServer();
    const st = await setUpWarehouse(own, 'STR-1');
    const res = await fetch(`${own.url}/v1/sync/stream`, { headers: { authorization: `Bearer ${st.stationToken}` } });
    const reader = res.body!.getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toContain('RESYNC');

    // The station sees its stream end (and reconnects); the server does not wait for it to hang up.
    const shutDown = (async () => {
      const closed = own.close();
      let ended = false;
      while (!ended) ended = (await reader.read()).done;
      await closed;
    })();
    const stillOpen = new Promise((_, reject) =>
      setTimeout(() => reject(new Error('the server still waits for the open stream after 30 s')), 30_000).unref(),
    );
    await Promise.race([shutDown, stillOpen]);
  });
});

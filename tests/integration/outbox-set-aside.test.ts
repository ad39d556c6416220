import { addRxPlugin } from 'rxdb/plugins/core';
import { RxDBDevModePlugin } from 'rxdb/plugins/dev-mode';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { wrappedValidateAjvStorage } from 'rxdb/plugins/validate-ajv';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { FulfillmentDocument } from '../../src/shared/sync/fulfillment-document';
import type { StationEvent } from '../../src/shared/events/station-events';
import type { PushResponse } from '../../src/shared/sync/sync-protocol';
import type { OutboxState } from '../../src/renderer/db/schemas';
import { openStationDatabase, type StationDatabase } from '../../src/renderer/db/station-database';
import { createSyncOutbox, EventRefusedError } from '../../src/renderer/db/sync-outbox';
import { sampleOrder, setUpWarehouse, startTestServer, type TestServer } from '../../src/server/testing/test-server';

/**
 * DESIGN "Sync": sync never stalls. The renderer's outbox (run in Node on RxDB's memory storage,
 * with dev-mode and schema validation) against a real central server: an event the server
 * refuses is set aside on disk with the reason, and the station's other work goes up.
 */
addRxPlugin(RxDBDevModePlugin);

let t: TestServer;
let station: Awaited<ReturnType<typeof setUpWarehouse>>;

beforeAll(async () => {
  t = await startTestServer();
  station = await setUpWarehouse(t, 'OUT-1', { 'SKU-MUG': 5000, 'SKU-TEE': 100 });
});
afterAll(() => t.close());
// RxDB's open-source build allows only a few collections at once: each test closes its station.
const opened: StationDatabase[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((db) => db.close()));
});

type Transport = (events: StationEvent[]) => Promise<PushResponse>;

/** What the station's main process does with a push: the server's answer, or its problem code as the error's code. */
const toServer: Transport = async (events) => {
  const res = await t.api('POST', '/v1/sync/push', { token: station.stationToken, body: { events } });
  if (res.status !== 200)
    throw Object.assign(new Error(res.body?.detail ?? `HTTP ${res.status}`), { code: res.body?.code ?? `http_${res.status}` });
  return res.body as PushResponse;
};
const offline: Transport = async () => {
  throw new TypeError('fetch failed: connect ECONNREFUSED');
};

/** One scan of the order's first line, recorded as this station. */
function recordScan(outbox: { record: ReturnType<typeof createSyncOutbox>['record'] }, fo: FulfillmentDocument) {
  return outbox.record({
    type: 'item-verified',
    fulfillmentOrderId: fo.id,
    orderId: fo.orderId,
    actor: { kind: 'station', id: station.stationId },
    payload: { lineId: fo.lines[0]!.lineId, barcode: '5012345678900', quantity: 1 },
  });
}

/** A station with `count` events recorded offline: a claim, then one verified mug each, of an order of `quantity` mugs. */
async function stationWithPending(count: number, quantity = count) {
  const created = await t.api('POST', '/v1/orders', {
    body: sampleOrder({
      lines: [{ sku: 'SKU-MUG', barcode: '5012345678900', name: 'Enamel mug', quantity, unitPriceMinor: 100, taxRateBps: 0 }],
    }),
  });
  const fo = created.body.fulfillmentOrders[0] as FulfillmentDocument;
  const db = await openStationDatabase(
    `outbox-${crypto.randomUUID().slice(0, 8)}`,
    wrappedValidateAjvStorage({ storage: getRxStorageMemory() }),
    { withBins: false },
  );
  opened.push(db);
  const sent: string[][] = [];
  let transport: Transport = offline;
  // As main last said: the link is down until the test brings it up.
  let linkUp = false;
  // Seqs as main hands them out: above what the server holds (earlier tests pushed as this station too).
  let seq = (await t.api('GET', '/v1/sync/hello', { token: station.stationToken })).body.lastSeq as number;
  const seqs = { next: async (above: number) => (seq = Math.max(seq, above) + 1) };
  const outbox = createSyncOutbox(
    db,
    station.stationId,
    (events) => {
      sent.push(events.map((e) => e.id));
      return transport(events);
    },
    seqs,
    () => linkUp,
  );
  const actor = { kind: 'station' as const, id: station.stationId };
  const line = fo.lines[0]!;
  const events: StationEvent[] = [
    await outbox.record({ type: 'fulfillment-order-claimed', fulfillmentOrderId: fo.id, orderId: fo.orderId, actor, payload: {} }),
  ];
  for (let i = 1; i < count; i++)
    events.push(
      await outbox.record({
        type: 'item-verified',
        fulfillmentOrderId: fo.id,
        orderId: fo.orderId,
        actor,
        payload: { lineId: line.lineId, barcode: '5012345678900', quantity: 1 },
      }),
    );
  // The station's timer: one try, refused.
  await outbox.flush();
  const triedOffline = sent.length;
  sent.length = 0;
  const goOnline = (via: Transport = toServer) => {
    transport = via;
    linkUp = true;
  };
  return { db, outbox, fo, events, sent, triedOffline, goOnline };
}

/** An event on disk as an older station version could have written it, before these rules. */
async function spoil(db: StationDatabase, event: StationEvent, patch: Record<string, unknown>) {
  const doc = await db.outbox.findOne(event.id).exec();
  await doc!.incrementalPatch(patch);
}

const count = (db: StationDatabase, state: OutboxState) => db.outbox.count({ selector: { state } }).exec();
const verifiedOnServer = async (fo: FulfillmentDocument) =>
  (await t.server.db.query<{ doc: FulfillmentDocument }>('select doc from fulfillment_orders where id = $1', [fo.id]))[0]!.doc.lines[0]!
    .verified;

describe('the outbox sets refused events aside and keeps syncing', () => {
  it('sends nothing while the link is down, however many events are recorded, and all of them once it is back', async () => {
    const { db, outbox, fo, events, sent, triedOffline, goOnline } = await stationWithPending(60);
    // Only the timer's flush tried: recording each event did not read the backlog and send it again.
    expect(triedOffline).toBe(1);
    goOnline();
    await recordScan(outbox, fo);
    await outbox.idle();
    expect(await count(db, 'pending')).toBe(0);
    expect(sent.flat().slice(0, events.length)).toEqual(events.map((e) => e.id));
    expect(await verifiedOnServer(fo)).toBe(60);
  });

  it('sets aside a poison event in the middle of 500 pending, pushes every other one once, and keeps the poison on disk with the reason', async () => {
    const { db, outbox, fo, events, sent, goOnline } = await stationWithPending(500);
    const poison = events[250]!;
    await spoil(db, poison, { payload: { ...(poison.payload as object), barcode: 'scanner\u0000noise' } });
    expect(await count(db, 'pending')).toBe(500);

    goOnline();
    await outbox.flush();
    expect(await count(db, 'pending')).toBe(0);
    expect(await count(db, 'applied')).toBe(499);
    const setAside = (await db.outbox.find({ selector: { state: 'rejected' } }).exec()).map((d) => d.toJSON());
    expect(setAside).toEqual([
      expect.objectContaining({
        id: poison.id,
        seq: poison.seq,
        outcomeCode: 'invalid_event_content',
        outcomeMessage: expect.stringContaining('payload.barcode'),
        ackedAt: expect.any(String),
      }),
    ]);
    expect((setAside[0]!.payload as { barcode: string }).barcode).toBe('scanner\u0000noise');
    // Each event went up once: nothing was re-sent because of its neighbour.
    expect(sent.flat()).toHaveLength(500);
    expect(new Set(sent.flat()).size).toBe(500);
    expect(await verifiedOnServer(fo)).toBe(498);

    // The next flush has nothing to send: the refused event is not retried forever.
    await outbox.flush();
    expect(sent.flat()).toHaveLength(500);
  });

  it('drains more than two batches in seq order, each event once, with an event recorded mid-drain going up in the same drain', async () => {
    const { db, outbox, fo, events, sent, goOnline } = await stationWithPending(1100);
    const actor = { kind: 'station' as const, id: station.stationId };
    let late: StationEvent | null = null;
    let pendingWhenIdle: number | null = null;
    goOnline(async (batch) => {
      // The packer scans while the backlog goes up; a pull asked meanwhile waits until the drain is done.
      if (!late) {
        late = await outbox.record({
          type: 'item-verified',
          fulfillmentOrderId: fo.id,
          orderId: fo.orderId,
          actor,
          payload: { lineId: fo.lines[0]!.lineId, barcode: '5012345678900', quantity: 1 },
        });
        void outbox.idle().then(async () => (pendingWhenIdle = await count(db, 'pending')));
      }
      return toServer(batch);
    });
    await outbox.flush();
    expect(sent.map((b) => b.length)).toEqual([500, 500, 101]);
    expect(sent.flat()).toEqual([...events, late!].map((e) => e.id));
    expect(await count(db, 'pending')).toBe(0);
    expect(await count(db, 'applied')).toBe(1101);
    expect(await verifiedOnServer(fo)).toBe(1100);
    await expect.poll(() => pendingWhenIdle).toBe(0);
  });

  it('sets aside an event too large for the server to take (413), alone, and pushes the others', async () => {
    const { db, outbox, fo, events, sent, goOnline } = await stationWithPending(40);
    const huge = events[20]!;
    await spoil(db, huge, { payload: { ...(huge.payload as object), barcode: 'x'.repeat(6 * 1024 * 1024) } });
    goOnline();
    await outbox.flush();
    expect(await count(db, 'pending')).toBe(0);
    expect(await count(db, 'applied')).toBe(39);
    const refused = (await db.outbox.findOne(huge.id).exec())!.toJSON();
    expect(refused).toMatchObject({ state: 'rejected', outcomeCode: 'body_too_large' });
    expect(sent.filter((b) => b.includes(huge.id))).toEqual([[huge.id]]);
    expect(await verifiedOnServer(fo)).toBe(38);
  });

  it('halves a batch a relay refuses as too large until it passes, and sets nothing aside', async () => {
    const { db, outbox, fo, sent, goOnline } = await stationWithPending(120);
    // A proxy in front of the server with a smaller body limit than the station expects: the outside edge.
    const RELAY_LIMIT = 16 * 1024;
    goOnline(async (events) => {
      if (JSON.stringify({ events }).length > RELAY_LIMIT)
        throw Object.assign(new Error('request entity too large'), { code: 'body_too_large' });
      return toServer(events);
    });
    await outbox.flush();
    expect(await count(db, 'pending')).toBe(0);
    expect(await count(db, 'rejected')).toBe(0);
    expect(await count(db, 'applied')).toBe(120);
    expect(sent[0]).toHaveLength(120);
    expect(Math.min(...sent.map((b) => b.length))).toBeLessThan(120);
    expect(new Set(sent.flat()).size).toBe(120);
    expect(await verifiedOnServer(fo)).toBe(119);
  });

  it('refuses to record an event the server would refuse, with the code, and writes nothing', async () => {
    const { db, outbox, fo, events } = await stationWithPending(2);
    const actor = { kind: 'station' as const, id: station.stationId };
    const attempt = outbox.record({
      type: 'item-verified',
      fulfillmentOrderId: fo.id,
      orderId: fo.orderId,
      actor,
      payload: { lineId: fo.lines[0]!.lineId, barcode: 'half \ud83d', quantity: 1 },
    });
    await expect(attempt).rejects.toBeInstanceOf(EventRefusedError);
    await expect(attempt).rejects.toMatchObject({ code: 'invalid_event_content', message: expect.stringContaining('payload.barcode') });
    expect(await db.outbox.count().exec()).toBe(2);
    const next = await outbox.record({
      type: 'item-verified',
      fulfillmentOrderId: fo.id,
      orderId: fo.orderId,
      actor,
      payload: { lineId: fo.lines[0]!.lineId, barcode: '5012345678900', quantity: 1 },
    });
    expect(next.seq).toBeGreaterThan(events.at(-1)!.seq);
    expect(await db.outbox.count().exec()).toBe(3);
  });

  it('writes events in seq order when one write is slow, so none goes up behind a later one and is lost', async () => {
    const { db, outbox, fo, events, sent, goOnline } = await stationWithPending(1, 3);
    goOnline();
    // The disk is slow for the first of three scans recorded back to back (a fast scanner).
    let release!: () => void;
    const slowDisk = new Promise<void>((resolve) => (release = resolve));
    let first = true;
    db.outbox.preInsert(async () => {
      if (!first) return;
      first = false;
      await slowDisk;
    }, false);
    const verify = () => recordScan(outbox, fo);
    const recording = [verify(), verify(), verify()];
    let laterWritten = false;
    void recording[2]!.then(() => (laterWritten = true));
    // Written and pushed before the first, the later seqs would make the server skip the first as already seen.
    await Promise.race([recording[2], new Promise((resolve) => setTimeout(resolve, 300))]);
    expect(laterWritten).toBe(false);
    let settled = false;
    void outbox.settled().then(() => (settled = true));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(settled).toBe(false);

    release();
    const recorded = await Promise.all(recording);
    await outbox.settled();
    expect(await db.outbox.count({ selector: { type: 'item-verified' } }).exec()).toBe(3);
    await outbox.flush();
    await outbox.idle();
    // The claim recorded offline first, then the three: each once, in seq order.
    expect(sent.flat()).toEqual([...events, ...recorded].map((e) => e.id));
    expect(await count(db, 'pending')).toBe(0);
    expect(await verifiedOnServer(fo)).toBe(3);
  });

  it('writes the events recorded while a write runs together, in one write after it', async () => {
    const { db, outbox, fo } = await stationWithPending(1, 4);
    let release!: () => void;
    const slowDisk = new Promise<void>((resolve) => (release = resolve));
    let hooks = 0;
    let stored = 0;
    // What had been stored when each event's write began: written one by one, the third would begin after two more.
    const storedAtStart: number[] = [];
    db.outbox.preInsert(async () => {
      storedAtStart.push(stored);
      if (hooks++ === 0) await slowDisk;
    }, false);
    db.outbox.postInsert(() => void (stored += 1), false);
    const verify = () => recordScan(outbox, fo);
    const first = verify();
    await vi.waitFor(() => expect(hooks).toBe(1));
    const burst = [verify(), verify(), verify()];
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(hooks).toBe(1);
    release();
    await Promise.all([first, ...burst]);
    expect(storedAtStart).toEqual([0, 1, 1, 1]);
    expect(await db.outbox.count({ selector: { type: 'item-verified' } }).exec()).toBe(3 + 1);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StationEvent } from '../../shared/events/station-events';
import type { FulfillmentDocument } from '../../shared/sync/fulfillment-document';
import { sampleOrder, startTestServer, type TestServer } from '../testing/test-server';

/**
 * Assigned work over real HTTP on a real database: stations claim, take, renew; holds lapse by
 * the server's clock (moved forward here, never waited for); a supervisor takes work back or
 * moves it, and the station that kept working offline ends in the conflict path.
 */
const HOUR = 3_600_000;
/** Each test enrols stations of its own (scrypt per credential): 30 s was seen at load 25 for four. */
const SETUP_HEAVY_MS = 120_000;
let t: TestServer;
let clock = Date.parse('2026-05-04T08:00:00.000Z');
const seqs = new Map<string, number>();

interface Station {
  id: string;
  token: string;
  name: string;
}
interface Warehouse {
  id: string;
  sku: string;
  stations: Station[];
}

beforeAll(async () => {
  t = await startTestServer({ now: () => new Date(clock), leaseTtlMs: 8 * HOUR, leaseSweepMs: 50 });
});
afterAll(() => t.close());

/** A warehouse of its own (its own SKU routes orders only there) with `n` enrolled stations. */
async function warehouse(code: string, n: number): Promise<Warehouse> {
  const wh = await t.api('POST', '/v1/warehouses', { body: { code, name: `Warehouse ${code}`, priority: 10 } });
  const sku = `SKU-${code}`;
  await t.api('PUT', `/v1/inventory/${wh.body.id}/${sku}`, { body: { onHand: 1000 } });
  const stations: Station[] = [];
  for (let i = 1; i <= n; i++) {
    const name = `Pack ${i} ${code}`;
    const st = await t.api('POST', '/v1/stations', { body: { name, warehouseId: wh.body.id } });
    const enrolled = await t.api('POST', '/v1/stations/enroll', { body: { code: st.body.enrollmentCode }, token: null });
    stations.push({ id: enrolled.body.stationId, token: enrolled.body.credential, name });
  }
  return { id: wh.body.id, sku, stations };
}

async function newFo(wh: Warehouse): Promise<FulfillmentDocument> {
  const lines = [{ sku: wh.sku, barcode: '5012345678900', name: 'Enamel mug', quantity: 2, unitPriceMinor: 1250, taxRateBps: 2000 }];
  const created = await t.api('POST', '/v1/orders', { body: sampleOrder({ lines }) });
  expect(created.status).toBe(201);
  return created.body.fulfillmentOrders[0] as FulfillmentDocument;
}

const claim = (s: Station, fulfillmentOrderId: string, headers: Record<string, string> = {}) =>
  t.api('POST', '/v1/sync/leases/claim', { token: s.token, body: { fulfillmentOrderId }, headers });
const take = (s: Station, count: number) => t.api('POST', '/v1/sync/leases/take', { token: s.token, body: { count } });
const read = async (id: string) => (await t.api('GET', `/v1/fulfillment-orders/${id}`)).body as FulfillmentDocument;
const timeline = async (orderId: string) =>
  (await t.api('GET', `/v1/orders/${orderId}/timeline`)).body.data as {
    type: string;
    actor: { kind: string; id: string };
    stationId: string | null;
    outcome: string;
    payload: Record<string, unknown>;
  }[];

function ev(s: Station, doc: FulfillmentDocument, type: StationEvent['type'], payload: Record<string, unknown>): StationEvent {
  const seq = (seqs.get(s.id) ?? 0) + 1;
  seqs.set(s.id, seq);
  return {
    id: crypto.randomUUID(),
    stationId: s.id,
    seq,
    type,
    fulfillmentOrderId: doc.id,
    orderId: doc.orderId,
    actor: { kind: 'station', id: s.id },
    occurredAt: new Date(clock).toISOString(),
    payload,
  } as StationEvent;
}
const push = async (s: Station, events: StationEvent[]) =>
  (await t.api('POST', '/v1/sync/push', { token: s.token, body: { events } })).body.outcomes as { outcome: string; code?: string }[];
const scan = (s: Station, doc: FulfillmentDocument) =>
  ev(s, doc, 'item-verified', { lineId: doc.lines[0]!.lineId, barcode: '5012345678900', quantity: 1 });

describe('claiming an order to pack it', { timeout: SETUP_HEAVY_MS }, () => {
  it('gives an order asked for by four stations at once to exactly one, and tells the others who has it', async () => {
    const wh = await warehouse('CLM-1', 4);
    const fo = await newFo(wh);
    const answers = await Promise.all(wh.stations.map((s) => claim(s, fo.id)));
    const won = answers.filter((a) => a.status === 200);
    expect(won).toHaveLength(1);
    const winner = wh.stations.find((s) => s.id === won[0]!.body.stationId)!;
    expect(won[0]!.body).toEqual({
      fulfillmentOrderId: fo.id,
      orderNumber: fo.orderNumber,
      stationId: winner.id,
      stationName: winner.name,
      expiresAt: '2026-05-04T16:00:00.000Z',
    });
    for (const lost of answers.filter((a) => a.status !== 200)) {
      expect(lost.status).toBe(409);
      expect(lost.headers.get('content-type')).toContain('application/problem+json');
      expect(lost.body).toMatchObject({
        code: 'fulfillment_order_in_progress_elsewhere',
        detail: `${fo.orderNumber} is being packed at ${winner.name}`,
        holder: { stationId: winner.id, stationName: winner.name, expiresAt: '2026-05-04T16:00:00.000Z' },
      });
    }
    const doc = await read(fo.id);
    expect(doc).toMatchObject({
      status: 'in_progress',
      claimedBy: winner.id,
      lease: { stationName: winner.name, expiresAt: '2026-05-04T16:00:00.000Z' },
    });
    const assigned = (await timeline(fo.orderId)).filter((e) => e.type === 'fulfillment-order-assigned');
    expect(assigned).toHaveLength(1);
    expect(assigned[0]).toMatchObject({ actor: { kind: 'station', id: winner.id }, payload: { stationId: winner.id, takeover: false } });
  });

  it("renews the holder's own claim without a new timeline entry, and its pushed claim applies once as a no-op", async () => {
    const wh = await warehouse('CLM-2', 2);
    const [a, b] = wh.stations as [Station, Station];
    const fo = await newFo(wh);
    expect((await claim(a, fo.id)).status).toBe(200);
    clock += HOUR;
    const again = await claim(a, fo.id);
    expect(again.status).toBe(200);
    expect(again.body.expiresAt).toBe(new Date(clock + 8 * HOUR).toISOString());
    const claimed = ev(a, fo, 'fulfillment-order-claimed', {});
    expect(await push(a, [claimed, scan(a, fo)])).toMatchObject([{ outcome: 'applied' }, { outcome: 'applied' }]);
    expect(await push(a, [claimed])).toMatchObject([{ outcome: 'applied', duplicate: true }]);
    const types = (await timeline(fo.orderId))
      .filter((e) => e.type.startsWith('fulfillment-order-') || e.type === 'item-verified')
      .map((e) => e.type);
    expect(types).toEqual(['fulfillment-order-created', 'fulfillment-order-assigned', 'fulfillment-order-claimed', 'item-verified']);
    expect(await read(fo.id)).toMatchObject({ status: 'in_progress', claimedBy: a.id, appliedSeq: { [a.id]: seqs.get(a.id) } });
    // The other station's claim pushed later (it packed offline) is a conflict; its scan gets a supervisor task.
    const outcomes = await push(b, [ev(b, fo, 'fulfillment-order-claimed', {}), scan(b, fo)]);
    expect(outcomes).toMatchObject([
      { outcome: 'conflicted', code: 'fulfillment_order_in_progress_elsewhere' },
      { outcome: 'conflicted', code: 'fulfillment_order_in_progress_elsewhere' },
    ]);
    const tasks = (await t.api('GET', `/v1/orders/${fo.orderId}/tasks`)).body.data as { title: string }[];
    expect(tasks).toHaveLength(1);
  });

  it('refuses orders on hold, finished, of another warehouse, unknown, and callers that are not a packing station', async () => {
    const wh = await warehouse('CLM-3', 1);
    const other = await warehouse('CLM-4', 1);
    const [s] = wh.stations as [Station];
    const held = await newFo(wh);
    await t.api('POST', `/v1/fulfillment-orders/${held.id}/hold`, { body: { reasons: ['incorrect_address'] } });
    // Said in words at the station, not as a code.
    expect((await claim(s, held.id)).body).toMatchObject({
      status: 409,
      code: 'fulfillment_order_on_hold',
      detail: expect.stringMatching(/is on hold \(incorrect address\): put it aside$/),
    });
    const cancelled = await newFo(wh);
    await t.api('POST', `/v1/fulfillment-orders/${cancelled.id}/cancel`, { body: { reason: 'customer called' } });
    expect((await claim(s, cancelled.id)).body).toMatchObject({ status: 409, code: 'fulfillment_order_cancelled' });
    const fo = await newFo(wh);
    expect((await claim(other.stations[0]!, fo.id)).status).toBe(403);
    expect((await claim(s, crypto.randomUUID())).status).toBe(404);
    expect((await t.api('POST', '/v1/sync/leases/claim', { token: s.token, body: { fulfillmentOrderId: 'ORD-1' } })).body.code).toBe(
      'validation_failed',
    );
    expect((await t.api('POST', '/v1/sync/leases/claim', { body: { fulfillmentOrderId: fo.id } })).status).toBe(403);
    expect((await t.api('POST', '/v1/sync/leases/claim', { token: null, body: { fulfillmentOrderId: fo.id } })).status).toBe(401);
    // A person signed in at the station: a returns clerk does not pack; a packer is recorded as the one who took it.
    const clerk = await t.api('POST', '/v1/users', { body: { name: 'Rita Returns', role: 'returns', warehouseId: wh.id, pin: '7391' } });
    const packer = await t.api('POST', '/v1/users', { body: { name: 'Priya Packer', role: 'packer', warehouseId: wh.id, pin: '4825' } });
    expect((await claim(s, fo.id, { 'dockside-acting-user': clerk.body.id })).body).toMatchObject({
      status: 403,
      code: 'actor_not_authorized',
    });
    expect((await claim(s, fo.id, { 'dockside-acting-user': packer.body.id })).status).toBe(200);
    const assigned = (await timeline(fo.orderId)).find((e) => e.type === 'fulfillment-order-assigned')!;
    expect(assigned).toMatchObject({ actor: { kind: 'user', id: packer.body.id }, stationId: s.id });
  });
});

describe('taking orders ahead', { timeout: SETUP_HEAVY_MS }, () => {
  it('takes the oldest orders of the pool, never the same one for two stations, and says how many the station holds', async () => {
    const wh = await warehouse('TAK-1', 2);
    const [a, b] = wh.stations as [Station, Station];
    const fos: FulfillmentDocument[] = [];
    for (let i = 0; i < 5; i++) fos.push(await newFo(wh));
    const first = await take(a, 2);
    expect(first.status).toBe(200);
    expect(first.body.taken.map((l: { orderNumber: string }) => l.orderNumber)).toEqual(fos.slice(0, 2).map((f) => f.orderNumber));
    expect(first.body.held).toBe(2);
    const [ta, tb] = await Promise.all([take(a, 2), take(b, 2)]);
    const ids = [...ta.body.taken, ...tb.body.taken].map((l: { fulfillmentOrderId: string }) => l.fulfillmentOrderId);
    expect(new Set(ids).size).toBe(3);
    expect(ids.sort()).toEqual(
      fos
        .slice(2)
        .map((f) => f.id)
        .sort(),
    );
    expect(ta.body.held + tb.body.held).toBe(5);
    expect((await take(b, 1)).body).toEqual({ taken: [], held: tb.body.held });
    for (const l of [...ta.body.taken, ...tb.body.taken]) expect((await read(l.fulfillmentOrderId)).claimedBy).toBe(l.stationId);
    expect((await take(a, 0)).body.code).toBe('validation_failed');
    expect((await take(a, 51)).body.code).toBe('validation_failed');
  });
});

describe('lease terms', { timeout: SETUP_HEAVY_MS }, () => {
  it('are renewed by the holder for everything it holds, and the stations pull the new terms', async () => {
    const wh = await warehouse('RNW-1', 2);
    const [a, b] = wh.stations as [Station, Station];
    for (let i = 0; i < 2; i++) await newFo(wh);
    const taken = (await take(a, 2)).body.taken as { fulfillmentOrderId: string; expiresAt: string }[];
    clock += 5 * HOUR;
    const renewed = await t.api('POST', '/v1/sync/leases/renew', { token: a.token });
    expect(renewed.body).toEqual({ renewed: 2, expiresAt: new Date(clock + 8 * HOUR).toISOString() });
    expect((await t.api('POST', '/v1/sync/leases/renew', { token: b.token })).body.renewed).toBe(0);
    const pulled = await t.api('POST', '/v1/sync/pull', {
      token: b.token,
      body: { collection: 'fulfillment_orders', checkpoint: null, limit: 1000 },
    });
    for (const { fulfillmentOrderId } of taken) {
      const doc = (pulled.body.documents as FulfillmentDocument[]).filter((d) => d.id === fulfillmentOrderId).at(-1)!;
      expect(doc.lease).toEqual({ stationName: a.name, expiresAt: renewed.body.expiresAt });
    }
  });

  it('are renewed only once less than half the term is left: a renewal rewrites nothing the stations would pull for nothing', async () => {
    const wh = await warehouse('RNW-2', 1);
    const [a] = wh.stations as [Station];
    const early = await newFo(wh);
    await take(a, 1);
    clock += 3 * HOUR;
    const late = await newFo(wh);
    await take(a, 1);
    const before = { early: await read(early.id), late: await read(late.id) };
    // 5 h into the early hold (3 h left of 8), 2 h into the late one (6 h left).
    clock += 2 * HOUR;
    const renewed = await t.api('POST', '/v1/sync/leases/renew', { token: a.token });
    expect(renewed.body).toEqual({ renewed: 1, expiresAt: new Date(clock + 8 * HOUR).toISOString() });
    expect((await read(early.id)).lease!.expiresAt).toBe(renewed.body.expiresAt);
    expect((await read(early.id)).version).toBe(before.early.version + 1);
    // Untouched: same version, same terms, so no station pulls it again.
    expect(await read(late.id)).toEqual(before.late);
    // Coming back online a minute later renews nothing, and names no new expiry: the holds keep their own.
    clock += 60_000;
    expect((await t.api('POST', '/v1/sync/leases/renew', { token: a.token })).body).toEqual({ renewed: 0, expiresAt: null });
    // Until the late one passes half its term.
    clock += 2 * HOUR;
    expect((await t.api('POST', '/v1/sync/leases/renew', { token: a.token })).body.renewed).toBe(1);
    expect((await read(late.id)).lease!.expiresAt).toBe(new Date(clock + 8 * HOUR).toISOString());
  });

  it('lapse when not renewed: an untouched order goes back to the pool, one with work on it stays with its holder', async () => {
    const wh = await warehouse('EXP-1', 2);
    const [a, b] = wh.stations as [Station, Station];
    const untouched = await newFo(wh);
    const worked = await newFo(wh);
    await take(a, 2);
    expect(await push(a, [ev(a, worked, 'fulfillment-order-claimed', {}), scan(a, worked)])).toMatchObject([
      { outcome: 'applied' },
      { outcome: 'applied' },
    ]);
    clock += 8 * HOUR + 1;
    // The sweep gives the untouched order back to the pool, recorded as done by the system.
    await expect.poll(async () => (await read(untouched.id)).claimedBy, { timeout: 20_000 }).toBeNull();
    expect(await read(untouched.id)).toMatchObject({ status: 'open', lease: null });
    const unclaimed = (await timeline(untouched.orderId)).find((e) => e.type === 'fulfillment-order-unclaimed')!;
    expect(unclaimed).toMatchObject({ actor: { kind: 'system', id: 'lease-expiry' } });
    expect(unclaimed.payload.reason).toContain(`the hold of ${a.name} ran out`);
    expect((await claim(b, untouched.id)).status).toBe(200);
    // The worked one did not lapse: its items are at station A.
    expect(await read(worked.id)).toMatchObject({ status: 'in_progress', claimedBy: a.id });
    expect((await claim(b, worked.id)).body).toMatchObject({ status: 409, holder: { stationId: a.id } });
  });

  it('that lapsed are ended by a claim at once, without waiting for the sweep', async () => {
    // A server whose sweep never runs during the test.
    const slow = await startTestServer({ now: () => new Date(clock), leaseTtlMs: HOUR, leaseSweepMs: 24 * HOUR });
    const previous = t;
    t = slow;
    try {
      const wh = await warehouse('EXP-2', 2);
      const [a, b] = wh.stations as [Station, Station];
      const fo = await newFo(wh);
      expect((await claim(a, fo.id)).status).toBe(200);
      expect((await claim(b, fo.id)).status).toBe(409);
      clock += HOUR;
      const taken = await claim(b, fo.id);
      expect(taken.status).toBe(200);
      expect(taken.body.stationId).toBe(b.id);
      const types = (await timeline(fo.orderId)).map((e) => e.type).filter((x) => x.startsWith('fulfillment-order-'));
      expect(types).toEqual([
        'fulfillment-order-created',
        'fulfillment-order-assigned',
        'fulfillment-order-unclaimed',
        'fulfillment-order-assigned',
      ]);
    } finally {
      t = previous;
      await slow.close();
    }
  });
});

describe('a supervisor', { timeout: SETUP_HEAVY_MS }, () => {
  it('takes an order back to the pool, and moves one from a station that kept working on it offline: its work is a conflict with tasks', async () => {
    const wh = await warehouse('SUP-1', 2);
    const [a, b] = wh.stations as [Station, Station];
    const supervisor = (await t.api('POST', '/v1/api-keys', { body: { name: 'sup', role: 'supervisor', warehouseId: wh.id } })).body
      .key as string;
    const back = await newFo(wh);
    const moved = await newFo(wh);
    await take(a, 2);
    const taken = await t.api('POST', `/v1/fulfillment-orders/${back.id}/unclaim`, {
      token: supervisor,
      body: { reason: 'Pack 1 is closing' },
    });
    expect(taken.body).toMatchObject({ status: 'open', claimedBy: null, lease: null });
    expect((await take(b, 5)).body.taken.map((l: { fulfillmentOrderId: string }) => l.fulfillmentOrderId)).toEqual([back.id]);

    // Station A, offline, packs and ships `moved`; meanwhile a supervisor gives it to station B.
    const packageId = crypto.randomUUID();
    const offline = [
      ev(a, moved, 'fulfillment-order-claimed', {}),
      scan(a, moved),
      scan(a, moved),
      ev(a, moved, 'package-created', { packageId, contents: [{ lineId: moved.lines[0]!.lineId, quantity: 2 }], weightGrams: 400 }),
      ev(a, moved, 'label-printed', {
        packageId,
        printJobId: crypto.randomUUID(),
        format: 'zpl',
        sscc: null,
        trackingNumber: null,
        carrier: null,
      }),
      ev(a, moved, 'package-shipped', { packageId }),
    ];
    const move = await t.api('POST', `/v1/fulfillment-orders/${moved.id}/move`, {
      token: supervisor,
      body: { stationId: b.id, reason: 'Pack 1 went quiet' },
    });
    expect(move.body).toMatchObject({ status: 'in_progress', claimedBy: b.id, lease: { stationName: b.name } });
    expect((await timeline(moved.orderId)).filter((e) => e.type === 'fulfillment-order-assigned').at(-1)).toMatchObject({
      payload: { stationId: b.id, takeover: true },
      actor: { kind: 'api' },
    });

    const outcomes = await push(a, offline);
    expect(outcomes.map((o) => o.outcome)).toEqual(offline.map(() => 'conflicted'));
    // The box was never recorded on the server, so its label and shipment name a package it does not know.
    expect(outcomes.map((o) => o.code)).toEqual([
      ...offline.slice(0, 4).map(() => 'fulfillment_order_in_progress_elsewhere'),
      'package_not_found',
      'package_not_found',
    ]);
    const tasks = (await t.api('GET', `/v1/orders/${moved.orderId}/tasks`)).body.data as { title: string }[];
    // One task for the box, named by its most pressing follow-up, listing every event of it.
    expect(tasks).toHaveLength(1);
    // Why from the first event (the order was held elsewhere), what to do from the shipped parcel.
    expect(tasks[0]!.title).toMatch(
      new RegExp(`^${moved.orderNumber}: .*a package was shipped at .+ while the order was being packed at .+\\. Intercept the parcel`),
    );
    expect((tasks[0] as unknown as { detail: { eventIds: string[] } }).detail.eventIds).toEqual(
      offline.filter((e) => e.type !== 'fulfillment-order-claimed').map((e) => e.id),
    );
    expect(await read(moved.id)).toMatchObject({ claimedBy: b.id, packages: [] });
  });
});

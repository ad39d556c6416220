import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { CheckedStationEvent, StationEvent } from '../../shared/events/station-events';
import type { FulfillmentDocument } from '../../shared/sync/fulfillment-document';
import { sampleOrder, setUpWarehouse, startTestServer, type TestServer } from '../testing/test-server';

/**
 * DESIGN "Sync": an event whose content is invalid (bad text, impossible date) is rejected alone
 * with a code; the rest of its batch is applied. Every string field of every station event kind,
 * found by walking the zod schemas, is tried with U+0000, a lone surrogate and a 100 KB string.
 */
let t: TestServer;
let lon: Awaited<ReturnType<typeof setUpWarehouse>>;
let seq = 0;
let doc: FulfillmentDocument;

beforeAll(async () => {
  t = await startTestServer();
  lon = await setUpWarehouse(t, 'LON-1', { 'SKU-MUG': 5000, 'SKU-TEE': 50 });
  // One order with plenty of mugs to verify: each good event of a batch verifies one.
  const created = await t.api('POST', '/v1/orders', {
    body: sampleOrder({
      lines: [{ sku: 'SKU-MUG', barcode: '5012345678900', name: 'Enamel mug', quantity: 4000, unitPriceMinor: 100, taxRateBps: 0 }],
    }),
  });
  doc = created.body.fulfillmentOrders[0] as FulfillmentDocument;
  const claimed = await push([good('fulfillment-order-claimed')]);
  expect(claimed.body.outcomes[0].outcome).toBe('applied');
});
afterAll(() => t.close());

type Outcome = { id: string; seq: number; outcome: string; code?: string; message?: string; duplicate: boolean };
const push = (events: unknown[]) => t.api('POST', '/v1/sync/push', { token: lon.stationToken, body: { events } });
const uuid = () => crypto.randomUUID();

function good(type: 'item-verified' | 'fulfillment-order-claimed' = 'item-verified'): StationEvent {
  return {
    id: uuid(),
    stationId: lon.stationId,
    seq: ++seq,
    type,
    fulfillmentOrderId: doc.id,
    orderId: doc.orderId,
    actor: { kind: 'station', id: lon.stationId },
    occurredAt: new Date().toISOString(),
    payload: type === 'item-verified' ? { lineId: doc.lines[0]!.lineId, barcode: '5012345678900', quantity: 1 } : {},
  } as StationEvent;
}

/** A valid event of each kind, with every optional field present, so every string field can be spoiled. */
function sampleOf(type: StationEvent['type']): Record<string, any> {
  const envelope = {
    id: uuid(),
    stationId: lon.stationId,
    seq: ++seq,
    type,
    orderId: doc.orderId,
    actor: { kind: 'user', id: uuid(), name: 'Pat Packer', stationId: lon.stationId },
    occurredAt: new Date().toISOString(),
  };
  const fo = { ...envelope, fulfillmentOrderId: doc.id };
  const rma = { ...envelope, returnId: uuid() };
  switch (type) {
    case 'fulfillment-order-claimed':
      return { ...fo, payload: {} };
    case 'item-picked':
      return { ...fo, payload: { lineId: uuid(), binId: uuid(), binCode: 'A-01-1', tote: 'T-01', quantity: 1 } };
    case 'pick-shorted':
      return { ...fo, payload: { lineId: uuid(), binId: uuid(), binCode: 'A-01-1', shortQuantity: 1, remainingInBin: 0 } };
    case 'item-verified':
      return { ...fo, payload: { lineId: uuid(), barcode: '5012345678900', quantity: 1, lot: 'L-1', expiry: '2027-05-31' } };
    case 'package-created': {
      // With a lot-tracked unit, so the lot and serial fields are spoiled too.
      const units = [{ serial: null, lot: 'L-1', expiry: '2027-05-31', quantity: 1 }];
      return { ...fo, payload: { packageId: uuid(), contents: [{ lineId: uuid(), quantity: 1, units }], weightGrams: 100 } };
    }
    case 'label-printed':
      return {
        ...fo,
        payload: { packageId: uuid(), printJobId: uuid(), format: 'zpl', sscc: '012345678901234567', trackingNumber: 'T1', carrier: 'DPD' },
      };
    case 'package-shipped':
      return { ...fo, payload: { packageId: uuid() } };
    case 'package-voided':
      return { ...fo, payload: { packageId: uuid(), reason: 'label printer down' } };
    case 'return-units-received':
      return { ...rma, payload: { lines: [{ returnLineId: uuid(), quantity: 1, barcode: '5012345678900' }], final: false } };
    case 'return-unit-inspected':
      return {
        ...rma,
        payload: { returnLineId: uuid(), condition: 'new', disposition: 'restock', note: 'a clerk’s note', serial: 'SN-1' },
      };
    case 'return-unit-regraded':
      return {
        ...rma,
        payload: {
          returnLineId: uuid(),
          unit: 1,
          previous: { condition: 'new', disposition: 'restock' },
          grade: { condition: 'damaged', disposition: 'quarantine' },
          note: 'crack found on a second look',
        },
      };
    case 'return-inspection-completed':
      return { ...rma, payload: { note: 'all graded' } };
  }
}

/** Paths of every string-valued field a schema allows (strings, enums, string literals), array items at index 0. */
function stringPaths(schema: z.ZodType, path: (string | number)[] = []): (string | number)[][] {
  const def = (schema as any)._zod.def;
  switch (def.type) {
    case 'string':
    case 'enum':
      return [path];
    case 'literal':
      return def.values.every((v: unknown) => typeof v === 'string') ? [path] : [];
    case 'object':
      return Object.entries(def.shape as Record<string, z.ZodType>).flatMap(([k, s]) => stringPaths(s, [...path, k]));
    case 'optional':
    case 'nullable':
    case 'default':
    case 'readonly':
      return stringPaths(def.innerType, path);
    case 'array':
      return stringPaths(def.element, [...path, 0]);
    case 'pipe':
      return stringPaths(def.in, path);
    default:
      return [];
  }
}

function spoiled(type: StationEvent['type'], path: (string | number)[], value: string) {
  const event = sampleOf(type);
  let at: any = event;
  for (const key of path.slice(0, -1)) at = at[key];
  at[path.at(-1)!] = value;
  return event;
}

const KINDS = StationEvent.options.map((o) => ({ type: o.shape.type.value, paths: stringPaths(o) }));
const BAD_TEXT = {
  'U+0000': 'before\u0000after',
  'a lone surrogate': 'before\ud800after',
  'a 100 KB string': 'x'.repeat(100 * 1024),
};

describe('pushed events with invalid content', () => {
  it('finds the string fields of every kind in the schemas, and every sample is valid as it stands', () => {
    expect(KINDS).toHaveLength(12);
    for (const { type, paths } of KINDS) {
      expect(paths.map((p) => p.join('.'))).toEqual(
        expect.arrayContaining(['id', 'stationId', 'orderId', 'type', 'occurredAt', 'actor.id', 'actor.name', 'actor.kind']),
      );
      expect(CheckedStationEvent.safeParse(sampleOf(type)).success).toBe(true);
    }
    expect(KINDS.find((k) => k.type === 'return-unit-inspected')!.paths.map((p) => p.join('.'))).toContain('payload.note');
    expect(KINDS.find((k) => k.type === 'package-voided')!.paths.map((p) => p.join('.'))).toContain('payload.reason');
    expect(KINDS.find((k) => k.type === 'label-printed')!.paths.map((p) => p.join('.'))).toEqual(
      expect.arrayContaining(['payload.trackingNumber', 'payload.carrier']),
    );
    expect(KINDS.find((k) => k.type === 'item-picked')!.paths.map((p) => p.join('.'))).toEqual(
      expect.arrayContaining(['payload.binCode', 'payload.tote']),
    );
    expect(KINDS.find((k) => k.type === 'return-units-received')!.paths.map((p) => p.join('.'))).toContain('payload.lines.0.barcode');
  });

  for (const [what, value] of Object.entries(BAD_TEXT)) {
    it(`refuses ${what} in any string field of any kind alone, applies the good events around it, and answers a retry the same`, async () => {
      const bad = KINDS.flatMap(({ type, paths }) =>
        paths.map((path) => ({ field: `${type} ${path.join('.')}`, path, event: spoiled(type, path, value) })),
      );
      // Batches stay under the server's 5 MiB body limit (30 x 100 KB).
      for (let from = 0; from < bad.length; from += 30) await pushMixed(bad.slice(from, from + 30));
    });
  }

  it('refuses a time no station clock could show, and says why', async () => {
    const times = ['0000-01-01T00:00:00Z', '1999-12-31T23:59:59Z', new Date(Date.now() + 3 * 86_400_000).toISOString()];
    const bad = times.map((occurredAt) => ({ ...good(), occurredAt }));
    const fine = good();
    const res = await push([...bad, fine]);
    expect(res.status).toBe(200);
    expect(res.body.outcomes.map((o: Outcome) => [o.outcome, o.code])).toEqual([
      ...bad.map(() => ['rejected', 'invalid_event_content']),
      ['applied', undefined],
    ]);
    expect(res.body.outcomes[0].message).toMatch(/^occurredAt: 0000-01-01T00:00:00Z is before 2000/);
    expect(res.body.outcomes[2].message).toMatch(/more than a day ahead/);
  });

  it('names the place of a schema problem, and reports an event without a readable id or seq by its index', async () => {
    const wrongShape = { ...good(), payload: { lineId: doc.lines[0]!.lineId, barcode: '5012345678900', quantity: 0 } };
    const noSeq = { ...good(), seq: 'seven' };
    const notAnObject = 42;
    const fine = good();
    const res = await push([wrongShape, noSeq, notAnObject, fine]);
    expect(res.status).toBe(200);
    expect(res.body.outcomes).toEqual([
      expect.objectContaining({
        id: wrongShape.id,
        outcome: 'rejected',
        code: 'invalid_event',
        message: expect.stringMatching(/^payload\.quantity: /),
      }),
      expect.objectContaining({ id: fine.id, outcome: 'applied' }),
    ]);
    expect(res.body.unreadable).toEqual([
      { index: 1, code: 'invalid_event', message: expect.stringContaining('seq') },
      { index: 2, code: 'invalid_event', message: expect.any(String) },
    ]);
  });

  it('keeps a refused event on the record with a printable copy, and gives a supervisor a task saying which station sent what and why', async () => {
    const poisoned = { ...good(), payload: { lineId: doc.lines[0]!.lineId, barcode: 'AB\u0000CD', quantity: 1 } };
    const res = await push([poisoned]);
    expect(res.body.outcomes[0]).toMatchObject({
      outcome: 'rejected',
      code: 'invalid_event_content',
      message: 'payload.barcode: the text holds U+0000 (NUL) at character 2',
    });
    const [row] = await t.server.db.query<{ outcome: string; station_seq: unknown; payload: any; order_id: string | null }>(
      'select outcome, station_seq, payload, order_id from timeline_events where id = $1',
      [poisoned.id],
    );
    expect(row).toMatchObject({ outcome: 'rejected', order_id: null });
    expect(Number(row!.station_seq)).toBe(poisoned.seq);
    expect(row!.payload.event.payload.barcode).toBe('AB\uFFFDCD');
    const tasks = await tasksFor(poisoned.id);
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({
      kind: 'sync-rejected',
      warehouse_id: lon.warehouseId,
      status: 'open',
      title: expect.stringMatching(/^Station Pack 1 LON-1 sent item-verified #\d+, refused \(invalid_event_content\): payload\.barcode/),
      detail: { code: 'invalid_event_content', stationId: lon.stationId, seq: poisoned.seq, eventType: 'item-verified' },
    });
    // A retry is answered from the record: no second task.
    await push([poisoned]);
    expect(await tasksFor(poisoned.id)).toHaveLength(1);
  });

  it('answers a body over the limit with 413 problem+json', async () => {
    const huge = Array.from({ length: 60 }, () => ({
      ...good(),
      payload: { lineId: doc.lines[0]!.lineId, barcode: 'x'.repeat(100_000), quantity: 1 },
    }));
    const res = await push(huge);
    expect(res.status).toBe(413);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body).toMatchObject({ status: 413, code: 'body_too_large' });
  });
});

/** Each spoiled event between two good ones: the good are applied, each bad one refused alone, a retry answered the same. */
async function pushMixed(bad: { field: string; path: (string | number)[]; event: Record<string, any> }[]) {
  const goods = bad.map(() => good());
  const events = bad.flatMap((b, i) => [goods[i]!, b.event]);
  const verifiedBefore = await verified();

  const first = await push(events);
  expect(first.status).toBe(200);
  const outcomes = new Map((first.body.outcomes as Outcome[]).map((o) => [o.id, o]));
  for (const g of goods) expect(outcomes.get(g.id)).toMatchObject({ outcome: 'applied', duplicate: false });
  const refusals = bad.map((b) => {
    const index = events.indexOf(b.event);
    // An id that cannot be read leaves only the event's place in the batch to answer by.
    if (b.path.join('.') === 'id') return [b.field, first.body.unreadable.find((u: { index: number }) => u.index === index)?.code];
    return [b.field, outcomes.get(b.event.id)?.outcome, outcomes.get(b.event.id)?.code];
  });
  expect(refusals).toEqual(
    bad.map((b) => {
      const field = b.path.join('.');
      if (field === 'id') return [b.field, 'invalid_event_content'];
      // Another station's id says whose seq space it is in: not this one's, whatever else it holds.
      if (field === 'stationId') return [b.field, 'rejected', 'station_mismatch'];
      return [b.field, 'rejected', 'invalid_event_content'];
    }),
  );
  expect(await verified()).toBe(verifiedBefore + goods.length);

  const retry = await push(events);
  expect(retry.status).toBe(200);
  expect(retry.body.unreadable).toEqual(first.body.unreadable);
  expect(retry.body.outcomes.map((o: Outcome) => [o.id, o.outcome, o.code, o.message])).toEqual(
    first.body.outcomes.map((o: Outcome) => [o.id, o.outcome, o.code, o.message]),
  );
  expect(retry.body.outcomes.filter((o: Outcome) => o.outcome === 'applied').every((o: Outcome) => o.duplicate)).toBe(true);
  expect(await verified()).toBe(verifiedBefore + goods.length);
}

const tasksFor = (eventId: string) =>
  t.server.db.query<Record<string, any>>('select kind, warehouse_id, status, title, detail from tasks where event_id = $1', [eventId]);

async function verified(): Promise<number> {
  const [row] = await t.server.db.query<{ doc: FulfillmentDocument }>('select doc from fulfillment_orders where id = $1', [doc.id]);
  return row!.doc.lines[0]!.verified;
}

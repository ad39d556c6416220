import { afterAll, describe, expect, it } from 'vitest';
import type { StationEvent } from '../../shared/events/station-events';
import type { FulfillmentDocument } from '../../shared/sync/fulfillment-document';
import { postgresForTests } from '../testing/postgres-available';
import { createTestDatabase, type TestDatabase } from '../testing/test-database';
import { sampleOrder, setUpWarehouse, startTestServer, type TestServer } from '../testing/test-server';

/**
 * The same batch arriving several times at once (a station retrying while its first push is
 * still in flight, or a relay replaying it) is applied exactly once and every copy is answered
 * 200: the first with what happened, the others as duplicates. On both engines the server runs on.
 */
const pg = await postgresForTests();
if (!pg.available) console.warn(`concurrent push on PostgreSQL skipped: ${pg.reason}`);

const engines = [
  {
    name: 'PGlite',
    available: true,
    start: async () => ({ t: await startTestServer({ databaseUrl: null }), db: null as TestDatabase | null }),
  },
  {
    name: 'PostgreSQL',
    available: pg.available,
    start: async () => {
      const db = await createTestDatabase((pg as { url: string }).url, 'dockside_push');
      return { t: await startTestServer({ databaseUrl: db.url }), db };
    },
  },
];

afterAll(async () => {
  if (pg.available) await pg.stop();
});

for (const engine of engines) {
  describe.skipIf(!engine.available)(`concurrent identical pushes on ${engine.name}`, () => {
    it(
      'answers 8 copies of a batch arriving at once with 200 each, over 10 rounds, and applies the batch once',
      { timeout: 300_000 },
      async () => {
        const { t, db } = await engine.start();
        try {
          await pushRounds(t);
        } finally {
          await t.close();
          await db?.drop();
        }
      },
    );
  });
}

async function pushRounds(t: TestServer) {
  const lon = await setUpWarehouse(t, 'LON-1', { 'SKU-MUG': 1000, 'SKU-TEE': 1000 });
  let seq = 0;
  const ev = (doc: FulfillmentDocument, type: StationEvent['type'], payload: Record<string, unknown>) =>
    ({
      id: crypto.randomUUID(),
      stationId: lon.stationId,
      seq: ++seq,
      type,
      fulfillmentOrderId: doc.id,
      orderId: doc.orderId,
      actor: { kind: 'station', id: lon.stationId },
      occurredAt: new Date().toISOString(),
      payload,
    }) as StationEvent;
  const onHand = async () =>
    Object.fromEntries(
      (
        await t.server.db.query<{ sku: string; on_hand: number }>('select sku, on_hand from inventory where warehouse_id = $1', [
          lon.warehouseId,
        ])
      ).map((r) => [r.sku, r.on_hand]),
    );

  for (let round = 0; round < 10; round++) {
    const doc = (await t.api('POST', '/v1/orders', { body: sampleOrder() })).body.fulfillmentOrders[0] as FulfillmentDocument;
    const packageId = crypto.randomUUID();
    const events = [
      ev(doc, 'fulfillment-order-claimed', {}),
      ...doc.lines.map((l) => ev(doc, 'item-verified', { lineId: l.lineId, barcode: l.barcode ?? 'x', quantity: l.quantity })),
      ev(doc, 'package-created', {
        packageId,
        contents: doc.lines.map((l) => ({ lineId: l.lineId, quantity: l.quantity })),
        weightGrams: 100,
      }),
      ev(doc, 'label-printed', {
        packageId,
        printJobId: crypto.randomUUID(),
        format: 'zpl',
        sscc: null,
        trackingNumber: 'T1',
        carrier: 'DPD',
      }),
      ev(doc, 'package-shipped', { packageId }),
    ];
    const stockBefore = await onHand();

    const answers = await Promise.all(
      Array.from({ length: 8 }, () => t.api('POST', '/v1/sync/push', { token: lon.stationToken, body: { events } })),
    );
    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 200));
    for (const e of events) {
      const of = answers.map((a) => a.body.outcomes.find((o: { id: string }) => o.id === e.id));
      // Every copy answers for every event; exactly one copy applied it, the others saw it done.
      expect(of.every((o) => o?.outcome === 'applied')).toBe(true);
      expect(of.filter((o) => !o.duplicate)).toHaveLength(1);
    }
    const [rows] = await t.server.db.query<{ n: unknown }>('select count(*) as n from timeline_events where id = any($1::uuid[])', [
      events.map((e) => e.id),
    ]);
    expect(Number(rows!.n)).toBe(events.length);
    const expected = { ...stockBefore };
    for (const l of doc.lines) expected[l.sku] = expected[l.sku]! - l.quantity;
    expect(await onHand()).toEqual(expected);
    const order = await t.api('GET', `/v1/orders/${doc.orderId}`);
    expect(order.body.status).toBe('shipped');
  }
}

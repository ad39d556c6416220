/**
 * Station events applied per second through POST /v1/sync/push, on PGlite and on PostgreSQL.
 * Fulfillment orders are bulk-seeded before the server starts; then several enrolled stations
 * push, concurrently, the events a packer produces (claim, verify each line, create the package,
 * print the label, ship) in outbox batches. Every event must come back applied.
 * Target: >= 1,500 events/s applied on PostgreSQL.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StationEvent } from '../src/shared/events/station-events';
import type { FulfillmentDocument } from '../src/shared/sync/fulfillment-document';
import { openDatabase } from '../src/server/db/database';
import { migrate } from '../src/server/db/migrate';
import { seedBulkOrders } from '../src/server/demo/seed-bulk';
import { spawnServer } from '../src/server/testing/server-process';
import { createTestDatabase } from '../src/server/testing/test-database';
import { ADMIN_TOKEN, call, enrollStation, latencySummary, must, startPostgres, writeResult, type PostgresHandle } from './server-kit';

const FULFILLMENT_ORDERS = Number(process.env.BENCH_PUSH_FOS ?? 1500);
const STATIONS = Number(process.env.BENCH_PUSH_STATIONS ?? 4);
const BATCH = Number(process.env.BENCH_PUSH_BATCH ?? 100);

interface EngineResult {
  engine: 'pglite' | 'postgres';
  fulfillmentOrders: number;
  stations: number;
  batchSize: number;
  events: number;
  applied: number;
  notApplied: number;
  seconds: number;
  eventsPerSecond: number;
  batchLatency: ReturnType<typeof latencySummary>;
  seedMs: number;
}

function eventsFor(doc: FulfillmentDocument, station: { stationId: string }, nextSeq: () => number): StationEvent[] {
  const at = new Date().toISOString();
  const actor = { kind: 'station' as const, id: station.stationId };
  const ev = (type: StationEvent['type'], payload: Record<string, unknown>) =>
    ({
      id: crypto.randomUUID(),
      stationId: station.stationId,
      seq: nextSeq(),
      type,
      fulfillmentOrderId: doc.id,
      orderId: doc.orderId,
      actor,
      occurredAt: at,
      payload,
    }) as StationEvent;
  const packageId = crypto.randomUUID();
  return [
    ev('fulfillment-order-claimed', {}),
    ...doc.lines.map((l) => ev('item-verified', { lineId: l.lineId, barcode: l.barcode ?? l.sku, quantity: l.quantity })),
    ev('package-created', { packageId, contents: doc.lines.map((l) => ({ lineId: l.lineId, quantity: l.quantity })), weightGrams: 800 }),
    ev('label-printed', {
      packageId,
      printJobId: crypto.randomUUID(),
      format: 'zpl',
      sscc: null,
      trackingNumber: `TRK${packageId.slice(0, 8)}`,
      carrier: 'DPD',
    }),
    ev('package-shipped', { packageId }),
  ];
}

async function runEngine(engine: 'pglite' | 'postgres', pg: PostgresHandle | null): Promise<EngineResult> {
  // Seed before the server starts (a PGlite directory can only be open in one process).
  const dir = engine === 'pglite' ? mkdtempSync(join(tmpdir(), 'dockside-bench-')) : null;
  const testDb = engine === 'postgres' ? await createTestDatabase(pg!.url, 'dockside_bench') : null;
  const db = await openDatabase({ databaseUrl: testDb?.url ?? null, dataDir: dir });
  await migrate(db);
  const warehouseId = crypto.randomUUID();
  await db.query(`insert into warehouses (id, code, name, priority) values ($1, 'BENCH-1', 'Bench', 10)`, [warehouseId]);
  const seeded = await seedBulkOrders(db, { warehouseId, count: FULFILLMENT_ORDERS });
  await db.close();

  const server = await spawnServer(
    { DATABASE_URL: testDb?.url ?? '', DOCKSIDE_DATA_DIR: dir ?? '', DOCKSIDE_BOOTSTRAP_TOKEN: ADMIN_TOKEN },
    { startTimeoutMs: 120_000 },
  );
  try {
    const stations = [];
    for (let s = 0; s < STATIONS; s++) stations.push(await enrollStation(server.url, warehouseId, `Bench pack ${s + 1}`));
    // Each station pulls the work and takes its own share of it.
    const docs: FulfillmentDocument[] = [];
    let checkpoint: { rev: number } | null = null;
    for (;;) {
      const page: { documents: FulfillmentDocument[]; checkpoint: { rev: number }; remaining: number } = await must(
        call(server.url, 'POST', '/v1/sync/pull', { collection: 'fulfillment_orders', checkpoint, limit: 1000 }, stations[0]!.token),
      );
      docs.push(...page.documents);
      checkpoint = page.checkpoint;
      if (page.remaining === 0 || !page.documents.length) break;
    }
    const batches = stations.map((st, s) => {
      let seq = 0;
      const mine = docs.filter((_, i) => i % STATIONS === s);
      const events = mine.flatMap((d) => eventsFor(d, st, () => ++seq));
      const out: StationEvent[][] = [];
      for (let i = 0; i < events.length; i += BATCH) out.push(events.slice(i, i + BATCH));
      return out;
    });
    const total = batches.flat(2).length;

    let applied = 0;
    let notApplied = 0;
    const latencies: number[] = [];
    const started = performance.now();
    await Promise.all(
      stations.map(async (st, s) => {
        for (const batch of batches[s]!) {
          const r = await call<{ outcomes: { outcome: string }[] }>(server.url, 'POST', '/v1/sync/push', { events: batch }, st.token);
          if (r.status !== 200)
            throw new Error(`push: HTTP ${r.status} ${JSON.stringify(r.body)}\nserver output:\n${server.output().slice(-3000)}`);
          latencies.push(r.ms);
          for (const o of r.body.outcomes) {
            if (o.outcome === 'applied') applied++;
            else notApplied++;
          }
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    return {
      engine,
      fulfillmentOrders: FULFILLMENT_ORDERS,
      stations: STATIONS,
      batchSize: BATCH,
      events: total,
      applied,
      notApplied,
      seconds: Math.round(seconds * 100) / 100,
      eventsPerSecond: Math.round(applied / seconds),
      batchLatency: latencySummary(latencies),
      seedMs: seeded.ms,
    };
  } finally {
    await server.stop();
    await testDb?.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}

const results: EngineResult[] = [];
const skipped: Record<string, string> = {};
const engines = (process.env.BENCH_ENGINES ?? 'pglite,postgres').split(',');
const pg = engines.includes('postgres') ? await startPostgres() : null;
try {
  for (const engine of engines as ('pglite' | 'postgres')[]) {
    if (engine === 'postgres' && (!pg || 'skipped' in pg)) {
      skipped.postgres = pg && 'skipped' in pg ? pg.skipped : 'not requested';
      console.log(`postgres: skipped (${skipped.postgres})`);
      continue;
    }
    const r = await runEngine(engine, engine === 'postgres' ? (pg as PostgresHandle) : null);
    results.push(r);
    console.log(
      `${engine}: ${r.applied}/${r.events} events applied in ${r.seconds} s = ${r.eventsPerSecond} events/s ` +
        `(${r.stations} stations, batches of ${r.batchSize}; batch p50 ${r.batchLatency.p50Ms} ms, p99 ${r.batchLatency.p99Ms} ms)`,
    );
  }
} finally {
  if (pg && !('skipped' in pg)) await pg.stop();
}
const postgres = results.find((r) => r.engine === 'postgres');
const target = { eventsPerSecondOnPostgres: 1500, met: postgres ? postgres.eventsPerSecond >= 1500 : null };
console.log(`target >= 1500 events/s on PostgreSQL: ${target.met === null ? 'not measured' : target.met ? 'met' : 'MISSED'}`);
writeResult('server-push', { results, skipped, target });
process.exit(results.every((r) => r.notApplied === 0) ? 0 : 1);

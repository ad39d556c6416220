/**
 * Read latency: single-order GET and the filtered list (GET /v1/orders?status=confirmed) under 50
 * concurrent clients, and single-order GETs at a fixed 200 requests/s (open loop, latency counted
 * from when each request was due). The database holds bulk-seeded orders first.
 * Target: single-order reads p99 < 50 ms at 200 req/s.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../src/server/db/database';
import { migrate } from '../src/server/db/migrate';
import { seedBulkOrders } from '../src/server/demo/seed-bulk';
import { spawnServer } from '../src/server/testing/server-process';
import { createTestDatabase } from '../src/server/testing/test-database';
import {
  ADMIN_TOKEN,
  call,
  closedLoop,
  latencySummary,
  must,
  openLoop,
  startPostgres,
  writeResult,
  type Engine,
  type PostgresHandle,
} from './server-kit';

const ORDERS = Number(process.env.BENCH_READS_ORDERS ?? 5000);
const CLIENTS = 50;
const CLOSED_REQUESTS = Number(process.env.BENCH_READS_REQUESTS ?? 4000);
const RATE = 200;
const OPEN_SECONDS = Number(process.env.BENCH_READS_SECONDS ?? 10);

async function runEngine(engine: Engine, pg: PostgresHandle | null) {
  const dir = engine === 'pglite' ? mkdtempSync(join(tmpdir(), 'dockside-bench-')) : null;
  const testDb = engine === 'postgres' ? await createTestDatabase(pg!.url, 'dockside_bench') : null;
  const db = await openDatabase({ databaseUrl: testDb?.url ?? null, dataDir: dir });
  await migrate(db);
  const warehouseId = crypto.randomUUID();
  await db.query(`insert into warehouses (id, code, name, priority) values ($1, 'BENCH-1', 'Bench', 10)`, [warehouseId]);
  await seedBulkOrders(db, { warehouseId, count: ORDERS });
  const ids = (await db.query<{ id: string }>('select id from orders order by random() limit 2000')).map((r) => r.id);
  await db.close();

  const server = await spawnServer(
    { DATABASE_URL: testDb?.url ?? '', DOCKSIDE_DATA_DIR: dir ?? '', DOCKSIDE_BOOTSTRAP_TOKEN: ADMIN_TOKEN },
    { startTimeoutMs: 120_000 },
  );
  try {
    const one = (i: number) => call(server.url, 'GET', `/v1/orders/${ids[i % ids.length]}`);
    const list = () => call(server.url, 'GET', '/v1/orders?status=confirmed&limit=50');
    const listed = await must(list());
    const listRows = Array.isArray(listed.data) ? listed.data.length : null;
    // Warm-up: every order read once (a cold PGlite page costs tens of ms on first touch), then a mixed burst.
    await closedLoop(4, ids.length, one);
    await closedLoop(CLIENTS, 500, (i) => (i % 5 ? one(i) : list()));

    const single = await closedLoop(CLIENTS, CLOSED_REQUESTS, one);
    const filtered = await closedLoop(CLIENTS, Math.round(CLOSED_REQUESTS / 2), () => list());
    const paced = await openLoop(RATE, RATE * OPEN_SECONDS, one);
    const out = {
      engine,
      orders: ORDERS,
      singleOrder50Clients: {
        requests: CLOSED_REQUESTS,
        errors: single.errors,
        requestsPerSecond: Math.round(CLOSED_REQUESTS / single.seconds),
        latency: latencySummary(single.latencies),
      },
      filteredList50Clients: {
        path: '/v1/orders?status=confirmed&limit=50',
        rowsPerPage: listRows,
        requests: Math.round(CLOSED_REQUESTS / 2),
        errors: filtered.errors,
        requestsPerSecond: Math.round(filtered.latencies.length / filtered.seconds),
        latency: latencySummary(filtered.latencies),
      },
      singleOrderAt200PerSecond: {
        requests: RATE * OPEN_SECONDS,
        errors: paced.errors,
        lateStarts: paced.lateStarts,
        clientLoopDelayP99Ms: paced.clientLoopDelayP99Ms,
        slowAtSeconds: [...new Set(paced.slowAtSeconds)].sort((a, b) => a - b),
        achievedPerSecond: Math.round(paced.latencies.length / paced.seconds),
        latency: latencySummary(paced.latencies),
      },
    };
    const f = (x: { p50Ms: number; p99Ms: number }) => `p50 ${x.p50Ms} ms, p99 ${x.p99Ms} ms`;
    console.log(
      `${engine}: single order, 50 clients: ${out.singleOrder50Clients.requestsPerSecond} req/s (${f(out.singleOrder50Clients.latency)})`,
    );
    console.log(
      `${engine}: filtered list, 50 clients: ${out.filteredList50Clients.requestsPerSecond} req/s (${f(out.filteredList50Clients.latency)})`,
    );
    console.log(
      `${engine}: single order at ${RATE} req/s: ${f(out.singleOrderAt200PerSecond.latency)}; errors ${paced.errors}; client loop delay p99 ${paced.clientLoopDelayP99Ms} ms; >50 ms at s ${out.singleOrderAt200PerSecond.slowAtSeconds.slice(0, 20).join(',')}`,
    );
    return out;
  } catch (err) {
    console.error(`${engine} failed; server output:\n${server.output().slice(-3000)}`);
    throw err;
  } finally {
    await server.stop();
    await testDb?.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}

const engines = (process.env.BENCH_ENGINES ?? 'pglite,postgres').split(',') as Engine[];
const pg = engines.includes('postgres') ? await startPostgres() : null;
const results = [];
const skipped: Record<string, string> = {};
try {
  for (const engine of engines) {
    if (engine === 'postgres' && (!pg || 'skipped' in pg)) {
      skipped.postgres = pg && 'skipped' in pg ? pg.skipped : 'not requested';
      console.log(`postgres: skipped (${skipped.postgres})`);
      continue;
    }
    results.push(await runEngine(engine, engine === 'postgres' ? (pg as PostgresHandle) : null));
  }
} finally {
  if (pg && !('skipped' in pg)) await pg.stop();
}
const target = Object.fromEntries(
  results.map((r) => [r.engine, { p99Ms: r.singleOrderAt200PerSecond.latency.p99Ms, met: r.singleOrderAt200PerSecond.latency.p99Ms < 50 }]),
);
console.log(`target single-order p99 < 50 ms at 200 req/s: ${JSON.stringify(target)}`);
writeResult('server-reads', { results, skipped, target });
process.exit(
  results.every((r) => r.singleOrder50Clients.errors + r.filteredList50Clients.errors + r.singleOrderAt200PerSecond.errors === 0) ? 0 : 1,
);

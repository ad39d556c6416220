/**
 * Order creation rate through POST /v1/orders (validation, numbering, totals, timeline, routing
 * with stock reservation), on PGlite and on PostgreSQL: one client at a time, then 8 at once.
 */
import {
  BENCH_SKUS,
  benchOrder,
  call,
  closedLoop,
  latencySummary,
  setUpWarehouse,
  startPostgres,
  startServer,
  writeResult,
  type Engine,
  type PostgresHandle,
} from './server-kit';

const SEQUENTIAL = Number(process.env.BENCH_ORDERS_SEQUENTIAL ?? 200);
const CONCURRENT = Number(process.env.BENCH_ORDERS_CONCURRENT ?? 1200);
const CLIENTS = 8;

async function runEngine(engine: Engine, pg: PostgresHandle | null) {
  const server = await startServer(engine, pg);
  try {
    await setUpWarehouse(server.url, 'BENCH-1', BENCH_SKUS);
    await closedLoop(4, 40, (i) => call(server.url, 'POST', '/v1/orders', benchOrder(1_000_000 + i))); // warm-up
    const seq = await closedLoop(1, SEQUENTIAL, (i) => call(server.url, 'POST', '/v1/orders', benchOrder(i)));
    const conc = await closedLoop(CLIENTS, CONCURRENT, (i) => call(server.url, 'POST', '/v1/orders', benchOrder(SEQUENTIAL + i)));
    const out = {
      engine,
      sequential: {
        orders: SEQUENTIAL,
        errors: seq.errors,
        ordersPerSecond: Math.round(SEQUENTIAL / seq.seconds),
        latency: latencySummary(seq.latencies),
      },
      concurrent: {
        clients: CLIENTS,
        orders: CONCURRENT,
        errors: conc.errors,
        ordersPerSecond: Math.round(CONCURRENT / conc.seconds),
        latency: latencySummary(conc.latencies),
      },
    };
    console.log(
      `${engine}: 1 client ${out.sequential.ordersPerSecond} orders/s (p50 ${out.sequential.latency.p50Ms} ms, p99 ${out.sequential.latency.p99Ms} ms); ` +
        `${CLIENTS} clients ${out.concurrent.ordersPerSecond} orders/s (p50 ${out.concurrent.latency.p50Ms} ms, p99 ${out.concurrent.latency.p99Ms} ms); errors ${seq.errors + conc.errors}`,
    );
    return out;
  } finally {
    await server.close();
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
writeResult('server-orders', { results, skipped });
process.exit(results.every((r) => r.sequential.errors + r.concurrent.errors === 0) ? 0 : 1);

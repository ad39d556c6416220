/**
 * Live update: a change made through the server's REST API (a supervisor holds an order, then
 * releases it) until the station's UI shows it (the count of orders to pack changes), over the
 * real path: server → live stream → station host → renderer pull → IndexedDB → React.
 * DOCKSIDE_BENCH_ORDERS (default 10,000) orders local, DOCKSIDE_BENCH_CHANGES (default 40) changes.
 * Goal (issue 9): p95 ≤ 200 ms.
 */
import { call, must, writeResult } from './server-kit';
import {
  ensureRendererBuilt,
  launchChromium,
  listOrders,
  loadAverage,
  openStation,
  paintedWhen,
  seededServer,
  sizeFromEnv,
  startStationHost,
  summary,
  verdict,
} from './station-kit';

const N = sizeFromEnv('DOCKSIDE_BENCH_ORDERS', 10_000);
const CHANGES = sizeFromEnv('DOCKSIDE_BENCH_CHANGES', 40);
const GOAL_P95 = 200;

await ensureRendererBuilt();
const server = await seededServer({ orders: N });
const host = await startStationHost(server.url, server.enrollmentCodes[0]!);
const browser = await launchChromium();
const page = await browser.newPage();
await openStation(page, host.url, N);
const [order] = await listOrders(server.url, 1);
const load = loadAverage();
const samples: number[] = [];
for (let i = 0; i <= CHANGES; i++) {
  const hold = i % 2 === 0;
  const shown = paintedWhen(page, '[data-testid="queue-count"]', String(hold ? N - 1 : N), 30_000);
  const at = Date.now();
  await must(
    call(server.url, 'POST', `/v1/fulfillment-orders/${order!.id}/${hold ? 'hold' : 'release'}`, hold ? { reasons: ['supervisor'] } : {}),
  );
  const ms = (await shown) - at;
  if (i > 0) samples.push(ms);
}
await browser.close();
await host.stop();
await server.stop();

const s = summary(samples);
console.log(`server API change → visible at the station over ${s.count} changes: p50 ${s.p50Ms} ms, max ${s.maxMs} ms`);
console.log(verdict('p95', s.p95Ms, GOAL_P95, 'ms'));
writeResult('live-update', { ordersLocal: N, ...s, goalP95Ms: GOAL_P95, loadAverage: load });
process.exit(0);

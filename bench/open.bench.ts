/**
 * Order-number scan → the order open and painted, with DOCKSIDE_BENCH_ORDERS (default 10,000)
 * orders local, online (each first scan of an order takes it through the server, as packing
 * requires). DOCKSIDE_BENCH_OPEN_ORDERS (default 60) orders, the first a warm-up.
 * Goal (issue 9): p95 ≤ 50 ms.
 */
import { writeResult } from './server-kit';
import {
  ensureRendererBuilt,
  launchChromium,
  listOrders,
  loadAverage,
  openStation,
  seededServer,
  sizeFromEnv,
  startStationHost,
  summary,
  timedScan,
  verdict,
} from './station-kit';

const N = sizeFromEnv('DOCKSIDE_BENCH_ORDERS', 10_000);
const ORDERS = sizeFromEnv('DOCKSIDE_BENCH_OPEN_ORDERS', 60);
const GOAL_P95 = 50;

await ensureRendererBuilt();
const server = await seededServer({ orders: N });
const host = await startStationHost(server.url, server.enrollmentCodes[0]!);
const browser = await launchChromium();
const page = await browser.newPage();
await openStation(page, host.url, N);
// Spread over the whole list: not only the newest few the queue shows.
const all = await listOrders(server.url, Math.min(N, 2000));
const orders = Array.from({ length: Math.min(ORDERS + 1, all.length) }, (_, i) => all[Math.floor((i * all.length) / (ORDERS + 1))]!);
const load = loadAverage();
const samples: number[] = [];
for (const [i, order] of orders.entries()) {
  const ms = await timedScan(page, order.orderNumber, {
    selector: '[data-testid="open-order"] h2',
    text: `${order.orderNumber} 0 of ${order.units.length} scanned`,
  });
  const opened = await page.locator('[data-testid="open-order"] h2').textContent();
  if (!opened?.includes(order.orderNumber)) throw new Error(`expected ${order.orderNumber} open, saw ${opened}`);
  if (i > 0) samples.push(ms);
}
// Where the time goes: the claim's round trip through the station host to the server, as the page timed it.
const claims = await page.evaluate(() =>
  performance
    .getEntriesByType('resource')
    .filter((e) => e.name.includes('/api/call/leases.claim'))
    .map((e) => e.duration),
);
await browser.close();
await host.stop();
await server.stop();

const s = summary(samples);
console.log(`order scan → order open and painted over ${s.count} orders: p50 ${s.p50Ms} ms, max ${s.maxMs} ms`);
const c = summary(claims.slice(1));
console.log(`of which the claim through the station host and server: p50 ${c.p50Ms} ms, p95 ${c.p95Ms} ms`);
console.log(verdict('p95', s.p95Ms, GOAL_P95, 'ms'));
writeResult('open', { ordersLocal: N, ...s, claimRoundTrip: c, goalP95Ms: GOAL_P95, loadAverage: load });
process.exit(0);

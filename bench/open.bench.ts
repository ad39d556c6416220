/**
 * Order-number scan → the order open and painted, with DOCKSIDE_BENCH_ORDERS (default 10,000)
 * orders local, online (each first scan of an order takes it through the server, as packing
 * requires). DOCKSIDE_BENCH_OPEN_ORDERS (default 60) orders, the first a warm-up, opened as on the
 * floor: the next order number is scanned once the station says the last one is the packer's
 * ("Opened …", the server's answer to its claim), since nobody packs before that. Goal (issue 9):
 * p95 ≤ 50 ms. Then as many other orders back to back, each scanned the moment the one before is
 * painted, its claim still on its way: printed beside it, as the worst case, not the goal's figure.
 */
import { writeResult } from './server-kit';
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
const picked = Array.from(
  { length: Math.min(2 * ORDERS + 2, all.length) },
  (_, i) => all[Math.floor((i * all.length) / (2 * ORDERS + 2))]!,
);
const load = loadAverage();

/** Opens each order by its number and returns the milliseconds to each painted (the first, a warm-up, left out). */
async function openEach(orders: typeof picked, untilTaken: boolean): Promise<number[]> {
  const samples: number[] = [];
  for (const [i, order] of orders.entries()) {
    const ms = await timedScan(page, order.orderNumber, {
      selector: '[data-testid="open-order"] h2',
      text: `${order.orderNumber} 0 of ${order.units.length} scanned`,
    });
    const opened = await page.locator('[data-testid="open-order"] h2').textContent();
    if (!opened?.includes(order.orderNumber)) throw new Error(`expected ${order.orderNumber} open, saw ${opened}`);
    if (untilTaken) await paintedWhen(page, '[data-testid="message"]', `Opened ${order.orderNumber}: scan each item.`);
    if (i > 0) samples.push(ms);
  }
  return samples;
}
const samples = await openEach(picked.slice(0, ORDERS + 1), true);
const backToBack = summary(await openEach(picked.slice(ORDERS + 1), false));
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
console.log(
  `back to back (each scanned while the last one's claim is on its way), ${backToBack.count} orders: p50 ${backToBack.p50Ms} ms, p95 ${backToBack.p95Ms} ms, max ${backToBack.maxMs} ms`,
);
const c = summary(claims.slice(1, ORDERS + 1));
console.log(`of which the claim through the station host and server: p50 ${c.p50Ms} ms, p95 ${c.p95Ms} ms`);
console.log(verdict('p95', s.p95Ms, GOAL_P95, 'ms'));
writeResult('open', { ordersLocal: N, ...s, claimRoundTrip: c, backToBack, goalP95Ms: GOAL_P95, loadAverage: load });
process.exit(0);

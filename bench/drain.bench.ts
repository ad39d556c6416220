/**
 * Outbox drain: DOCKSIDE_BENCH_EVENTS (default 1,000) station events recorded offline (orders
 * taken ahead, opened and scanned while the link to the server is cut), then the link comes
 * back. Measures from the server being reachable again to the station showing itself online
 * ("notice") and to every event acknowledged ("drained"). Goal (issue 9): ≤ 1.0 s in all.
 */
import { writeResult } from './server-kit';
import {
  ensureRendererBuilt,
  launchChromium,
  loadAverage,
  openStation,
  packOrder,
  paintedWhen,
  seededServer,
  sizeFromEnv,
  startLink,
  startStationHost,
  takeAhead,
  verdict,
} from './station-kit';

const EVENTS = sizeFromEnv('DOCKSIDE_BENCH_EVENTS', 1000);
const ORDERS_LOCAL = sizeFromEnv('DOCKSIDE_BENCH_ORDERS', 2000);
const GOAL_SECONDS = 1.0;

await ensureRendererBuilt();
const server = await seededServer({ orders: ORDERS_LOCAL });
const link = await startLink(server.url);
const host = await startStationHost(link.url, server.enrollmentCodes[0]!);
const browser = await launchChromium();
const page = await browser.newPage();
await openStation(page, host.url, ORDERS_LOCAL);

// About five events an order (its claim and its units): take enough ahead, online.
const held = await takeAhead(host, server.url, Math.ceil(EVENTS / 3));
await paintedWhen(page, '[data-testid="held-count"]', String(held.length));
await link.cut();
await paintedWhen(page, '[data-testid="connection"]', 'Offline');
let queued = 0;
for (const order of held) {
  if (queued >= EVENTS) break;
  await packOrder(page, order);
  queued += 1 + order.units.length;
}
await paintedWhen(page, '[data-testid="pending-events"]', `${queued} waiting`);
console.log(`${queued} events queued offline`);

const load = loadAverage();
const backAt = Date.now();
await link.restore();
const [onlineAt, drainedAt] = await Promise.all([
  paintedWhen(page, '[data-testid="connection"]', 'Online'),
  paintedWhen(page, '[data-testid="pending-events"]', '0 waiting', 600_000),
]);
const notice = (onlineAt - backAt) / 1000;
const total = (drainedAt - backAt) / 1000;
await browser.close();
await host.stop();
await link.close();
await server.stop();

console.log(`notice ${notice.toFixed(2)} s, drain ${(total - notice).toFixed(2)} s`);
console.log(verdict(`${queued} events: reachable → all acknowledged`, Number(total.toFixed(2)), GOAL_SECONDS, 's'));
writeResult('drain', {
  events: queued,
  noticeSeconds: Number(notice.toFixed(2)),
  drainSeconds: Number((total - notice).toFixed(2)),
  totalSeconds: Number(total.toFixed(2)),
  goalSeconds: GOAL_SECONDS,
  loadAverage: load,
});
process.exit(0);

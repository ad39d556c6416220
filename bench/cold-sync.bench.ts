/**
 * Cold sync: N fulfillment orders (default 10,000; DOCKSIDE_BENCH_ORDERS) from the central
 * server to a fresh station in Chromium, through the real path: server process → station host
 * process → renderer → RxDB on IndexedDB. Measures from the page opening on an empty database
 * until every order is in IndexedDB and counted by the station UI. Goal (issue 9): ≤ 2.5 s.
 */
import { writeResult } from './server-kit';
import {
  ensureRendererBuilt,
  INDEXEDDB_BACKEND,
  launchChromium,
  loadAverage,
  openStation,
  seededServer,
  sizeFromEnv,
  startStationHost,
  verdict,
} from './station-kit';

const N = sizeFromEnv('DOCKSIDE_BENCH_ORDERS', 10_000);
export const GOAL_SECONDS = 2.5;

await ensureRendererBuilt();
const server = await seededServer({ orders: N });
const host = await startStationHost(server.url, server.enrollmentCodes[0]!);
const browser = await launchChromium();
const page = await browser.newPage();
const load = loadAverage();
const seconds = await openStation(page, host.url, N);
await browser.close();
await host.stop();
await server.stop();

console.log(verdict(`cold sync of ${N} orders (IndexedDB on ${INDEXEDDB_BACKEND})`, Number(seconds.toFixed(2)), GOAL_SECONDS, 's'));
writeResult('cold-sync', {
  orders: N,
  indexedDb: INDEXEDDB_BACKEND,
  seconds: Number(seconds.toFixed(2)),
  goalSeconds: GOAL_SECONDS,
  documentsPerSecond: Math.round(N / seconds),
  loadAverage: load,
  path: 'server process → /v1/sync/pull → station host → Chromium renderer → RxDB Dexie (IndexedDB)',
});
process.exit(0);

/**
 * Cold sync at the size of a big warehouse: 50,000 fulfillment orders (DOCKSIDE_BENCH_ORDERS_50K
 * for a smaller run) into a fresh station in Chromium, and the renderer's peak resident memory.
 * Goals (issue 9): ≤ 12 s; renderer ≤ 250 MB. The page is one no test driver instruments
 * (uninstrumented-page.ts): driven by Playwright, the renderer also held every pulled batch for
 * DevTools, about 50 MB at 50,000 orders that no station holds.
 */
import { writeResult } from './server-kit';
import {
  ensureRendererBuilt,
  INDEXEDDB_BACKEND,
  loadAverage,
  openStationUninstrumented,
  seededServer,
  sizeFromEnv,
  startStationHost,
  verdict,
} from './station-kit';

const N = sizeFromEnv('DOCKSIDE_BENCH_ORDERS_50K', 50_000);
const GOAL_SECONDS = 12;
const GOAL_MB = 250;

await ensureRendererBuilt();
const server = await seededServer({ orders: N });
const host = await startStationHost(server.url, server.enrollmentCodes[0]!);
const load = loadAverage();
const { seconds, memory } = await openStationUninstrumented(host.url, N);
await host.stop();
await server.stop();

console.log(verdict(`cold sync of ${N} orders (IndexedDB on ${INDEXEDDB_BACKEND})`, Number(seconds.toFixed(2)), GOAL_SECONDS, 's'));
console.log(verdict('renderer peak RSS', memory.peakMb, GOAL_MB, 'MB'));
writeResult('cold-sync-50k', {
  orders: N,
  indexedDb: INDEXEDDB_BACKEND,
  seconds: Number(seconds.toFixed(2)),
  goalSeconds: GOAL_SECONDS,
  rendererPeakMb: memory.peakMb,
  rendererNowMb: memory.currentMb,
  goalMb: GOAL_MB,
  loadAverage: load,
});
process.exit(0);

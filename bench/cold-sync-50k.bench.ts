/**
 * Cold sync at the size of a big warehouse: 50,000 fulfillment orders (DOCKSIDE_BENCH_ORDERS_50K
 * for a smaller run) into a fresh station in Chromium, and the renderer's peak resident memory.
 * Goals (issue 9): ≤ 12 s; renderer ≤ 250 MB.
 */
import { writeResult } from './server-kit';
import {
  ensureRendererBuilt,
  INDEXEDDB_BACKEND,
  launchChromium,
  loadAverage,
  openStation,
  rendererMemoryMb,
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
const browser = await launchChromium();
const page = await browser.newPage();
const load = loadAverage();
const seconds = await openStation(page, host.url, N);
const memory = rendererMemoryMb();
await browser.close();
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

/**
 * Reconnect storm on PostgreSQL: DOCKSIDE_BENCH_STORM_STATIONS (default 20) stations, each a
 * browser with its own IndexedDB on its own station host (DOCKSIDE_BENCH_STORM_HOSTS puts them on
 * fewer: the browsers of one host are one station, whose pushes the server applies one at a time),
 * each queue about DOCKSIDE_BENCH_STORM_EVENTS (default 500) events while the server process is
 * down; then it comes back. Measures from the server listening again to every station drained, and
 * each station's own drain (from showing it is online again to its last event acknowledged).
 * Goals (issue 9): ≤ 15 s overall, each station ≤ 3 s.
 * On a floor the server has a machine of its own; here it shares two cores with every station. With
 * DOCKSIDE_BENCH_STORM_SERVER_NICE (e.g. -10) the server process and the bench's own PostgreSQL
 * (not one given by DATABASE_URL) run at that priority once the server is back, as if on their own machine.
 * It also prints, and writes, the CPU each kind of process spent from the server's return to the
 * last station drained (process-cpu.ts): on two cores shared by all of them, that is what bounds it.
 * PostgreSQL: DATABASE_URL, else a throwaway cluster from scripts/start-test-postgres.sh.
 */
import { execSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import type { Page } from '@playwright/test';
import { createTestDatabase } from '../src/server/testing/test-database';
import { cpuSnapshot, cpuSplit, describeSplit } from './process-cpu';
import { startPostgres, writeResult } from './server-kit';
import {
  ensureRendererBuilt,
  launchChromium,
  loadAverage,
  openStation,
  packOrder,
  paintedWhen,
  seededServer,
  sizeFromEnv,
  startStationHost,
  takeAhead,
  verdict,
} from './station-kit';

const STATIONS = sizeFromEnv('DOCKSIDE_BENCH_STORM_STATIONS', 20);
const HOSTS = Math.min(STATIONS, sizeFromEnv('DOCKSIDE_BENCH_STORM_HOSTS', STATIONS));
const EVENTS = sizeFromEnv('DOCKSIDE_BENCH_STORM_EVENTS', 500);
const GOAL_ALL = 15;
const GOAL_EACH = 3;
const SERVER_NICE = Number(process.env.DOCKSIDE_BENCH_STORM_SERVER_NICE ?? 0);

const pg = await startPostgres();
if ('skipped' in pg) {
  console.log(`storm skipped: ${pg.skipped}`);
  writeResult('storm', { skipped: pg.skipped });
  process.exit(0);
}
let result: Record<string, unknown> | null = null;
try {
  await ensureRendererBuilt();
  const database = await createTestDatabase(pg.url, 'dockside_bench');
  // About five events an order; a spare pool so every browser has its own orders.
  const ordersPerStation = Math.ceil(EVENTS / 3);
  const orders = STATIONS * ordersPerStation + 200;
  const server = await seededServer({ orders, stations: HOSTS, databaseUrl: database.url });
  const hosts = await Promise.all(server.enrollmentCodes.map((code) => startStationHost(server.url, code)));
  // Each station host takes the orders its browsers will pack (each browser gets its own share),
  // before any page is open: with 20 pages pulling every change, a take took longer than a station
  // host's 15 s request limit at load 23 and the bench never started. One host at a time: each
  // take holds the revision lock while it assigns its orders.
  const browsersOf = (h: number) => Array.from({ length: STATIONS }, (_, i) => i).filter((i) => i % HOSTS === h).length;
  const shares: Awaited<ReturnType<typeof takeAhead>>[] = [];
  for (const [h, host] of hosts.entries()) shares.push(await takeAhead(host, server.url, ordersPerStation * browsersOf(h), 20));
  const browser = await launchChromium();
  const pages: Page[] = [];
  for (let i = 0; i < STATIONS; i++) {
    const page = await (await browser.newContext()).newPage();
    // A station's queue is every order but those other stations hold.
    const heldElsewhere = shares.reduce((n, share, h) => (h === i % HOSTS ? n : n + share.length), 0);
    const took = await openStation(page, hosts[i % HOSTS]!.url, orders - heldElsewhere);
    console.log(
      `station ${i + 1} of ${STATIONS} opened: ${orders - heldElsewhere} orders to pack synced in ${took.toFixed(1)} s; load ${loadAverage().join(' ')}`,
    );
    pages.push(page);
  }
  const work = pages.map((_, i) => shares[i % HOSTS]!.splice(0, ordersPerStation));
  await Promise.all(
    pages.map((page, i) =>
      paintedWhen(
        page,
        '[data-testid="held-count"]',
        String(ordersPerStation * pages.filter((_, k) => k % HOSTS === i % HOSTS).length),
        600_000,
      ),
    ),
  );

  await server.stopProcess();
  await Promise.all(pages.map((page) => paintedWhen(page, '[data-testid="connection"]', 'Offline')));
  const queued = await Promise.all(
    pages.map(async (page, i) => {
      let n = 0;
      for (const order of work[i]!) {
        if (n >= EVENTS) break;
        await packOrder(page, order);
        n += 1 + order.units.length;
      }
      await paintedWhen(page, '[data-testid="pending-events"]', `${n} waiting`);
      return n;
    }),
  );
  console.log(`${queued.reduce((a, b) => a + b, 0)} events queued offline at ${STATIONS} stations`);

  const load = loadAverage();
  await server.startProcess();
  // This bench's PostgreSQL: its postmaster listens on the URL's port and runs detached.
  const pgrep = (args: string) => execSync(`pgrep ${args} || true`).toString().split(/\s+/).filter(Boolean);
  const postmaster = pgrep(`-f -- 'bin/postgres .*-p ${new URL(pg.url).port}( |$)'`);
  if (SERVER_NICE) {
    // The backends of later connections fork from the postmaster and inherit its priority.
    const pids = [server.process.child.pid!, ...postmaster, ...postmaster.flatMap((p) => pgrep(`-P ${p}`))];
    execSync(`renice -n ${SERVER_NICE} -p ${pids.join(' ')}`);
  }
  const cpuAtBack = cpuSnapshot(postmaster.map(Number));
  const backAt = Date.now();
  // A station's own drain runs from the moment it shows it is online again to its last event acknowledged.
  const timings = await Promise.all(
    pages.map(async (page) => {
      const [onlineAt, drainedAt] = await Promise.all([
        paintedWhen(page, '[data-testid="connection"]', 'Online', 900_000),
        paintedWhen(page, '[data-testid="pending-events"]', '0 waiting', 900_000),
      ]);
      return {
        noticed: (onlineAt - backAt) / 1000,
        drained: (drainedAt - backAt) / 1000,
        own: (drainedAt - Math.min(onlineAt, drainedAt)) / 1000,
      };
    }),
  );
  const cpu = cpuSplit(cpuAtBack, cpuSnapshot(postmaster.map(Number)));
  const all = timings.map((t) => t.drained).sort((a, b) => a - b);
  const each = timings.map((t) => t.own).sort((a, b) => a - b);
  const noticed = timings.map((t) => t.noticed).sort((a, b) => a - b);
  const overall = all.at(-1)!;
  await browser.close();
  await Promise.all(hosts.map((h) => h.stop()));
  await server.stop();
  await database.drop();

  console.log(verdict(`${STATIONS} stations: server back → all drained`, Number(overall.toFixed(2)), GOAL_ALL, 's'));
  console.log(
    verdict('slowest station, online → drained', Number(each.at(-1)!.toFixed(2)), GOAL_EACH, 's'),
    `(fastest ${each[0]!.toFixed(2)} s, median ${each[Math.floor(each.length / 2)]!.toFixed(2)} s)`,
  );
  console.log(describeSplit(cpu, overall, availableParallelism()));
  console.log(
    `server back → station online: fastest ${noticed[0]!.toFixed(2)} s, slowest ${noticed.at(-1)!.toFixed(2)} s; load ${load.join(' ')}`,
  );
  result = {
    stations: STATIONS,
    stationHosts: HOSTS,
    eventsPerStation: queued,
    overallSeconds: Number(overall.toFixed(2)),
    eachSeconds: each.map((x) => Number(x.toFixed(2))),
    drainedSeconds: all.map((x) => Number(x.toFixed(2))),
    noticedSeconds: noticed.map((x) => Number(x.toFixed(2))),
    goalOverallSeconds: GOAL_ALL,
    goalEachSeconds: GOAL_EACH,
    loadAverage: load,
    cpuSecondsByProcess: cpu,
    serverNice: SERVER_NICE,
  };
} finally {
  await pg.stop();
}
writeResult('storm', result);
process.exit(0);

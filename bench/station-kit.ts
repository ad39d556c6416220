/**
 * Shared pieces of the station benchmarks (scan, open, drain, cold sync, storm, live update):
 * a central server process on a database seeded in bulk, station host processes enrolled with
 * it, a TCP link between them the bench can cut, and Chromium pages driving the real renderer.
 * Timings inside the page are taken with performance.now() up to the frame after the change
 * (the change was painted), so they are what a packer sees.
 */
import { chromium, type Browser, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCentralServer } from '../src/server/app';
import { configFromEnv } from '../src/server/config';
import { seedBulkOrders } from '../src/server/demo/seed-bulk';
import { spawnServer, type ServerProcess } from '../src/server/testing/server-process';
import { ADMIN_TOKEN, call, must } from './server-kit';
import { REREAD_MS } from '../src/shared/domain/scan-code';
import { CHROMIUM_PATH, chromiumArgs } from '../e2e/support/chromium-args';
import type { IndexedDbBackend } from '../src/main/electron/indexeddb-backend';
import { openUninstrumentedPage } from './uninstrumented-page';

/** A size from the environment (for quick runs), else the issue's. */
export function sizeFromEnv(name: string, fallback: number): number {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v > 0 ? v : fallback;
}

/** Child processes to end if the bench ends early (a thrown error, a timeout's SIGTERM). */
const children = new Set<ChildProcess>();
function endChildren() {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
}
process.once('exit', endChildren);
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(1));
process.on('unhandledRejection', (err) => {
  console.error(err);
  process.exit(1);
});

export function loadAverage(): number[] {
  return loadavg().map((x) => Math.round(x * 100) / 100);
}

/** Builds the station when its build is missing or older than its sources (scripts/ensure-renderer-built.mjs). */
export async function ensureRendererBuilt(): Promise<void> {
  await new Promise<void>((resolve, reject) =>
    spawn(process.execPath, ['scripts/ensure-renderer-built.mjs'], { stdio: 'inherit' }).once('exit', (c) =>
      c === 0 ? resolve() : reject(new Error('build failed')),
    ),
  );
}

export interface SeededServer {
  url: string;
  warehouseId: string;
  process: ServerProcess;
  /** Enrollment codes for `stations` stations of the warehouse. */
  enrollmentCodes: string[];
  /** Ends the server process (the database stays). */
  stopProcess(): Promise<void>;
  /** Starts it again on the same port and database; resolves once it listens. */
  startProcess(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * A central server process on a database holding `orders` open fulfillment orders of one
 * warehouse. Seeded in this process first (a PGlite directory belongs to one process), then
 * served by `src/server/main.ts` in its own.
 */
export async function seededServer(options: { orders: number; stations?: number; databaseUrl?: string }): Promise<SeededServer> {
  const dir = mkdtempSync(join(tmpdir(), 'dockside-bench-server-'));
  const env: Record<string, string> = options.databaseUrl
    ? { DATABASE_URL: options.databaseUrl }
    : { DATABASE_URL: '', DOCKSIDE_DATA_DIR: dir };
  const seeding = await createCentralServer({ ...configFromEnv(env), bootstrapToken: ADMIN_TOKEN });
  const inject = async (method: 'POST', url: string, payload: unknown) => {
    const res = await seeding.app.inject({ method, url, payload: payload as object, headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    if (res.statusCode >= 300) throw new Error(`${url}: HTTP ${res.statusCode} ${res.body}`);
    return res.json() as any;
  };
  const wh = await inject('POST', '/v1/warehouses', { code: 'BENCH-1', name: 'Bench DC' });
  const started = performance.now();
  await seedBulkOrders(seeding.db, { warehouseId: wh.id, count: options.orders, seed: 7 });
  console.log(`seeded ${options.orders} orders in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  const enrollmentCodes: string[] = [];
  for (let i = 0; i < (options.stations ?? 1); i++)
    enrollmentCodes.push((await inject('POST', '/v1/stations', { name: `Bench station ${i + 1}`, warehouseId: wh.id })).enrollmentCode);
  await seeding.close();
  const serverEnv = { ...env, DOCKSIDE_BOOTSTRAP_TOKEN: ADMIN_TOKEN, NODE_ENV: 'production' };

  let proc = await spawnServer(serverEnv, { startTimeoutMs: 150_000 });
  children.add(proc.child);
  const port = new URL(proc.url).port;
  return {
    url: proc.url,
    warehouseId: wh.id,
    get process() {
      return proc;
    },
    enrollmentCodes,
    stopProcess: () => proc.stop(),
    async startProcess() {
      proc = await spawnServer({ ...serverEnv, PORT: port }, { startTimeoutMs: 150_000 });
      children.add(proc.child);
    },
    async stop() {
      await proc.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The network between a station host and the server, as a TCP relay the bench can cut and restore. */
export interface Link {
  url: string;
  cut(): Promise<void>;
  restore(): Promise<void>;
  close(): Promise<void>;
}

export async function startLink(serverUrl: string): Promise<Link> {
  const serverPort = Number(new URL(serverUrl).port);
  const sockets = new Set<Socket>();
  let relay: Server | null = null;
  let port = 0;
  const listen = () =>
    new Promise<void>((resolve, reject) => {
      const srv = createServer((station) => {
        const upstream = connect(serverPort, '127.0.0.1');
        const drop = () => {
          station.destroy();
          upstream.destroy();
          sockets.delete(station);
          sockets.delete(upstream);
        };
        sockets.add(station).add(upstream);
        station.pipe(upstream);
        upstream.pipe(station);
        for (const s of [station, upstream]) s.on('error', drop).on('close', drop);
      });
      srv.once('error', reject);
      srv.listen(port, '127.0.0.1', () => {
        port = (srv.address() as { port: number }).port;
        relay = srv;
        resolve();
      });
    });
  const cut = () =>
    new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      sockets.clear();
      if (!relay) return resolve();
      relay.close(() => resolve());
      relay = null;
    });
  await listen();
  return { url: `http://127.0.0.1:${port}`, cut, restore: listen, close: cut };
}

export interface StationHost {
  url: string;
  /** This bench's own device token, for calls a page would make (taking orders ahead). */
  call<T = any>(name: string, arg?: unknown): Promise<T>;
  stop(): Promise<void>;
}

/** A station host process (src/main/station-host/main.ts), enrolled with the server at `serverUrl`. */
export async function startStationHost(serverUrl: string, enrollmentCode: string): Promise<StationHost> {
  const dir = mkdtempSync(join(tmpdir(), 'dockside-bench-station-'));
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/main/station-host/main.ts'], {
    env: { ...process.env, PORT: '0', DOCKSIDE_DATA_DIR: dir, DOCKSIDE_SERVER_URL: serverUrl, NODE_NO_WARNINGS: '1' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.add(child);
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /station host on (http:\/\/[\d.]+:\d+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`station host exited with ${code}: ${out}`)));
  });
  const issued = (await (
    await fetch(`${url}/api/devices`, { method: 'POST', headers: { 'content-type': 'application/json', origin: url }, body: '{}' })
  ).json()) as { deviceToken: string };
  const callHost = async <T>(name: string, arg?: unknown): Promise<T> => {
    const res = await fetch(`${url}/api/call/${name}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'dockside-device-token': issued.deviceToken },
      body: JSON.stringify({ arg }),
    });
    const body = (await res.json()) as { ok: boolean; result?: T; error?: { message: string } };
    if (!body.ok) throw new Error(`${name}: ${body.error?.message}`);
    return body.result as T;
  };
  await callHost('station.enroll', { serverUrl, code: enrollmentCode });
  // Enrolled is not yet connected: a take (which needs the server) waits until main has reached it.
  const deadline = Date.now() + 60_000;
  while (!(await callHost<{ online: boolean }>('sync.connection')).online) {
    if (Date.now() > deadline) throw new Error('the station host did not reach the server within 60 s');
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    call: callHost,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        const t = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(t);
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * IndexedDB's backend in the benchmarks' browsers: SQLite, as a new profile runs on Chromium 149+;
 * DOCKSIDE_BENCH_INDEXEDDB=leveldb measures one on LevelDB (an older install, or Electron 41's Chromium).
 */
export const INDEXEDDB_BACKEND: IndexedDbBackend = process.env.DOCKSIDE_BENCH_INDEXEDDB === 'leveldb' ? 'leveldb' : 'sqlite';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: chromiumArgs(INDEXEDDB_BACKEND) });
}

/** Opens the station page and waits until it shows `orders` orders to pack; returns the seconds that took. */
export async function openStation(page: Page, stationUrl: string, orders: number): Promise<number> {
  const started = performance.now();
  await page.goto(stationUrl);
  await page
    .waitForFunction((n) => document.querySelector('[data-testid="queue-count"]')?.textContent === String(n), orders, {
      timeout: 600_000,
      polling: 50,
    })
    .catch(async (err: unknown) => {
      const shown = await page
        .getByTestId('queue-count')
        .textContent({ timeout: 1000 })
        .catch(() => 'nothing');
      throw new Error(`${stationUrl} shows ${shown} orders to pack, not ${orders}: ${String(err)}`);
    });
  return (performance.now() - started) / 1000;
}

/**
 * openStation in a Chromium no test driver instruments (uninstrumented-page.ts), for a figure of
 * the renderer's own memory: the seconds from opening the page until it shows `orders` orders to
 * pack, and the renderer's memory then. The page is polled every 50 ms, as openStation polls.
 */
export async function openStationUninstrumented(
  stationUrl: string,
  orders: number,
): Promise<{ seconds: number; memory: ReturnType<typeof rendererMemoryMb> }> {
  const page = await openUninstrumentedPage(CHROMIUM_PATH, chromiumArgs(INDEXEDDB_BACKEND));
  try {
    const started = performance.now();
    await page.navigate(stationUrl);
    const deadline = Date.now() + 600_000;
    for (let shown = await page.textOf(QUEUE_COUNT); shown !== String(orders); shown = await page.textOf(QUEUE_COUNT)) {
      if (Date.now() > deadline) throw new Error(`${stationUrl} shows ${shown ?? 'nothing'} orders to pack, not ${orders}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const seconds = (performance.now() - started) / 1000;
    return { seconds, memory: rendererMemoryMb() };
  } finally {
    await page.close();
  }
}
const QUEUE_COUNT = '[data-testid="queue-count"]';

/**
 * Page-side helpers, as source text: tsx would otherwise wrap named functions inside a
 * page.evaluate callback with a helper that exists only in Node.
 */
const PAGE_HELPERS = String.raw`
  // Whole words only: '150 waiting' must not pass for '0 waiting'.
  const holds = (selector, text) => (' ' + (document.querySelector(selector)?.textContent ?? '') + ' ').includes(' ' + text + ' ');
  const until = (selector, text, timeoutMs) => new Promise((resolve, reject) => {
    if (holds(selector, text)) return resolve();
    const timer = setTimeout(() => reject(new Error(selector + ' still reads "' + document.querySelector(selector)?.textContent + '", not "' + text + '" (message: ' + document.querySelector('[data-testid="message"]')?.textContent + ')')), timeoutMs);
    const observer = new MutationObserver(() => {
      if (!holds(selector, text)) return;
      observer.disconnect();
      clearTimeout(timer);
      resolve();
    });
    observer.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
  });
  // The next frame's callbacks run before its paint; a task queued from there runs after it.
  const painted = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  const scan = (code) => {
    const target = document.activeElement ?? document.body;
    // Made first, dispatched after: an event's timeStamp is when it was made, and a scanner's keys
    // are stamped as they arrive, not when a busy page gets to each (the station would see a
    // stall inside the code and ask for it again).
    const keys = [...code, 'Enter'].map((key) => new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
    for (const key of keys) target.dispatchEvent(key);
    window.__lastScan = { code, at: performance.now() };
  };
  // The next unit of the same item comes a person's moment later (sooner, the station takes it for the same label read twice).
  const apart = (code) => {
    const last = window.__lastScan;
    const wait = last && last.code === code ? last.at + ${REREAD_MS + 100} - performance.now() : 0;
    return wait > 0 ? new Promise((resolve) => setTimeout(resolve, wait)) : Promise.resolve();
  };
`;

function inPage<T>(page: Page, body: string, args: Record<string, unknown>): Promise<T> {
  return page.evaluate(`(async (args) => { ${PAGE_HELPERS}\n${body} })(${JSON.stringify(args)})`) as Promise<T>;
}

/**
 * A keyboard-wedge scan dispatched inside the page (all keys in one task, as a fast scanner's
 * arrive), and the milliseconds until `done` holds in the DOM and the frame after it was painted.
 */
export async function timedScan(page: Page, code: string, done: { selector: string; text: string }): Promise<number> {
  return (await timedScanSplit(page, code, done)).paintedMs;
}

/**
 * timedScan, with when the DOM changed (the rest is waiting for the next frame) and how many
 * frames began before it did: 0 means the change was painted in the first frame after the scan.
 */
export function timedScanSplit(
  page: Page,
  code: string,
  done: { selector: string; text: string },
): Promise<{ changedMs: number; paintedMs: number; framesBefore: number }> {
  return inPage<{ changedMs: number; paintedMs: number; framesBefore: number }>(
    page,
    `
    await apart(args.code);
    let framesBefore = 0;
    let watching = true;
    const tick = () => { if (watching) { framesBefore += 1; requestAnimationFrame(tick); } };
    requestAnimationFrame(tick);
    const started = performance.now();
    scan(args.code);
    await until(args.selector, args.text, 30000);
    watching = false;
    const changedMs = performance.now() - started;
    await painted();
    return { changedMs, paintedMs: performance.now() - started, framesBefore };`,
    { code, ...done },
  );
}

/**
 * timedScan's measure for a DOM change that takes no work at all: what waiting for the display's
 * next frame costs alone (at 60 Hz, anything from 0 to 16.7 ms, by where in the frame it starts).
 */
export function timedEmptyChange(page: Page): Promise<number> {
  return inPage<number>(
    page,
    `
    // A scan arrives at any point of a frame: so does this.
    await new Promise((resolve) => setTimeout(resolve, Math.random() * 17));
    const started = performance.now();
    document.body.dataset.benchTick = String(started);
    await painted();
    return performance.now() - started;`,
    {},
  );
}

/** Opens an order and scans all its units in one burst, and waits until the station counted them all. */
export function packOrder(page: Page, order: { orderNumber: string; units: string[] }): Promise<void> {
  return inPage<void>(
    page,
    `
    for (const code of [args.orderNumber, ...args.units]) {
      await apart(code);
      scan(code);
    }
    await until('[data-testid="open-order"] h2', args.orderNumber + ' ' + args.units.length + ' of ' + args.units.length + ' scanned', 60000);`,
    order,
  );
}

/**
 * Takes orders ahead for the station (as "Take orders" does) until it holds `count`, `perCall` at a
 * time (at most 50), and returns them with their units.
 */
export async function takeAhead(host: StationHost, serverUrl: string, count: number, perCall = 50) {
  const open = new Map((await listOrders(serverUrl, count + 200)).map((o) => [o.orderNumber, o]));
  const held: { id: string; orderNumber: string; units: string[] }[] = [];
  while (held.length < count) {
    const { taken } = await host.call<{ taken: { orderNumber: string }[] }>('leases.take', {
      count: Math.min(perCall, count - held.length),
    });
    if (!taken.length) throw new Error(`only ${held.length} orders could be taken`);
    for (const t of taken)
      held.push(
        open.get(t.orderNumber) ??
          (() => {
            throw new Error(`${t.orderNumber} was not listed open`);
          })(),
      );
  }
  return held;
}

/** When (epoch ms, the page's clock) `selector`'s text includes `text` and the frame after it painted. */
export function paintedWhen(page: Page, selector: string, text: string, timeoutMs = 120_000): Promise<number> {
  return inPage<number>(
    page,
    `
    await until(args.selector, args.text, args.timeoutMs);
    await painted();
    return performance.timeOrigin + performance.now();`,
    { selector, text, timeoutMs },
  );
}

/** Open fulfillment orders of the warehouse as the server lists them (order number, barcodes of each unit). */
export async function listOrders(serverUrl: string, count: number): Promise<{ id: string; orderNumber: string; units: string[] }[]> {
  const out: { id: string; orderNumber: string; units: string[] }[] = [];
  let cursor: string | undefined;
  while (out.length < count) {
    const page = await must(
      call(serverUrl, 'GET', `/v1/fulfillment-orders?status=open&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`),
    );
    for (const fo of page.data as {
      id: string;
      orderNumber: string;
      lines: { barcode: string | null; sku: string; quantity: number }[];
    }[]) {
      out.push({
        id: fo.id,
        orderNumber: fo.orderNumber,
        units: fo.lines.flatMap((l) => Array.from({ length: l.quantity }, () => l.barcode ?? l.sku)),
      });
    }
    cursor = page.nextCursor ?? undefined;
    if (!cursor) break;
  }
  return out.slice(0, count);
}

export function summary(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b);
  const at = (p: number) => Math.round(s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]! * 10) / 10;
  return { count: s.length, p50Ms: at(50), p95Ms: at(95), maxMs: at(100) };
}

/** "figure (goal): met / NOT met" */
export function verdict(label: string, value: number, goal: number, unit: string): string {
  return `${label}: ${value} ${unit} (goal ≤ ${goal} ${unit}) ${value <= goal ? 'met' : 'NOT met'}`;
}

/** Peak and current resident memory (MB) of the Chromium renderer processes this bench started (descendants of this process). */
export function rendererMemoryMb(): { peakMb: number; currentMb: number } {
  const parentOf = (pid: string): string | null => {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1] ?? null;
    } catch {
      return null;
    }
  };
  const ours = (pid: string) => {
    for (let p: string | null = pid, hops = 0; p && p !== '0' && hops < 10; p = parentOf(p), hops++)
      if (p === String(process.pid)) return true;
    return false;
  };
  let peakMb = 0;
  let currentMb = 0;
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('--type=renderer') || !ours(pid)) continue;
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
      peakMb = Math.max(peakMb, kb('VmHWM') / 1024);
      currentMb = Math.max(currentMb, kb('VmRSS') / 1024);
    } catch {
      /* gone */
    }
  }
  return { peakMb: Math.round(peakMb), currentMb: Math.round(currentMb) };
}

/**
 * Cold sync: N fulfillment orders (default 10,000; DOCKSIDE_BENCH_ORDERS) from the central
 * server to a fresh station in Chromium, through the real path: server pull endpoint → station
 * host → renderer → RxDB on IndexedDB. Measures from the page opening on an empty database until
 * every order is in IndexedDB and counted by the station UI.
 */
import { chromium } from '@playwright/test';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCentralServer } from '../src/server/app';
import { configFromEnv } from '../src/server/config';
import { seedBulkOrders } from '../src/server/demo/seed-bulk';

const N = Number(process.env.DOCKSIDE_BENCH_ORDERS ?? 10_000);
const ADMIN = 'dks_bench_admin_token_0123456789abcdef';
const dir = mkdtempSync(join(tmpdir(), 'dockside-coldsync-'));

if (!existsSync('out/renderer/index.html')) {
  await new Promise<void>((resolve, reject) => spawn('npx', ['electron-vite', 'build'], { stdio: 'inherit' }).once('exit', (c) => (c === 0 ? resolve() : reject(new Error('build failed')))));
}

const server = await createCentralServer({ ...configFromEnv({ DOCKSIDE_DATA_DIR: join(dir, 'server'), DOCKSIDE_LOG_LEVEL: process.env.DOCKSIDE_LOG_LEVEL ?? 'warn' }), bootstrapToken: ADMIN });
await server.app.listen({ port: 0, host: '127.0.0.1' });
const serverUrl = `http://127.0.0.1:${(server.app.server.address() as { port: number }).port}`;
const api = async (method: string, path: string, body?: unknown) => {
  const res = await fetch(serverUrl + path, { method, headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  return (await res.json()) as any;
};

const wh = await api('POST', '/v1/warehouses', { code: 'BENCH-1', name: 'Bench DC' });
const seedStart = performance.now();
await seedBulkOrders(server.db, { warehouseId: wh.id, count: N, seed: 7 });
const seedSeconds = (performance.now() - seedStart) / 1000;
console.log(`seeded ${N} orders with fulfillment orders in ${seedSeconds.toFixed(1)} s`);
const station = await api('POST', '/v1/stations', { name: 'Bench station', warehouseId: wh.id });

const stationPort = 5600 + Math.floor(Math.random() * 300);
const host = spawn(process.execPath, ['--import', 'tsx', 'src/main/station-host/main.ts'], {
  env: { ...process.env, PORT: String(stationPort), DOCKSIDE_DATA_DIR: join(dir, 'station'), DOCKSIDE_SERVER_URL: serverUrl },
  stdio: ['ignore', 'pipe', 'inherit'],
});
await new Promise<void>((resolve) => host.stdout!.on('data', (d: Buffer) => d.toString().includes('station host on') && resolve()));
const stationUrl = `http://127.0.0.1:${stationPort}`;
const enrolled = await fetch(`${stationUrl}/api/call/station.enroll`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ arg: { serverUrl, code: station.enrollmentCode } }) });
if (!((await enrolled.json()) as { ok: boolean }).ok) throw new Error('enrollment failed');

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const page = await browser.newPage();
const started = performance.now();
await page.goto(stationUrl);
await page.waitForFunction((n) => document.querySelector('[data-testid="queue-count"]')?.textContent === String(n), N, { timeout: 600_000, polling: 100 });
const seconds = (performance.now() - started) / 1000;
const stored = await page.evaluate(async () => {
  const dbs = await indexedDB.databases();
  return dbs.map((d) => d.name).filter(Boolean);
});
await browser.close();
host.kill('SIGTERM');
await server.close();
rmSync(dir, { recursive: true, force: true });

const result = {
  benchmark: 'cold-sync',
  orders: N,
  seconds: Number(seconds.toFixed(2)),
  documentsPerSecond: Math.round(N / seconds),
  seedSeconds: Number(seedSeconds.toFixed(2)),
  path: 'PGlite server → /v1/sync/pull (500 per batch) → station host → Chromium renderer → RxDB Dexie (IndexedDB)',
  indexedDbDatabases: stored.length,
  measuredAt: new Date().toISOString(),
};
console.log(`cold sync: ${N} orders in ${result.seconds} s = ${result.documentsPerSecond} documents/s`);
mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/cold-sync.json', JSON.stringify(result, null, 2));
process.exit(0);

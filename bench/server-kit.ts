/**
 * Shared pieces of the server benchmarks (bench/server-*.bench.ts): a central server in its own
 * process (so the load generator does not share its event loop), PostgreSQL from
 * scripts/start-test-postgres.sh when DATABASE_URL is unset, a keep-alive HTTP client bound to
 * 127.0.0.1, percentiles, and the JSON result file.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { spawnServer, type ServerProcess } from '../src/server/testing/server-process';
import { createTestDatabase, type TestDatabase } from '../src/server/testing/test-database';

const run = promisify(execFile);
export const ADMIN_TOKEN = 'dks_bench_admin_token_0123456789abcdef';

export type Engine = 'pglite' | 'postgres';

export interface PostgresHandle {
  url: string;
  stop(): Promise<void>;
}

/** DATABASE_URL when set; else a throwaway cluster; null (with the reason printed) when neither works. */
export async function startPostgres(): Promise<PostgresHandle | { skipped: string }> {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, stop: async () => {} };
  try {
    const { stdout } = await run('bash', ['scripts/start-test-postgres.sh'], { timeout: 60_000 });
    const env = Object.fromEntries([...stdout.matchAll(/^export (\w+)=(.*)$/gm)].map((m) => [m[1]!, m[2]!]));
    return {
      url: env.DATABASE_URL!,
      stop: async () => void (await run('bash', ['scripts/stop-test-postgres.sh', env.DOCKSIDE_PG_DIR!]).catch(() => {})),
    };
  } catch (err) {
    const e = err as { code?: number; stderr?: string; message: string };
    return {
      skipped:
        e.code === 3
          ? 'PostgreSQL is not installed and DATABASE_URL is unset'
          : `could not start PostgreSQL: ${(e.stderr ?? e.message).trim()}`,
    };
  }
}

export interface BenchServer {
  engine: Engine;
  url: string;
  process: ServerProcess;
  /** For seeding directly (PostgreSQL only: a PGlite directory belongs to the server process). */
  databaseUrl: string | null;
  close(): Promise<void>;
}

/** A central server process on a fresh database of the given engine. */
export async function startServer(engine: Engine, pg: PostgresHandle | null, env: Record<string, string> = {}): Promise<BenchServer> {
  let db: TestDatabase | null = null;
  let dir: string | null = null;
  const base: Record<string, string> = { DOCKSIDE_BOOTSTRAP_TOKEN: ADMIN_TOKEN, NODE_ENV: 'production', ...env };
  if (engine === 'postgres') {
    if (!pg) throw new Error('no PostgreSQL');
    db = await createTestDatabase(pg.url, 'dockside_bench');
    base.DATABASE_URL = db.url;
  } else {
    dir = mkdtempSync(join(tmpdir(), 'dockside-bench-'));
    base.DATABASE_URL = '';
    base.DOCKSIDE_DATA_DIR = dir;
  }
  const proc = await spawnServer(base, { startTimeoutMs: 120_000 });
  return {
    engine,
    url: proc.url,
    process: proc,
    databaseUrl: db?.url ?? null,
    async close() {
      await proc.stop();
      await db?.drop();
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

const agent = new Agent({ keepAlive: true, maxSockets: 256 });

export interface Res<T = any> {
  status: number;
  body: T;
  ms: number;
}

/** One HTTP call over a keep-alive connection; ms is the client-side latency. */
export function call<T = any>(
  baseUrl: string,
  method: string,
  path: string,
  body?: unknown,
  token: string | null = ADMIN_TOKEN,
): Promise<Res<T>> {
  const url = new URL(path, baseUrl);
  const payload = body === undefined ? undefined : JSON.stringify(body);
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (payload !== undefined) {
    headers['content-type'] = 'application/json';
    headers['content-length'] = String(Buffer.byteLength(payload));
  }
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: url.port, path: url.pathname + url.search, method, headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let parsed: unknown = text;
        try {
          parsed = text ? JSON.parse(text) : null;
        } catch {
          /* not JSON */
        }
        resolve({ status: res.statusCode ?? 0, body: parsed as T, ms: performance.now() - started });
      });
    });
    req.on('error', reject);
    if (payload !== undefined) req.write(payload);
    req.end();
  });
}

export async function must<T = any>(p: Promise<Res<T>>, expected = 200): Promise<T> {
  const r = await p;
  if (r.status !== expected) throw new Error(`expected HTTP ${expected}, got ${r.status}: ${JSON.stringify(r.body)}`);
  return r.body;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (!sorted.length) return 0;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

export function latencySummary(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b);
  const r = (x: number) => Math.round(x * 100) / 100;
  return {
    count: s.length,
    p50Ms: r(percentile(s, 50)),
    p90Ms: r(percentile(s, 90)),
    p99Ms: r(percentile(s, 99)),
    maxMs: r(s.at(-1) ?? 0),
  };
}

/** Closed loop: `clients` workers each issue requests back to back until `total` are done. */
export async function closedLoop(
  clients: number,
  total: number,
  fn: (i: number) => Promise<Res>,
): Promise<{ latencies: number[]; errors: number; seconds: number }> {
  let next = 0;
  let errors = 0;
  const latencies: number[] = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      for (;;) {
        const i = next++;
        if (i >= total) return;
        const r = await fn(i);
        if (r.status >= 400) errors++;
        latencies.push(r.ms);
      }
    }),
  );
  return { latencies, errors, seconds: (performance.now() - started) / 1000 };
}

/** Open loop: starts a request every 1/rate seconds whatever the answers do (no coordinated omission). */
export async function openLoop(
  ratePerSecond: number,
  total: number,
  fn: (i: number) => Promise<Res>,
): Promise<{
  latencies: number[];
  errors: number;
  seconds: number;
  lateStarts: number;
  clientLoopDelayP99Ms: number;
  slowAtSeconds: number[];
}> {
  const latencies: number[] = [];
  const slowAtSeconds: number[] = [];
  // The client's own event-loop delay: when it is high, the machine (not the server) stalled.
  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  let errors = 0;
  let lateStarts = 0;
  const started = performance.now();
  const pending: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / ratePerSecond;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    else if (wait < -5) lateStarts++;
    const scheduled = due;
    pending.push(
      fn(i).then((r) => {
        if (r.status >= 400) errors++;
        // Latency from when the request was due, so a stalled client does not hide server delay.
        const latency = r.ms + Math.max(0, performance.now() - r.ms - scheduled);
        latencies.push(latency);
        if (latency > 50) slowAtSeconds.push(Math.round((scheduled - started) / 100) / 10);
      }),
    );
  }
  await Promise.all(pending);
  delay.disable();
  return {
    latencies,
    errors,
    seconds: (performance.now() - started) / 1000,
    lateStarts,
    clientLoopDelayP99Ms: Math.round(delay.percentile(99) / 1e4) / 100,
    slowAtSeconds,
  };
}

export function writeResult(name: string, data: unknown): void {
  mkdirSync('bench/results', { recursive: true });
  const file = `bench/results/${name}.json`;
  writeFileSync(file, `${JSON.stringify({ name, at: new Date().toISOString(), node: process.version, ...(data as object) }, null, 2)}\n`);
  console.log(`wrote ${file}`);
}

/** A warehouse with stock of the bench SKUs and an enrolled station. */
export async function setUpWarehouse(url: string, code: string, skus: string[], onHand = 1_000_000) {
  const wh = await must(call(url, 'POST', '/v1/warehouses', { code, name: `Bench ${code}`, priority: 10 }), 201);
  for (const sku of skus) await must(call(url, 'PUT', `/v1/inventory/${wh.id}/${sku}`, { onHand }));
  return { warehouseId: wh.id as string };
}

export async function enrollStation(url: string, warehouseId: string, name: string) {
  const st = await must(call(url, 'POST', '/v1/stations', { name, warehouseId }), 201);
  const enrolled = await must(call(url, 'POST', '/v1/stations/enroll', { code: st.enrollmentCode }, null), 201);
  return { stationId: enrolled.stationId as string, token: enrolled.credential as string, warehouseId };
}

export const BENCH_SKUS = ['BENCH-MUG', 'BENCH-TEE', 'BENCH-CAP', 'BENCH-TOTE'];

export function benchOrder(i: number) {
  return {
    currency: 'GBP',
    channel: 'web',
    externalReference: `BENCH-${process.pid}-${i}`,
    customer: { name: `Bench Customer ${i}`, email: `bench${i}@example.com` },
    shippingAddress: {
      name: `Bench Customer ${i}`,
      line1: `${1 + (i % 200)} High Street`,
      city: 'London',
      postalCode: 'E1 6AN',
      country: 'GB',
    },
    lines: BENCH_SKUS.slice(0, 1 + (i % 3)).map((sku, k) => ({
      sku,
      barcode: `50123456${String(k).padStart(5, '0')}`,
      name: sku,
      quantity: 1 + ((i + k) % 2),
      unitPriceMinor: 1000 + k * 250,
      taxRateBps: 2000,
    })),
    shippingMinor: 495,
    payment: { status: 'paid' as const },
  };
}

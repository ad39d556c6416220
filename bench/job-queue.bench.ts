/**
 * Our queue engine (src/server/background/queue-worker.ts) against pg-boss 10.4.2 (the newest
 * pg-boss that runs on Node 20), on PGlite and on PostgreSQL (DATABASE_URL, else a throwaway
 * cluster). For DOCKSIDE_BENCH_JOBS (default 2,000) no-op jobs, each engine:
 *  - enqueue: one job at a time, back to back (jobs/s);
 *  - drain: every job waiting, one worker started, until the last is done, claiming BATCH at a
 *    time (and one at a time for ours; pg-boss one at a time is timed on DRAIN_ONE jobs only,
 *    as its worker waits out its polling interval after every fetch);
 *  - claim: how long each claim statement takes during the batch drain (p50/p95);
 *  - wake-up: an idle worker, one job enqueued, until its handler starts (p50/p95, WAKE jobs).
 * pg-boss reaches both databases through its `db: { executeSql }` option over our Database seam,
 * so both engines use the same connections.
 */
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import PgBoss from 'pg-boss';
import { openDatabase, type Database } from '../src/server/db/database';
import { startQueueWorker } from '../src/server/background/queue-worker';
import { createTestDatabase } from '../src/server/testing/test-database';
import { percentile, startPostgres, writeResult, type Engine } from './server-kit';

const JOBS = Number(process.env.DOCKSIDE_BENCH_JOBS) || 2000;
const BATCH = 50;
const DRAIN_ONE = 20;
const WAKE = 50;
const POLL_MS = 500; // pg-boss 10's smallest polling interval; ours polls as a fallback to NOTIFY.
const CHANNEL = 'bench_queue';

const round = (x: number) => Math.round(x * 100) / 100;
const load = () => loadavg().map(round);
const spread = (samples: number[]) => {
  const s = [...samples].sort((a, b) => a - b);
  return { count: s.length, p50Ms: round(percentile(s, 50)), p95Ms: round(percentile(s, 95)) };
};
const log = { error: (d: { err: unknown }, m: string) => console.error(m, d.err) };

interface Figures {
  enqueuePerSecond: number;
  drainBatchSeconds: number;
  drainOneSeconds: number;
  drainOneJobs: number;
  /** pg-boss only: fetch + complete back to back, no worker polling wait. */
  drainTightSeconds?: number;
  claim: ReturnType<typeof spread>;
  wakeUp: ReturnType<typeof spread>;
  loadAverage: number[];
}

/** A table shaped like our queues' tables (jobs, notification_outbox): status, lease, claim by row lock. */
async function createScratchQueue(db: Database) {
  await db.exec(`drop table if exists bench_queue_jobs;
    create table bench_queue_jobs (
      id uuid primary key default gen_random_uuid(),
      payload jsonb not null,
      status text not null default 'queued',
      locked_until timestamptz,
      created_at timestamptz not null default clock_timestamp());
    create index on bench_queue_jobs (created_at) where status = 'queued';`);
}

async function enqueueOurs(db: Database, n: number) {
  await db.transaction(async (tx) => {
    await tx.query(`insert into bench_queue_jobs (payload) values ($1)`, [JSON.stringify({ n })]);
    await tx.query(`select pg_notify('${CHANNEL}', '')`);
  });
}

async function measureOurs(db: Database): Promise<Figures> {
  await createScratchQueue(db);
  const claimMs: number[] = [];
  let done = 0;
  let onHandled: (() => void) | null = null;
  const queueOf = (batchSize: number) => ({
    name: 'bench queue',
    channel: CHANNEL,
    pollMs: POLL_MS,
    async claim(q: Database) {
      const t = performance.now();
      const rows = await q.query<{ id: string }>(
        `update bench_queue_jobs set status = 'running', locked_until = now() + interval '30 seconds'
          where id in (select id from bench_queue_jobs where status = 'queued' or (status = 'running' and locked_until < now())
                        order by created_at limit $1 for update skip locked)
          returning id`,
        [batchSize],
      );
      claimMs.push(performance.now() - t);
      return rows;
    },
    async handle(q: Database, items: { id: string }[]) {
      onHandled?.();
      await q.query(`update bench_queue_jobs set status = 'done', locked_until = null where id = any($1::uuid[])`, [
        items.map((i) => i.id),
      ]);
      done += items.length;
    },
    log,
  });
  const drain = async (batchSize: number) => {
    done = 0;
    claimMs.length = 0;
    const start = performance.now();
    const worker = startQueueWorker(db, queueOf(batchSize));
    while (done < JOBS) await new Promise((r) => setTimeout(r, 1));
    const seconds = (performance.now() - start) / 1000;
    await worker.stop();
    return seconds;
  };

  let t = performance.now();
  for (let i = 0; i < JOBS; i++) await enqueueOurs(db, i);
  const enqueuePerSecond = JOBS / ((performance.now() - t) / 1000);
  const drainBatchSeconds = await drain(BATCH);
  const claim = spread(claimMs);
  for (let i = 0; i < JOBS; i++) await enqueueOurs(db, i);
  const drainOneSeconds = await drain(1);

  const worker = startQueueWorker(db, queueOf(1));
  await worker.ready;
  const wake: number[] = [];
  for (let i = 0; i < WAKE; i++) {
    const handled = new Promise<void>((r) => (onHandled = r));
    t = performance.now();
    await enqueueOurs(db, i);
    await handled;
    wake.push(performance.now() - t);
  }
  await worker.stop();
  return {
    enqueuePerSecond: Math.round(enqueuePerSecond),
    drainBatchSeconds: round(drainBatchSeconds),
    drainOneSeconds: round(drainOneSeconds),
    drainOneJobs: JOBS,
    claim,
    wakeUp: spread(wake),
    loadAverage: load(),
  };
}

/** pg-boss's `db` option over our seam: parameterless multi-statement text (its migrations, locked commands) goes through exec. */
function bossDb(db: Database, claimMs: number[]) {
  return {
    async executeSql(text: string, values?: unknown[]) {
      if (!values?.length && /;\s*\S/.test(text.trim().replace(/;\s*$/, ''))) {
        await db.exec(text);
        return { rows: [] };
      }
      const t = performance.now();
      const rows = await db.query(text, values);
      if (/skip locked/i.test(text)) claimMs.push(performance.now() - t);
      return { rows };
    },
  };
}

async function measureBoss(db: Database): Promise<Figures> {
  await db.exec('drop schema if exists pgboss cascade');
  const claimMs: number[] = [];
  const boss = new PgBoss({ db: bossDb(db, claimMs), schedule: false, supervise: false });
  boss.on('error', (err) => console.error('pg-boss:', err));
  await boss.start();
  await boss.createQueue('bench');
  let done = 0;
  let onHandled: (() => void) | null = null;
  const drain = async (batchSize: number, jobs: number) => {
    done = 0;
    claimMs.length = 0;
    const start = performance.now();
    const id = await boss.work<{ n: number }>('bench', { batchSize, pollingIntervalSeconds: POLL_MS / 1000 }, async (batch) => {
      onHandled?.();
      done += batch.length;
    });
    while (done < jobs) await new Promise((r) => setTimeout(r, 1));
    const seconds = (performance.now() - start) / 1000;
    await boss.offWork({ id });
    // offWork returns before the loop ends; let it finish so the next drain starts alone.
    await new Promise((r) => setTimeout(r, POLL_MS + 100));
    return seconds;
  };

  let t = performance.now();
  for (let i = 0; i < JOBS; i++) await boss.send('bench', { n: i });
  const enqueuePerSecond = JOBS / ((performance.now() - t) / 1000);
  const drainBatchSeconds = await drain(BATCH, JOBS);
  const claim = spread(claimMs);
  for (let i = 0; i < DRAIN_ONE; i++) await boss.send('bench', { n: i });
  const drainOneSeconds = await drain(1, DRAIN_ONE);

  // Its SQL without the polling wait: fetch and complete back to back, as fast as it can go.
  for (let i = 0; i < JOBS; i++) await boss.send('bench', { n: i });
  t = performance.now();
  for (let left = JOBS; left > 0;) {
    const batch = await boss.fetch('bench', { batchSize: BATCH });
    if (!batch.length) break;
    await boss.complete(
      'bench',
      batch.map((j) => j.id),
    );
    left -= batch.length;
  }
  const drainTightSeconds = round((performance.now() - t) / 1000);

  const id = await boss.work('bench', { batchSize: 1, pollingIntervalSeconds: POLL_MS / 1000 }, async () => onHandled?.());
  const wake: number[] = [];
  for (let i = 0; i < WAKE; i++) {
    const handled = new Promise<void>((r) => (onHandled = r));
    t = performance.now();
    await boss.send('bench', { n: i });
    await handled;
    wake.push(performance.now() - t);
  }
  await boss.offWork({ id });
  await boss.stop({ graceful: true, wait: true, timeout: 5000 });
  return {
    enqueuePerSecond: Math.round(enqueuePerSecond),
    drainBatchSeconds: round(drainBatchSeconds),
    drainOneSeconds: round(drainOneSeconds),
    drainOneJobs: DRAIN_ONE,
    drainTightSeconds,
    claim,
    wakeUp: spread(wake),
    loadAverage: load(),
  };
}

function print(engine: Engine, name: string, f: Figures | { error: string }) {
  if ('error' in f) return console.log(`${engine} ${name}: FAILED ${f.error}`);
  console.log(
    `${engine} ${name}: enqueue ${f.enqueuePerSecond} jobs/s; drain ${JOBS} (batch ${BATCH}) ${f.drainBatchSeconds} s; ` +
      `drain ${f.drainOneJobs} one at a time ${f.drainOneSeconds} s; ` +
      (f.drainTightSeconds === undefined ? '' : `drain ${JOBS} by fetch+complete back to back ${f.drainTightSeconds} s; `) +
      `claim p50 ${f.claim.p50Ms} ms p95 ${f.claim.p95Ms} ms; ` +
      `wake-up p50 ${f.wakeUp.p50Ms} ms p95 ${f.wakeUp.p95Ms} ms; load ${f.loadAverage.join(' ')}`,
  );
}

async function measureEngine(engine: Engine, open: () => Promise<Database>) {
  const result: Record<string, Figures | { error: string }> = {};
  for (const [name, measure] of [
    ['ours', measureOurs],
    ['pgBoss', measureBoss],
  ] as const) {
    const db = await open();
    try {
      result[name] = await measure(db);
    } catch (err) {
      result[name] = { error: err instanceof Error ? err.message : String(err) };
    } finally {
      await db.close();
    }
    print(engine, name, result[name]!);
  }
  return result;
}

const results: Record<string, unknown> = {};
results.pglite = await measureEngine('pglite', () => openDatabase({ dataDir: null }));
const pg = await startPostgres();
if ('skipped' in pg) {
  console.log(`postgres: skipped (${pg.skipped})`);
  results.postgres = { skipped: pg.skipped };
} else {
  const scratch = await createTestDatabase(pg.url, 'dockside_queue_bench');
  results.postgres = await measureEngine('postgres', () => openDatabase({ databaseUrl: scratch.url }));
  await scratch.drop();
  await pg.stop();
}
writeResult('job-queue', { jobs: JOBS, batchSize: BATCH, pollMs: POLL_MS, pgBossVersion: '10.4.2', ...results });
process.exit(0);

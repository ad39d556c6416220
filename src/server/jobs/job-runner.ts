import { sql } from 'kysely';
import type { OrderDocument } from '../../shared/api/orders';
import type { Actor } from '../../shared/events/station-events';
import type { Database, Queryable } from '../db/database';
import { toInt } from '../db/database';
import { anyText, qb, runQuery, firstRow } from '../db/query-builder';
import { routedTo } from '../fulfillment/routed-to';
import { startQueueWorker, type ErrorLog, type QueueWorker } from '../background/queue-worker';
import { Problem } from '../http/problem';
import { createOrder } from '../orders/create-order';
import { parseCsv } from './csv';
import { CHUNK_CHARS, JOB_CHANNEL, clearJobOutput, jobLeases, readChunks, writeChunks, type ExportRequest, type JobRow } from './jobs';
import { orderCsvHeader, orderCsvRows, orderFromJsonLine, ordersFromCsv, type ImportItem } from './order-formats';

export interface JobRunnerOptions {
  orderNumberPrefix: string;
  pollMs?: number;
  leaseMs?: number;
  /** A job whose runner vanished this many times is failed instead of run again. */
  maxAttempts?: number;
  log: ErrorLog;
}

const PAGE = 500;
const MAX_ERRORS = 200;

class Stopping extends Error {}

interface Tally {
  processed: number;
  total: number;
  created: number;
  skipped: number;
  failed: number;
  errors: { source: string; ref: string | null; code: string; message: string }[];
  createdOrders: { ref: string | null; id: string; number: string }[];
}

/**
 * Runs queued jobs on the background queue engine. Every server process runs one; a job is taken
 * with SKIP LOCKED under a lease that progress keeps renewing, so a job whose process died is taken again by another.
 * Imports record their progress after every order, and a resumed import continues after the
 * last recorded one.
 */
export function startJobRunner(db: Database, options: JobRunnerOptions) {
  const pollMs = options.pollMs ?? 2000;
  const leaseMs = options.leaseMs ?? 60_000;
  const maxAttempts = options.maxAttempts ?? 3;
  let isStopping = () => false;

  const claim = () => jobLeases.claim(db, leaseMs);

  async function progress(job: JobRow, p: Record<string, unknown>) {
    if (isStopping()) throw new Stopping();
    await jobLeases.progress(db, job.id, p, leaseMs);
  }

  async function finish(job: JobRow, status: 'succeeded' | 'failed', result: Record<string, unknown> | null, error: string | null) {
    await jobLeases.finish(db, job.id, status, result, error);
  }

  async function runExport(job: JobRow) {
    const { filters } = job.params as { filters: ExportRequest['filters'] };
    const warehouseId = job.warehouse_id ?? filters.warehouseId;
    const matching = qb
      .selectFrom('orders as o')
      .$if(!!warehouseId, (s) => s.where(routedTo('o.id', warehouseId!)))
      .$if(!!filters.status, (s) => s.where('o.status', '=', anyText(filters.status!)))
      .$if(!!filters.createdFrom, (s) => s.where('o.created_at', '>=', filters.createdFrom!))
      .$if(!!filters.createdTo, (s) => s.where('o.created_at', '<', filters.createdTo!));
    const count = await firstRow(
      db,
      matching.select((eb) => eb.fn.countAll().as('n')),
    );
    const total = toInt(count?.n);
    await clearJobOutput(db, job.id);
    await progress(job, { processed: 0, total });

    let buffer = job.format === 'csv' ? orderCsvHeader() : '';
    let chunk = 0;
    let processed = 0;
    let after: { at: string; id: string } | null = null;
    for (;;) {
      const page = matching
        .$if(!!after, (s) => s.where(sql`(o.created_at, o.id)`, '>', sql`(${after?.at}::timestamptz, ${after?.id}::uuid)`))
        .select(['o.doc', 'o.id', sql<string>`o.created_at::text`.as('created_at')])
        .orderBy('o.created_at')
        .orderBy('o.id')
        .limit(PAGE);
      const rows = (await runQuery(db, page)) as { doc: OrderDocument; id: string; created_at: string }[];
      for (const r of rows) buffer += job.format === 'csv' ? orderCsvRows(r.doc) : `${JSON.stringify(r.doc)}\n`;
      if (buffer.length >= CHUNK_CHARS || rows.length < PAGE) {
        const whole = rows.length < PAGE ? buffer.length : buffer.length - (buffer.length % CHUNK_CHARS);
        chunk = await writeChunks(db, job.id, 'output', buffer.slice(0, whole), chunk);
        buffer = buffer.slice(whole);
      }
      processed += rows.length;
      if (rows.length < PAGE) break;
      const last: { id: string; created_at: unknown } = rows.at(-1)!;
      after = { at: String(last.created_at), id: last.id };
      await progress(job, { processed, total });
    }
    await progress(job, { processed, total });
    await finish(
      job,
      'succeeded',
      { orders: processed, chunks: chunk, filename: `orders-${job.id.slice(0, 8)}.${job.format === 'csv' ? 'csv' : 'ndjson'}` },
      null,
    );
  }

  async function runImport(job: JobRow) {
    const { mode } = job.params as { mode: 'create' | 'skip-existing' };
    const text = await readChunks(db, job.id, 'input');
    let items: ImportItem[];
    if (job.format === 'csv') {
      let rows: string[][];
      try {
        rows = parseCsv(text);
      } catch (err) {
        return finish(job, 'failed', null, `the CSV cannot be read: ${(err as Error).message}`);
      }
      const parsed = ordersFromCsv(rows);
      if (parsed.missingColumns.length) return finish(job, 'failed', null, `the CSV lacks the columns ${parsed.missingColumns.join(', ')}`);
      items = parsed.items;
    } else {
      items = text.split('\n').flatMap((line, i) => {
        if (!line.trim()) return [];
        try {
          return [orderFromJsonLine(JSON.parse(line), `line ${i + 1}`)];
        } catch {
          return [{ source: `line ${i + 1}`, ref: null, error: 'not valid JSON' }];
        }
      });
    }
    const prior = job.progress as Partial<Tally>;
    const tally: Tally = {
      processed: prior.processed ?? 0,
      total: items.length,
      created: prior.created ?? 0,
      skipped: prior.skipped ?? 0,
      failed: prior.failed ?? 0,
      errors: prior.errors ?? [],
      createdOrders: prior.createdOrders ?? [],
    };
    const actor: Actor = {
      ...job.created_by,
      name: `${job.created_by.name ?? job.created_by.id} (import ${job.id.slice(0, 8)})`.slice(0, 200),
    };
    const fail = (item: ImportItem, code: string, message: string) => {
      tally.failed++;
      if (tally.errors.length < MAX_ERRORS) tally.errors.push({ source: item.source, ref: item.ref, code, message });
    };
    await progress(job, { ...tally });
    for (let i = tally.processed; i < items.length; i++) {
      const item = items[i]!;
      if (item.error || !item.request) fail(item, 'invalid_row', item.error ?? 'nothing to import');
      else if (mode === 'skip-existing' && item.ref && (await existingRef(db, item.ref))) tally.skipped++;
      else {
        try {
          const { order } = await createOrder(db, item.request, actor, { orderNumberPrefix: options.orderNumberPrefix });
          tally.created++;
          if (tally.createdOrders.length < 1000) tally.createdOrders.push({ ref: item.ref, id: order.id, number: order.number });
        } catch (err) {
          if (!(err instanceof Problem)) throw err;
          fail(item, err.code, err.detail ?? err.title);
        }
      }
      tally.processed = i + 1;
      await progress(job, { ...tally });
    }
    const { processed, total, ...result } = tally;
    await finish(job, 'succeeded', { ...result, processed, total }, null);
  }

  async function run(job: JobRow) {
    if (job.attempts > maxAttempts) {
      return finish(job, 'failed', null, `gave up after ${maxAttempts} attempts: the server running this job stopped each time`);
    }
    try {
      if (job.kind === 'export') await runExport(job);
      else await runImport(job);
    } catch (err) {
      if (err instanceof Stopping) {
        // This process is shutting down: hand the job back for another process (or the next start).
        await jobLeases.handBack(db, job.id).catch(() => {});
        return;
      }
      options.log.error({ err, jobId: job.id }, 'job failed');
      await finish(job, 'failed', null, `the job failed: ${(err as Error).message}`);
    }
  }

  return startQueueWorker<JobRow>(db, {
    log: options.log,
    name: 'job runner',
    channel: JOB_CHANNEL,
    pollMs,
    claim: async () => {
      const job = await claim();
      return job ? [job] : [];
    },
    handle: async (_db, [job], stopping) => {
      isStopping = stopping;
      await run(job!);
    },
  });
}
export type JobRunner = QueueWorker;

async function existingRef(db: Queryable, ref: string): Promise<boolean> {
  const [row] = await db.query(`select 1 from orders where doc->>'externalReference' = $1 limit 1`, [ref]);
  return !!row;
}

import { z } from 'zod';
import type { Actor } from '../../shared/events/station-events';
import { ORDER_STATUSES } from '../../shared/domain/order-status';
import type { Principal } from '../auth/principal';
import type { Database, Queryable } from '../db/database';
import { toIso } from '../db/database';
import { qb, runQuery } from '../db/query-builder';
import type { Row } from '../db/schema';
import { problems } from '../http/problem';

/** Async export/import jobs: created by the API, run by any server process, polled by the client. */
export const JOB_CHANNEL = 'dockside_jobs';
export const CHUNK_CHARS = 512 * 1024;

export const ExportRequest = z.object({
  entity: z.literal('orders').default('orders'),
  format: z.enum(['csv', 'ndjson']),
  filters: z
    .object({
      status: z.array(z.enum(ORDER_STATUSES)).min(1).optional(),
      createdFrom: z.string().datetime({ offset: true }).optional(),
      createdTo: z.string().datetime({ offset: true }).optional(),
      warehouseId: z.string().uuid().optional(),
    })
    .strict()
    .default({}),
});
export type ExportRequest = z.output<typeof ExportRequest>;

export const ImportMode = z.enum(['create', 'skip-existing']);
export const ImportRequest = z.object({
  entity: z.literal('orders').default('orders'),
  format: z.enum(['csv', 'ndjson']),
  /** skip-existing (default): an order whose external reference is already on file is skipped, so a re-run imports nothing twice. */
  mode: ImportMode.default('skip-existing'),
  data: z.string().min(1, 'data is empty'),
});

export const JOB_KINDS = ['export', 'import', 'bulk-status', 'reconcile'] as const;
export type JobKind = (typeof JOB_KINDS)[number];
/** Jobs whose output is a per-order report (downloadable as CSV or JSON). */
export const REPORT_KINDS: readonly JobKind[] = ['bulk-status', 'reconcile'];

export interface JobView {
  id: string;
  kind: JobKind;
  status: 'queued' | 'running' | 'succeeded' | 'failed';
  format: 'csv' | 'ndjson';
  params: Record<string, unknown>;
  warehouseId: string | null;
  createdBy: Actor;
  progress: { processed?: number; total?: number };
  result: Record<string, unknown> | null;
  error: string | null;
  attempts: number;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  /** Where the output is, once an export or a report succeeded (a report takes ?format=csv or json). */
  downloadUrl: string | null;
}

/** A jobs row, its JSON columns typed. */
export type JobRow = Omit<Row<'jobs'>, 'params' | 'created_by' | 'progress' | 'result'> & {
  params: Record<string, unknown>;
  created_by: Actor;
  progress: JobView['progress'];
  result: Record<string, unknown> | null;
};

export function jobView(r: JobRow): JobView {
  return {
    id: r.id,
    kind: r.kind,
    status: r.status,
    format: r.format,
    // A bulk job keeps who asked (the rights its orders are changed with); the job says so in createdBy.
    params: Object.fromEntries(Object.entries(r.params).filter(([k]) => k !== 'principal')),
    warehouseId: r.warehouse_id,
    createdBy: r.created_by,
    progress: r.progress,
    result: r.result,
    error: r.error,
    attempts: r.attempts,
    createdAt: toIso(r.created_at),
    startedAt: r.started_at ? toIso(r.started_at) : null,
    finishedAt: r.finished_at ? toIso(r.finished_at) : null,
    downloadUrl: r.kind !== 'import' && r.status === 'succeeded' ? `/v1/jobs/${r.id}/download` : null,
  };
}

export async function writeChunks(db: Queryable, jobId: string, role: 'input' | 'output', text: string, firstChunk = 0): Promise<number> {
  let n = firstChunk;
  for (let i = 0; i < text.length; i += CHUNK_CHARS) {
    await db.query('insert into job_files (job_id, role, chunk, data) values ($1,$2,$3,$4)', [
      jobId,
      role,
      n++,
      text.slice(i, i + CHUNK_CHARS),
    ]);
  }
  return n;
}

/**
 * Output chunk `index`, written whole (a report's chunks hold whole NDJSON lines, so none is split).
 * Written again by a resumed attempt, the chunk is replaced.
 */
export async function writeOutputChunk(db: Queryable, jobId: string, index: number, text: string): Promise<void> {
  await db.query(
    `insert into job_files (job_id, role, chunk, data) values ($1, 'output', $2, $3)
       on conflict (job_id, role, chunk) do update set data = excluded.data`,
    [jobId, index, text],
  );
}

/** Drops what an earlier attempt of the job wrote as its output. */
export async function clearJobOutput(db: Queryable, jobId: string): Promise<void> {
  await db.query(`delete from job_files where job_id = $1 and role = 'output'`, [jobId]);
}

/** The job runner's writes: take the oldest due job under a lease, renew it with progress, finish it or hand it back. */
export const jobLeases = {
  async claim(db: Queryable, leaseMs: number): Promise<JobRow | null> {
    const [row] = await db.query<JobRow>(
      `update jobs set status = 'running', attempts = attempts + 1, started_at = coalesce(started_at, now()), locked_until = now() + make_interval(secs => $1)
        where id = (select id from jobs where status = 'queued' or (status = 'running' and locked_until < now())
                     order by created_at limit 1 for update skip locked)
        returning *`,
      [leaseMs / 1000],
    );
    return row ?? null;
  },
  async progress(db: Queryable, jobId: string, progress: Record<string, unknown>, leaseMs: number): Promise<void> {
    await db.query(`update jobs set progress = $2, locked_until = now() + make_interval(secs => $3) where id = $1`, [
      jobId,
      JSON.stringify(progress),
      leaseMs / 1000,
    ]);
  },
  async finish(
    db: Queryable,
    jobId: string,
    status: 'succeeded' | 'failed',
    result: Record<string, unknown> | null,
    error: string | null,
  ): Promise<void> {
    await db.query(`update jobs set status = $2, result = $3, error = $4, finished_at = now(), locked_until = null where id = $1`, [
      jobId,
      status,
      result ? JSON.stringify(result) : null,
      error,
    ]);
  },
  /** The process is stopping: the job goes back to the queue, this attempt uncounted. */
  async handBack(db: Queryable, jobId: string): Promise<void> {
    await db.query(`update jobs set status = 'queued', attempts = attempts - 1, locked_until = null where id = $1`, [jobId]);
  },
};

export async function readChunks(db: Queryable, jobId: string, role: 'input' | 'output'): Promise<string> {
  const rows = await db.query<{ data: string }>('select data from job_files where job_id = $1 and role = $2 order by chunk', [jobId, role]);
  return rows.map((r) => r.data).join('');
}

/** A job's file, one chunk at a time in order, so a large export never sits in memory whole. */
export async function* streamChunks(db: Queryable, jobId: string, role: 'input' | 'output'): AsyncGenerator<string> {
  const [count] = await db.query<{ n: unknown }>('select count(*) as n from job_files where job_id = $1 and role = $2', [jobId, role]);
  const chunks = Number(count?.n ?? 0);
  for (let i = 0; i < chunks; i++) {
    const [row] = await db.query<{ data: string }>('select data from job_files where job_id = $1 and role = $2 and chunk = $3', [
      jobId,
      role,
      i,
    ]);
    if (row) yield row.data;
  }
}

/** Queues a job, its input (if any) written in the same transaction: a worker never sees a job whose input is half written. */
export async function enqueueJob(
  db: Database,
  job: {
    kind: JobKind;
    format: 'csv' | 'ndjson';
    params: Record<string, unknown>;
    warehouseId: string | null;
    actor: Actor;
    input?: string;
  },
): Promise<JobView> {
  const id = crypto.randomUUID();
  const row = await db.transaction(async (tx) => {
    const [r] = await tx.query<JobRow>(
      `insert into jobs (id, kind, format, params, warehouse_id, created_by) values ($1,$2,$3,$4,$5,$6) returning *`,
      [id, job.kind, job.format, JSON.stringify(job.params), job.warehouseId, JSON.stringify(job.actor)],
    );
    if (job.input !== undefined) await writeChunks(tx, id, 'input', job.input);
    await tx.query('select pg_notify($1, $2)', [JOB_CHANNEL, id]);
    return r!;
  });
  return jobView(row);
}

export async function createExportJob(db: Database, principal: Principal, actor: Actor, input: ExportRequest): Promise<JobView> {
  if (principal.warehouseId && input.filters.warehouseId && input.filters.warehouseId !== principal.warehouseId) {
    throw problems.forbidden('this belongs to another warehouse');
  }
  return enqueueJob(db, {
    kind: 'export',
    format: input.format,
    params: { entity: input.entity, filters: input.filters },
    warehouseId: principal.warehouseId,
    actor,
  });
}

export async function createImportJob(
  db: Database,
  principal: Principal,
  actor: Actor,
  input: z.output<typeof ImportRequest>,
): Promise<JobView> {
  return enqueueJob(db, {
    kind: 'import',
    format: input.format,
    params: { entity: input.entity, mode: input.mode, bytes: Buffer.byteLength(input.data) },
    warehouseId: principal.warehouseId,
    actor,
    input: input.data,
  });
}

export async function loadJob(db: Queryable, principal: Principal, id: string): Promise<JobRow> {
  const [row] = await db.query<JobRow>('select * from jobs where id = $1', [id]);
  if (!row || (principal.warehouseId && row.warehouse_id !== principal.warehouseId)) throw problems.notFound(`job ${id}`);
  return row;
}

export const ListJobsQuery = z.object({
  kind: z.enum(JOB_KINDS).optional(),
  status: z.enum(['queued', 'running', 'succeeded', 'failed']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export async function listJobs(db: Queryable, principal: Principal, q: z.output<typeof ListJobsQuery>): Promise<JobView[]> {
  const rows = (await runQuery(
    db,
    qb
      .selectFrom('jobs')
      .selectAll()
      .$if(!!principal.warehouseId, (s) => s.where('warehouse_id', '=', principal.warehouseId!))
      .$if(!!q.kind, (s) => s.where('kind', '=', q.kind!))
      .$if(!!q.status, (s) => s.where('status', '=', q.status!))
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(q.limit),
  )) as JobRow[];
  return rows.map(jobView);
}

import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Database } from '../db/database';
import { z } from 'zod';
import { defineRoute } from '../http/define-route';
import { parseWith, problems } from '../http/problem';
import { answers, problem } from '../openapi/responses';
import { actorOf, type RouteContext } from '../http/route-context';
import {
  ExportRequest,
  ImportMode,
  ImportRequest,
  ListJobsQuery,
  createExportJob,
  createImportJob,
  jobView,
  type JobRow,
  listJobs,
  loadJob,
  REPORT_KINDS,
  streamChunks,
} from './jobs';
import { JobDownloadQuery } from '../../shared/api/bulk-jobs';
import { reportText } from './report-formats';

export const TAG = ['Jobs'];
const JobParams = z.object({ id: z.string().uuid('job ids are UUIDs') });
const ImportQuery = z.object({ mode: ImportMode.default('skip-existing') });
const IMPORT_BODY_LIMIT = 64 * 1024 * 1024;
export const job = { description: 'the job: status, progress, result, and where its output is once finished', headers: ['Location'] };
// A job reaches the caller's warehouse only (an export filters by it, an import's orders are checked like any order).
export const WHO = { roles: ['supervisor', 'integrator'], scope: 'warehouse' } as const;

/** Export and import jobs (bulk jobs: bulk-job-routes.ts): created here, run by any server process (background/background-work.ts), polled and downloaded here. */
export function jobRoutes(app: FastifyInstance, ctx: RouteContext): void {
  const { db } = ctx;

  defineRoute(
    app,
    ctx,
    {
      method: 'POST',
      url: '/v1/jobs/exports',
      operationId: 'createExportJob',
      tags: TAG,
      ...WHO,
      body: ExportRequest,
      summary: 'Export orders as CSV or NDJSON, in the background',
      responses: answers('POST', job, { status: 202 }),
    },
    async ({ request, reply, principal, body }) => {
      const created = await createExportJob(db, principal, actorOf(principal, request), body);
      return reply.status(202).header('location', `/v1/jobs/${created.id}`).send(created);
    },
  );

  // Imports take JSON ({ format, mode, data }) or the file itself as text/csv or application/x-ndjson (?mode=).
  app.register(async (scope) => {
    scope.addContentTypeParser(
      ['text/csv', 'application/x-ndjson', 'application/ndjson'],
      { parseAs: 'string', bodyLimit: IMPORT_BODY_LIMIT },
      (_req, body, done) => done(null, body),
    );
    defineRoute(
      scope,
      ctx,
      {
        method: 'POST',
        url: '/v1/jobs/imports',
        operationId: 'createImportJob',
        tags: TAG,
        ...WHO,
        query: ImportQuery,
        body: ImportRequest,
        summary: 'Import orders in the background, through the same path as POST /v1/orders',
        description:
          'The body is JSON ({ format, mode, data }), or the file itself as text/csv or application/x-ndjson with ?mode= (create, or skip-existing: orders whose external reference is on file are skipped).',
        responses: answers('POST', job, { status: 202 }),
      },
      async ({ request, reply, principal, query }) => {
        const type = (request.headers['content-type'] ?? '').split(';')[0]!.trim();
        const input =
          typeof request.body === 'string'
            ? parseWith(ImportRequest, { format: type === 'text/csv' ? 'csv' : 'ndjson', mode: query.mode, data: request.body })
            : parseWith(ImportRequest, request.body);
        const created = await createImportJob(db, principal, actorOf(principal, request), input);
        return reply.status(202).header('location', `/v1/jobs/${created.id}`).send(created);
      },
      { bodyIsRaw: true, documentIn: app, bodyLimit: IMPORT_BODY_LIMIT },
    );
  });

  defineRoute(
    app,
    ctx,
    {
      method: 'GET',
      url: '/v1/jobs',
      operationId: 'listJobs',
      tags: TAG,
      ...WHO,
      query: ListJobsQuery,
      summary: 'Jobs, newest first',
      responses: answers('GET', { description: 'jobs' }),
    },
    async ({ principal, query }) => ({ data: await listJobs(db, principal, query) }),
  );

  defineRoute(
    app,
    ctx,
    {
      method: 'GET',
      url: '/v1/jobs/:id',
      operationId: 'getJob',
      tags: TAG,
      ...WHO,
      params: JobParams,
      summary: 'A job: poll it until it succeeded or failed',
      responses: answers('GET', job),
    },
    async ({ principal, params }) => jobView(await loadJob(db, principal, params.id)),
  );

  defineRoute(
    app,
    ctx,
    {
      method: 'GET',
      url: '/v1/jobs/:id/download',
      operationId: 'downloadJobOutput',
      tags: TAG,
      ...WHO,
      params: JobParams,
      query: JobDownloadQuery,
      summary: "A finished export's file (CSV or NDJSON), or a bulk job's per-order report (?format=csv, the default, or json), streamed",
      responses: {
        ...answers('GET', { description: 'the file', contentType: 'text/csv' }),
        409: problem('job_not_finished: the job has not succeeded (yet)'),
      },
    },
    async ({ reply, principal, params, query }) => {
      const found = await loadJob(db, principal, params.id);
      if (found.kind === 'import') throw problems.notFound(`the output of job ${found.id}`);
      if (found.status !== 'succeeded')
        throw problems.conflict('job_not_finished', `the ${found.kind} job is ${found.status}`, { status: found.status });
      return sendJobOutput(db, reply, found, query.format);
    },
  );
}

/** A finished job's file: an export as written, a report as CSV (the default) or JSON. */
function sendJobOutput(db: Database, reply: FastifyReply, found: JobRow, reportFormat: 'csv' | 'json' | undefined) {
  // Chunks stream one at a time, so a large file never sits in memory whole.
  const chunks = streamChunks(db, found.id, 'output');
  if (REPORT_KINDS.includes(found.kind)) {
    const format = reportFormat ?? 'csv';
    const text = reportText(found, format, chunks);
    return reply
      .type(format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8')
      .header('content-disposition', `attachment; filename="${String(found.result?.filename ?? found.kind)}.${format}"`)
      .send(Readable.from(encoded(text)));
  }
  const filename = String(found.result?.filename ?? `export.${found.format}`);
  return reply
    .type(found.format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8')
    .header('content-disposition', `attachment; filename="${filename}"`)
    .send(Readable.from(encoded(chunks)));
}

async function* encoded(text: AsyncIterable<string>) {
  for await (const chunk of text) yield Buffer.from(chunk, 'utf8');
}

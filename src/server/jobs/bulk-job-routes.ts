import type { FastifyInstance } from 'fastify';
import { BulkStatusRequest, ReconcileQuery, ReconcileRequest } from '../../shared/api/bulk-jobs';
import { defineRoute } from '../http/define-route';
import { parseWith } from '../http/problem';
import { actorOf, type RouteContext } from '../http/route-context';
import { answers } from '../openapi/responses';
import { createBulkStatusJob, createReconcileJob } from './bulk-jobs';
import { TAG, WHO, job } from './job-routes';

const FEED_BODY_LIMIT = 16 * 1024 * 1024;

/** Bulk operations on orders (seed 003 §11), as jobs: polled at GET /v1/jobs/{id}, their per-order reports at its download. */
export function bulkJobRoutes(app: FastifyInstance, ctx: RouteContext): void {
  const { db } = ctx;

  defineRoute(
    app,
    ctx,
    {
      method: 'POST',
      url: '/v1/jobs/bulk-status',
      operationId: 'createBulkStatusJob',
      tags: TAG,
      ...WHO,
      body: BulkStatusRequest,
      summary: 'Move many orders to a status, in the background, each through the same command as POST /v1/orders/{id}/status',
      description:
        'orders names each order by id or number. Each order is its own transaction with the rules, scope and refusals of the single-order route; ' +
        'one refused order does not stop the rest. The finished job counts updated, unchanged and failed orders (result.failures lists the first 100), ' +
        'and its download (?format=csv or json) reports every order: outcome, status before and after, and the refusal code.',
      responses: answers('POST', job, { status: 202 }),
    },
    async ({ request, reply, principal, body }) => {
      const created = await createBulkStatusJob(db, principal, actorOf(principal, request), body);
      return reply.status(202).header('location', `/v1/jobs/${created.id}`).send(created);
    },
  );

  // The feed is JSON ({ data, vocabulary, createdFrom, createdTo }) or the CSV file itself as text/csv (the rest as query parameters).
  app.register(async (scope) => {
    scope.addContentTypeParser('text/csv', { parseAs: 'string', bodyLimit: FEED_BODY_LIMIT }, (_req, body, done) => done(null, body));
    defineRoute(
      scope,
      ctx,
      {
        method: 'POST',
        url: '/v1/jobs/reconciliations',
        operationId: 'createReconciliationJob',
        tags: TAG,
        ...WHO,
        query: ReconcileQuery,
        body: ReconcileRequest,
        summary: 'Reconcile an external order feed (CSV: order_number, status, total_minor) against our orders, in the background',
        description:
          'The feed is checked before the job is queued: a row that cannot be read answers 400 invalid_feed naming its row (the header is row 1) and column. ' +
          'The job reports each mismatch: missing_here (in the feed, not ours or not in your warehouse), missing_there (ours, created in [createdFrom, createdTo), not in the feed), ' +
          "status_differs (ours presented in the feed's vocabulary) and amount_differs (order total, minor units); download the report as CSV or JSON.",
        responses: answers('POST', job, { status: 202 }),
      },
      async ({ request, reply, principal, query }) => {
        const input =
          typeof request.body === 'string'
            ? parseWith(ReconcileRequest, { ...query, data: request.body })
            : parseWith(ReconcileRequest, request.body);
        const created = await createReconcileJob(db, principal, actorOf(principal, request), input);
        return reply.status(202).header('location', `/v1/jobs/${created.id}`).send(created);
      },
      { bodyIsRaw: true, documentIn: app, bodyLimit: FEED_BODY_LIMIT },
    );
  });
}

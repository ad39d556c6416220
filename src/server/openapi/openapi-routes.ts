import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { appliedMigrations } from '../db/migrate';
import { defineRoute } from '../http/define-route';
import { orderMetrics } from '../orders/order-metrics';
import { commonErrors } from '../orders/routes/route-kit';
import type { RouteContext } from '../http/route-context';
import { DOCS_CSP, renderDocsPage } from './docs-page';
import { buildOpenApiDocument } from './openapi-document';

const TAG = ['Operations'];

/** The API's own description, its docs page, Prometheus metrics, and health checks (the process; the database). */
export function openApiRoutes(app: FastifyInstance, ctx: RouteContext) {
  // Built on first request, when every module has registered its routes.
  let cached: Record<string, unknown> | null = null;
  const documentOf = () => (cached ??= buildOpenApiDocument(app));

  defineRoute(
    app,
    ctx,
    {
      method: 'GET',
      url: '/health',
      operationId: 'health',
      tags: TAG,
      roles: [],
      summary: 'Liveness: the server answers and names its database engine',
      responses: { 200: { description: 'alive' } },
    },
    async () => ({ status: 'ok', database: ctx.db.engine, time: new Date().toISOString() }),
  );

  defineRoute(
    app,
    ctx,
    {
      method: 'GET',
      url: '/v1/openapi.json',
      operationId: 'openApiDocument',
      tags: TAG,
      roles: [],
      summary: 'This OpenAPI 3.1 document',
      responses: { 200: { description: 'the document', schema: z.record(z.string(), z.unknown()) } },
    },
    async ({ reply }) => reply.header('cache-control', 'no-cache').send(documentOf()),
  );

  defineRoute(
    app,
    ctx,
    {
      method: 'GET',
      url: '/v1/docs',
      operationId: 'apiDocs',
      tags: TAG,
      roles: [],
      summary: 'Human-readable API reference (static HTML, no remote assets)',
      responses: { 200: { description: 'HTML', contentType: 'text/html' } },
    },
    async ({ reply }) =>
      reply.type('text/html; charset=utf-8').header('content-security-policy', DOCS_CSP).send(renderDocsPage(documentOf())),
  );

  defineRoute(
    app,
    ctx,
    {
      method: 'GET',
      url: '/metrics',
      operationId: 'metrics',
      tags: TAG,
      roles: ['integrator', 'supervisor'],
      scope: 'global',
      summary:
        'Prometheus metrics: order metrics (status distribution, processing, shipping and delivery duration histograms, cancellation rate, average order value)',
      responses: { 200: { description: 'Prometheus text format 0.0.4', contentType: 'text/plain' }, ...commonErrors },
    },
    async ({ reply }) => reply.type('text/plain; version=0.0.4; charset=utf-8').send(await orderMetrics(ctx.db)),
  );

  defineRoute(
    app,
    ctx,
    {
      method: 'GET',
      url: '/v1/orders/health',
      operationId: 'ordersHealth',
      tags: TAG,
      roles: [],
      summary: 'Order service health: the database answers and its migrations are applied',
      responses: { 200: { description: 'healthy' }, 503: { description: 'the database does not answer' } },
    },
    async ({ reply }) => {
      const started = Date.now();
      try {
        const migrations = await appliedMigrations(ctx.db);
        return {
          status: 'ok',
          database: { engine: ctx.db.engine, latencyMs: Date.now() - started, migrations },
          time: new Date().toISOString(),
        };
      } catch (err) {
        return reply.status(503).send({
          status: 'unavailable',
          database: { engine: ctx.db.engine, error: (err as Error).message },
          time: new Date().toISOString(),
        });
      }
    },
  );
}

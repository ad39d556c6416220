import type { FastifyInstance } from 'fastify';
import { defineRoute } from '../http/define-route';
import { answers } from '../openapi/responses';
import type { RouteContext } from '../http/route-context';
import { ReconciliationQuery, reconciliationReport } from './reconciliation';

/** Reports for people who fix what the data says is wrong. */
export function reportRoutes(app: FastifyInstance, ctx: RouteContext): void {
  defineRoute(
    app,
    ctx,
    {
      method: 'GET',
      url: '/v1/reports/reconciliation',
      operationId: 'reconciliationReport',
      tags: ['Reports'],
      roles: ['supervisor'],
      scope: 'warehouse',
      query: ReconciliationQuery,
      summary: 'What needs a human: stuck orders, payment mismatches, packages without tracking, inventory and status mismatches',
      responses: answers('GET', { description: 'the report, one section per kind of mismatch' }),
    },
    async ({ principal, query }) => reconciliationReport(ctx.db, query, principal.warehouseId),
  );
}

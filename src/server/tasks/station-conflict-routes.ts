import type { FastifyInstance } from 'fastify';
import { StationConflicts } from '../../shared/sync/sync-protocol';
import { defineRoute } from '../http/define-route';
import type { RouteContext } from '../http/route-context';
import { answers } from '../openapi/responses';
import { countOpenTasksOfStation } from './task-store';

/** What a station's sync bar shows of its conflicts: only the station's own credential asks, for itself. */
export function stationConflictRoutes(app: FastifyInstance, ctx: RouteContext) {
  defineRoute(
    app,
    ctx,
    {
      method: 'GET',
      url: '/v1/sync/conflicts',
      operationId: 'syncConflicts',
      tags: ['Replication'],
      roles: ['station'],
      scope: 'station',
      summary: "How many of the station's conflicts still wait for a supervisor: open tasks about events it pushed",
      responses: answers('GET', { description: 'the number of open tasks', schema: StationConflicts }),
    },
    async ({ principal: s }): Promise<StationConflicts> => ({ open: await countOpenTasksOfStation(ctx.db, s.id, s.warehouseId) }),
  );
}

import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { AcceptedShipment, AcceptShipmentRequest, WrittenOffShipment, type TaskView } from '../../shared/api/tasks';
import type { Actor } from '../../shared/events/station-events';
import type { Queryable } from '../db/database';
import { defineRoute } from '../http/define-route';
import { runIdempotent, sendCommandResponse } from '../http/idempotency';
import { actorOf, type RouteContext } from '../http/route-context';
import { leasePolicyOf } from '../leases/lease-policy';
import { named } from '../openapi/catalog';
import { answers } from '../openapi/responses';
import { acceptShipment } from './accept-shipment';
import { requireTaskInScope } from './task-scope';
import { loadTask } from './task-store';
import { requireTaskVersion } from './task-version';
import { writeOffShipment } from './write-off-shipment';

const TaskParams = z.object({ taskId: z.string().uuid('task ids are UUIDs') });

/**
 * What a supervisor does about a parcel a station shipped while offline and the server did not
 * record: accept it onto its order, or (its order ended meanwhile) take its units off stock.
 */
export function parcelTaskRoutes(app: FastifyInstance, ctx: RouteContext) {
  const leases = leasePolicyOf(ctx.config);
  parcelTaskRoute(app, ctx, {
    action: 'accept-shipment',
    operationId: 'acceptTaskShipment',
    summary:
      'Accept the parcel a station shipped after its order was moved from it: the order goes back to that station and takes the package, its label and its shipment (stock, progress, customer told); the task is resolved',
    answer: { description: 'the resolved task and the packages recorded', schema: named(AcceptedShipment, 'AcceptedShipment') },
    refusals: 'task_not_open, task_has_no_shipment, shipment_order_ended, shipment_units_already_packed, shipment_already_recorded',
    run: (tx, task, by) => acceptShipment(tx, task, by, leases),
  });
  parcelTaskRoute(app, ctx, {
    action: 'write-off-shipment',
    operationId: 'writeOffTaskShipment',
    summary:
      'Take off stock the units of a parcel a station shipped after its order was cancelled, closed incomplete or moved to another warehouse (the order cannot take it); the task is resolved saying what is left to do',
    answer: { description: 'the resolved task and the units taken off stock', schema: named(WrittenOffShipment, 'WrittenOffShipment') },
    refusals: 'task_not_open, task_has_no_shipment, shipment_to_accept',
    run: writeOffShipment,
  });
}

function parcelTaskRoute(
  app: FastifyInstance,
  ctx: RouteContext,
  route: {
    action: string;
    operationId: string;
    summary: string;
    answer: { description: string; schema: z.ZodType };
    refusals: string;
    run: (tx: Queryable, task: TaskView, by: { actor: Actor; note?: string }) => Promise<unknown>;
  },
) {
  defineRoute(
    app,
    ctx,
    {
      method: 'POST',
      url: `/v1/orders/tasks/:taskId/${route.action}`,
      operationId: route.operationId,
      tags: ['Notes and tasks'],
      roles: ['integrator', 'supervisor'],
      scope: 'warehouse',
      params: TaskParams,
      body: AcceptShipmentRequest,
      bodyOptional: true,
      idempotent: true,
      // The parcels accepted or written off are those the task lists as its reader saw it: a later push may add one.
      ifMatch: true,
      summary: route.summary,
      responses: answers('POST', route.answer, { refusals: route.refusals }),
    },
    async ({ request, principal, reply, params, body }) => {
      const response = await runIdempotent(ctx.db, request, principal.id, async (tx) => {
        const task = await loadTask(tx, params.taskId, true);
        await requireTaskInScope(tx, principal, task);
        requireTaskVersion(request, task);
        return { status: 200, body: await route.run(tx, task, { actor: actorOf(principal, request), note: body.note }) };
      });
      return sendCommandResponse(reply, response);
    },
  );
}

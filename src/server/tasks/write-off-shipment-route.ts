import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { AcceptShipmentRequest, WrittenOffShipment } from '../../shared/api/tasks';
import { defineRoute } from '../http/define-route';
import { runIdempotent, sendCommandResponse } from '../http/idempotency';
import { actorOf, type RouteContext } from '../http/route-context';
import { named } from '../openapi/catalog';
import { answers } from '../openapi/responses';
import { requireTaskInScope } from './task-scope';
import { loadTask } from './task-store';
import { writeOffShipment } from './write-off-shipment';

const TaskParams = z.object({ taskId: z.string().uuid('task ids are UUIDs') });
const WrittenOffShipmentSchema = named(WrittenOffShipment, 'WrittenOffShipment');

/** A parcel shipped offline for an order that ended meanwhile: its units come off stock where it left. */
export function writeOffShipmentRoute(app: FastifyInstance, ctx: RouteContext) {
  const { db } = ctx;
  defineRoute(
    app,
    ctx,
    {
      method: 'POST',
      url: '/v1/orders/tasks/:taskId/write-off-shipment',
      operationId: 'writeOffTaskShipment',
      tags: ['Notes and tasks'],
      roles: ['integrator', 'supervisor'],
      scope: 'warehouse',
      params: TaskParams,
      body: AcceptShipmentRequest,
      bodyOptional: true,
      idempotent: true,
      summary:
        'Take off stock the units of a parcel a station shipped after its order was cancelled, closed incomplete or moved to another warehouse (the order cannot take it); the task is resolved saying what is left to do',
      responses: answers(
        'POST',
        { description: 'the resolved task and the units taken off stock', schema: WrittenOffShipmentSchema },
        { refusals: 'task_not_open, task_has_no_shipment, shipment_to_accept' },
      ),
    },
    async ({ request, principal, reply, params, body }) => {
      const response = await runIdempotent(db, request, principal.id, async (tx) => {
        const task = await loadTask(tx, params.taskId, true);
        await requireTaskInScope(tx, principal, task);
        const writtenOff = await writeOffShipment(tx, task, { actor: actorOf(principal, request), note: body.note });
        return { status: 200, body: writtenOff };
      });
      return sendCommandResponse(reply, response);
    },
  );
}

import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { AcceptedShipment, AcceptShipmentRequest } from '../../shared/api/tasks';
import { defineRoute } from '../http/define-route';
import { runIdempotent, sendCommandResponse } from '../http/idempotency';
import { actorOf, type RouteContext } from '../http/route-context';
import { leasePolicyOf } from '../leases/lease-policy';
import { named } from '../openapi/catalog';
import { answers } from '../openapi/responses';
import { acceptShipment } from './accept-shipment';
import { requireTaskInScope } from './task-scope';
import { loadTask } from './task-store';

const TaskParams = z.object({ taskId: z.string().uuid('task ids are UUIDs') });
const AcceptedShipmentSchema = named(AcceptedShipment, 'AcceptedShipment');

/** "Accept the shipment" of a sync conflict: a parcel shipped by a station the order had been moved from. */
export function acceptShipmentRoute(app: FastifyInstance, ctx: RouteContext) {
  const { db } = ctx;
  const leases = leasePolicyOf(ctx.config);
  defineRoute(
    app,
    ctx,
    {
      method: 'POST',
      url: '/v1/orders/tasks/:taskId/accept-shipment',
      operationId: 'acceptTaskShipment',
      tags: ['Notes and tasks'],
      roles: ['integrator', 'supervisor'],
      scope: 'warehouse',
      params: TaskParams,
      body: AcceptShipmentRequest,
      bodyOptional: true,
      idempotent: true,
      summary:
        'Accept the parcel a station shipped after its order was moved from it: the order goes back to that station and takes the package, its label and its shipment (stock, progress, customer told); the task is resolved',
      responses: answers(
        'POST',
        { description: 'the resolved task and the packages recorded', schema: AcceptedShipmentSchema },
        { refusals: 'task_not_open, task_has_no_shipment, shipment_order_ended, shipment_units_already_packed, shipment_already_recorded' },
      ),
    },
    async ({ request, principal, reply, params, body }) => {
      const response = await runIdempotent(db, request, principal.id, async (tx) => {
        const task = await loadTask(tx, params.taskId, true);
        await requireTaskInScope(tx, principal, task);
        const accepted = await acceptShipment(tx, task, { actor: actorOf(principal, request), note: body.note }, leases);
        return { status: 200, body: accepted };
      });
      return sendCommandResponse(reply, response);
    },
  );
}

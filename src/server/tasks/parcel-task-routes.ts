import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  AcceptedShipment,
  AcceptShipmentRequest,
  RelabelledPackage,
  RelabelPackageRequest,
  CancelledWorkUnitsTaken,
  WrittenOffShipment,
  type TaskView,
} from '../../shared/api/tasks';
import type { Actor } from '../../shared/events/station-events';
import type { Queryable } from '../db/database';
import { defineRoute } from '../http/define-route';
import { runIdempotent, sendCommandResponse } from '../http/idempotency';
import { actorOf, type RouteContext } from '../http/route-context';
import { leasePolicyOf } from '../leases/lease-policy';
import { named } from '../openapi/catalog';
import { answers } from '../openapi/responses';
import type { Principal, RouteRole } from '../auth/principal';
import { cancelUnitsOfOldCancelledWork } from '../orders/commands/cancel-units-of-old-cancelled-work';
import { acceptShipment } from './accept-shipment';
import { relabelPackage } from './relabel-package';
import { requireTaskInScope } from './task-scope';
import { loadTask } from './task-store';
import { requireTaskVersion } from './task-version';
import { writeOffShipment } from './write-off-shipment';

const TaskParams = z.object({ taskId: z.string().uuid('task ids are UUIDs') });

/**
 * What a supervisor does about a parcel: one a station shipped while offline and the server did not
 * record (accept it onto its order, or, its order ended meanwhile, take its units off stock), or one
 * carrying the same SSCC as another (relabel it). And about work cancelled before its cancel took
 * its units off the order: take them off now.
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
  parcelTaskRoute(app, ctx, {
    action: 'relabel-package',
    operationId: 'relabelTaskPackage',
    summary:
      'Give one of the parcels a duplicate-sscc task names a new SSCC, numbered by the server from the range the station labels from, and answer what its new shipping label prints; recorded on its order as package-relabelled, the task resolved once one parcel at most carries the old SSCC. A parcel the carrier already has (on a manifest, or reported in transit) is refused',
    answer: {
      description: 'the task, the parcel’s old and new SSCC and its new label',
      schema: named(RelabelledPackage, 'RelabelledPackage'),
    },
    // A person at the floor sticks the new label on: supervisors (and admins), not integrators.
    roles: ['supervisor'],
    body: RelabelPackageRequest,
    refusals:
      'task_not_open, task_not_shared_sscc, package_not_on_task, package_voided, package_sscc_changed, package_handed_to_carrier, sscc_numbers_exhausted, sscc_numbers_taken',
    run: (tx, task, by, body, principal) =>
      relabelPackage(
        tx,
        task,
        {
          actor: by.actor,
          ...(principal.kind === 'station-user'
            ? { stationId: principal.stationId, stationName: principal.stationName }
            : { stationId: null }),
          warehouseId: principal.warehouseId,
        },
        body,
      ),
  });
  parcelTaskRoute(app, ctx, {
    action: 'cancel-units',
    operationId: 'cancelTaskWorkUnits',
    summary:
      'Cancel on the order the units of fulfillment orders cancelled before such a cancel took them off it (a cancelled-work-units task, opened by migration 0023): the total and balance due drop by their price, what was captured for them is refunded, an order left with nothing to ship is cancelled; the task is resolved. Check first that nobody put it right by hand',
    answer: { description: 'the resolved task and what was taken off', schema: named(CancelledWorkUnitsTaken, 'CancelledWorkUnitsTaken') },
    refusals: 'task_not_open, task_not_cancelled_work, order_status_final',
    run: cancelUnitsOfOldCancelledWork,
  });
}

function parcelTaskRoute<B extends z.ZodType<{ note?: string }> = typeof AcceptShipmentRequest>(
  app: FastifyInstance,
  ctx: RouteContext,
  route: {
    action: string;
    operationId: string;
    summary: string;
    answer: { description: string; schema: z.ZodType };
    refusals: string;
    /** Who may; integrators and supervisors when not said. */
    roles?: RouteRole[];
    /** The request body; an optional note when not said. */
    body?: B;
    run: (tx: Queryable, task: TaskView, by: { actor: Actor; note?: string }, body: z.output<B>, principal: Principal) => Promise<unknown>;
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
      roles: route.roles ?? ['integrator', 'supervisor'],
      scope: 'warehouse',
      params: TaskParams,
      body: route.body ?? AcceptShipmentRequest,
      bodyOptional: !route.body,
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
        const by = { actor: actorOf(principal, request), note: body.note };
        return { status: 200, body: await route.run(tx, task, by, body as z.output<B>, principal) };
      });
      return sendCommandResponse(reply, response);
    },
  );
}

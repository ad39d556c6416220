import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { AddNoteRequest, CreateTaskRequest, UpdateTaskRequest } from '../../../shared/api/order-commands';
import { TaskListQuery } from '../../../shared/api/order-queries';
import { defineRoute } from '../../http/define-route';
import { etagOf } from '../../http/etag';
import { runIdempotent, sendCommandResponse } from '../../http/idempotency';
import { NoteSchema, PaginationSchema, TaskSchema, listOf } from '../../openapi/resource-schemas';
import { named } from '../../openapi/catalog';
import { actorOf, type RouteContext } from '../../http/route-context';
import { addNote, notesOf } from '../notes';
import { runOrderCommand } from '../order-command';
import { requireOrderInScope } from '../order-scope';
import { loadOrder } from '../order-store';
import { parcelTaskRoutes } from '../../tasks/parcel-task-routes';
import { requireTaskInScope } from '../../tasks/task-scope';
import { countTasks, createTask, loadTask, tasksOf, updateTask } from '../../tasks/task-store';
import { requireTaskVersion } from '../../tasks/task-version';
import { OrderIdParams, ROLES, commandResponses, readResponses } from './route-kit';

const TAG = ['Notes and tasks'];
const NotesQuery = z.object({ visibility: z.enum(['internal', 'public']).optional() });
const TaskParams = z.object({ taskId: z.string().uuid('task ids are UUIDs') });
const TaskPageSchema = named(z.object({ data: z.array(TaskSchema), pagination: PaginationSchema }), 'TaskPage');

/** Notes and tasks per order. They do not change the order document, so its version stays. */
export function orderSupportRoutes(app: FastifyInstance, ctx: RouteContext) {
  orderNoteAndTaskRoutes(app, ctx);
  taskQueueRoutes(app, ctx);
  parcelTaskRoutes(app, ctx);
}

/** Notes and tasks on one order. */
function orderNoteAndTaskRoutes(app: FastifyInstance, ctx: RouteContext) {
  const { db } = ctx;

  defineRoute(
    app,
    ctx,
    {
      method: 'POST',
      url: '/v1/orders/:id/notes',
      operationId: 'addOrderNote',
      tags: TAG,
      roles: ROLES.annotate,
      scope: 'warehouse',
      params: OrderIdParams,
      body: AddNoteRequest,
      idempotent: true,
      ifMatch: true,
      summary: 'Add an internal or public note to an order',
      responses: commandResponses({ description: 'the note', schema: NoteSchema }, 201),
    },
    async ({ request, principal, reply, params, body }) => {
      return runOrderCommand(db, request, reply, principal, actorOf(principal, request), params.id, async (c) => ({
        status: 201,
        body: await addNote(c.tx, c.order.id, body, c.actor),
      }));
    },
  );

  defineRoute(
    app,
    ctx,
    {
      method: 'GET',
      url: '/v1/orders/:id/notes',
      operationId: 'listOrderNotes',
      tags: TAG,
      roles: ROLES.read,
      scope: 'warehouse',
      params: OrderIdParams,
      query: NotesQuery,
      summary: "An order's notes, oldest first",
      responses: readResponses({ description: 'notes', schema: listOf(NoteSchema, 'NoteList') }),
    },
    async ({ principal, params, query }) => {
      await requireOrderInScope(db, principal, params.id);
      await loadOrder(db, params.id);
      return { data: await notesOf(db, params.id, query.visibility) };
    },
  );

  defineRoute(
    app,
    ctx,
    {
      method: 'POST',
      url: '/v1/orders/:id/tasks',
      operationId: 'createOrderTask',
      tags: TAG,
      roles: ROLES.annotate,
      scope: 'warehouse',
      params: OrderIdParams,
      body: CreateTaskRequest,
      idempotent: true,
      ifMatch: true,
      summary: 'Open a task on an order (call the customer, investigate a refund...)',
      responses: commandResponses({ description: 'the task', schema: TaskSchema, headers: ['ETag'] }, 201),
    },
    async ({ request, principal, reply, params, body }) => {
      return runOrderCommand(db, request, reply, principal, actorOf(principal, request), params.id, async (c) => {
        const task = await createTask(c.tx, { orderId: c.order.id, ...body }, c.actor);
        return { status: 201, body: task, headers: { etag: etagOf(task.version), location: `/v1/orders/tasks/${task.id}` } };
      });
    },
  );

  defineRoute(
    app,
    ctx,
    {
      method: 'GET',
      url: '/v1/orders/:id/tasks',
      operationId: 'listOrderTasks',
      tags: TAG,
      roles: ROLES.read,
      scope: 'warehouse',
      params: OrderIdParams,
      summary: "An order's tasks, including sync conflicts and payment reconciliations",
      responses: readResponses({ description: 'tasks', schema: listOf(TaskSchema, 'TaskList') }),
    },
    async ({ principal, params }) => {
      await requireOrderInScope(db, principal, params.id);
      await loadOrder(db, params.id);
      return { data: await tasksOf(db, { orderId: params.id }) };
    },
  );
}

/** The task queue across orders. */
function taskQueueRoutes(app: FastifyInstance, ctx: RouteContext) {
  const { db } = ctx;

  defineRoute(
    app,
    ctx,
    {
      method: 'GET',
      url: '/v1/orders/tasks',
      operationId: 'listTasks',
      tags: TAG,
      roles: ROLES.read,
      scope: 'warehouse',
      query: TaskListQuery,
      summary: 'Tasks across orders (open ones by default)',
      responses: readResponses({ description: 'a page of tasks', schema: TaskPageSchema }),
    },
    async ({ principal, query }) => {
      const filter = {
        status: query.status ?? ['open', 'in_progress'],
        kind: query.kind,
        assignee: query.assignee,
        orderId: query.order_id,
        warehouseId: principal.warehouseId,
      };
      const total = await countTasks(db, filter);
      const data = await tasksOf(db, { ...filter, limit: query.limit, offset: (query.page - 1) * query.limit });
      return {
        data,
        pagination: {
          limit: query.limit,
          page: query.page,
          totalItems: total,
          totalPages: Math.ceil(total / query.limit),
          hasMore: query.page * query.limit < total,
          nextCursor: null,
        },
      };
    },
  );

  defineRoute(
    app,
    ctx,
    {
      method: 'PATCH',
      url: '/v1/orders/tasks/:taskId',
      operationId: 'updateTask',
      tags: TAG,
      roles: ['integrator', 'supervisor'],
      scope: 'warehouse',
      params: TaskParams,
      body: UpdateTaskRequest,
      idempotent: true,
      ifMatch: true,
      summary: 'Work a task: change its status or assignee, add a note (If-Match on the task version)',
      responses: commandResponses({ description: 'the task', schema: TaskSchema, headers: ['ETag'] }),
    },
    async ({ request, principal, reply, params, body }) => {
      const response = await runIdempotent(db, request, principal.id, async (tx) => {
        const task = await loadTask(tx, params.taskId, true);
        await requireTaskInScope(tx, principal, task);
        // A stale If-Match is 409 version_mismatch, said in words; none at all is accepted for integrators (task-version.ts). The station always sends it.
        requireTaskVersion(request, task);
        const updated = await updateTask(tx, task, body, actorOf(principal, request));
        return { status: 200, body: updated, headers: { etag: etagOf(updated.version) } };
      });
      return sendCommandResponse(reply, response);
    },
  );
}

import type { FastifyInstance } from 'fastify';
import {
  AddLineRequest,
  CancelOrderRequest,
  CloseOrderRequest,
  ConfirmOrderRequest,
  DeliverOrderRequest,
  DuplicateOrderRequest,
  HoldOrderRequest,
  PartialCancelRequest,
  ReleaseOrderRequest,
  RemoveLineQuery,
  ReopenOrderRequest,
  SetStatusRequest,
  UpdateLineRequest,
  UpdateOrderRequest,
} from '../../../shared/api/order-commands';
import { CreateOrderRequest } from '../../../shared/api/orders';
import { defineRoute, type RouteInput } from '../../http/define-route';
import { etagOf } from '../../http/etag';
import { runIdempotent, sendCommandResponse } from '../../http/idempotency';
import { named, type RouteSpec } from '../../openapi/catalog';
import { OrderSchema } from '../../openapi/resource-schemas';
import { actorOf, type RouteContext } from '../../http/route-context';
import { cancelOrder } from '../commands/cancel-order';
import { closeOrder, deliverOrder, reopenOrder } from '../commands/close-order';
import { confirmOrder } from '../commands/confirm-order';
import { duplicateOrder } from '../commands/duplicate-order';
import { holdOrder, releaseOrder } from '../commands/hold-order';
import { addLine, removeLine, updateLine } from '../commands/order-lines';
import { partialCancelOrder } from '../commands/partial-cancel-order';
import { setOrderStatus } from '../commands/set-order-status';
import { updateOrder } from '../commands/update-order';
import { createOrderIn } from '../create-order';
import { runOrderCommand, type CommandContext, type CommandOutcome } from '../order-command';
import { presentOrder } from '../order-view';
import type { Principal } from '../../auth/principal';
import { OrderIdParams, OrderLineParams, ROLES, commandResponses } from './route-kit';

named(CreateOrderRequest, 'CreateOrderRequest');
named(AddLineRequest, 'AddLineRequest');

const TAG = ['Order lifecycle'];

/** A command on one order: role-checked by its declaration, idempotent, If-Match honoured, timeline written by the command. */
function orderCommand<
  const S extends Omit<RouteSpec, 'tags' | 'responses' | 'idempotent' | 'ifMatch' | 'scope'> & {
    params: typeof OrderIdParams | typeof OrderLineParams;
  },
>(
  app: FastifyInstance,
  ctx: RouteContext,
  spec: S,
  run: (c: CommandContext, input: RouteInput<S & RouteSpec>) => Promise<CommandOutcome | void>,
  created?: { description: string; headers: string[] },
) {
  const responses = created ? commandResponses({ ...created, schema: OrderSchema }, 201) : commandResponses();
  const declared = { ...spec, tags: TAG, responses, idempotent: true, ifMatch: true, scope: 'warehouse' } as const;
  defineRoute(app, ctx, declared, async (input) => {
    const principal = input.principal as Principal;
    const { id } = input.params as { id: string };
    return runOrderCommand(ctx.db, input.request, input.reply, principal, actorOf(principal, input.request), id, (c) =>
      run(c, input as never),
    );
  });
}

/** POST /v1/orders: creation, idempotent. An order is not yet any warehouse's: routing decides where it goes. */
export function orderCreateRoute(app: FastifyInstance, ctx: RouteContext) {
  defineRoute(
    app,
    ctx,
    {
      method: 'POST',
      url: '/v1/orders',
      operationId: 'createOrder',
      tags: TAG,
      roles: ROLES.write,
      scope: 'global',
      body: CreateOrderRequest,
      idempotent: true,
      summary:
        'Create an order; a paid or authorized one is confirmed and routed at once when the autoConfirm policy confirms on that payment',
      responses: commandResponses(
        { description: 'the order, with its fulfillment orders and backorders', schema: OrderSchema, headers: ['ETag', 'Location'] },
        201,
      ),
    },
    async ({ request, reply, principal, body }) => {
      const response = await runIdempotent(ctx.db, request, principal.id, async (tx) => {
        const { order, routing } = await createOrderIn(tx, body, actorOf(principal, request), {
          orderNumberPrefix: ctx.config.orderNumberPrefix,
        });
        const view = await presentOrder(tx, order, { expand: new Set(), vocabulary: 'dockside' });
        return {
          status: 201,
          body: { ...view, backorders: routing?.backorders ?? [] },
          headers: { location: `/v1/orders/${order.id}`, etag: etagOf(order.version) },
        };
      });
      return sendCommandResponse(reply, response);
    },
  );
}

export function orderCommandRoutes(app: FastifyInstance, ctx: RouteContext) {
  orderChangeRoutes(app, ctx);
  orderLifecycleRoutes(app, ctx);
  orderLineRoutes(app, ctx);
}

/** Changing an order before it ships: details, confirm, hold, release, cancel. */
function orderChangeRoutes(app: FastifyInstance, ctx: RouteContext) {
  const { write } = ROLES;

  orderCommand(
    app,
    ctx,
    {
      method: 'PATCH',
      url: '/v1/orders/:id',
      operationId: 'updateOrder',
      roles: write,
      params: OrderIdParams,
      body: UpdateOrderRequest,
      summary: 'Change addresses, customer contact, external reference or metadata',
      description: 'The ship-to address can change until a station starts on the order; open fulfillment orders get it too.',
    },
    (c, { body }) => updateOrder(c, body),
  );

  orderCommand(
    app,
    ctx,
    {
      method: 'POST',
      url: '/v1/orders/:id/confirm',
      operationId: 'confirmOrder',
      roles: write,
      params: OrderIdParams,
      body: ConfirmOrderRequest,
      bodyOptional: true,
      summary: 'Confirm a pending order (payment authorized or paid) and route it to warehouses',
    },
    (c, { body }) => confirmOrder(c, body),
  );

  orderCommand(
    app,
    ctx,
    {
      method: 'POST',
      url: '/v1/orders/:id/hold',
      operationId: 'holdOrder',
      roles: write,
      params: OrderIdParams,
      body: HoldOrderRequest,
      summary: 'Put the order on hold for one or more reasons (several holds at once)',
      description: 'Its open and in-progress fulfillment orders are held with the same reasons.',
    },
    (c, { body }) => holdOrder(c, body),
  );

  orderCommand(
    app,
    ctx,
    {
      method: 'POST',
      url: '/v1/orders/:id/release',
      operationId: 'releaseOrder',
      roles: write,
      params: OrderIdParams,
      body: ReleaseOrderRequest,
      bodyOptional: true,
      summary: 'Release some or all holds; with none left the order returns to its status before the hold',
    },
    (c, { body }) => releaseOrder(c, body),
  );

  orderCommand(
    app,
    ctx,
    {
      method: 'POST',
      url: '/v1/orders/:id/cancel',
      operationId: 'cancelOrder',
      roles: write,
      params: OrderIdParams,
      body: CancelOrderRequest,
      summary: 'Cancel an order nothing of which has shipped (restock and refund flags)',
      description:
        'Cancels open and in-progress fulfillment orders (a station packing offline sees a conflict), releases reservations (when restock is false, writes off the picked units instead; unpicked ones are released), cancels backorders, refunds what was captured when refund is true.',
    },
    (c, { body }) => cancelOrder(c, body),
  );

  orderCommand(
    app,
    ctx,
    {
      method: 'POST',
      url: '/v1/orders/:id/partial-cancel',
      operationId: 'partialCancelOrder',
      roles: write,
      params: OrderIdParams,
      body: PartialCancelRequest,
      summary: 'Cancel some units of some lines (only units not yet picked), refunding them',
      description:
        'The units leave the order with their frozen share of discount and tax, so the total and the balance due (what is still to capture) drop by their price. With refund true, the part of that price already captured is refunded: all of it on a paid order, none on one only authorized.',
    },
    (c, { body }) => partialCancelOrder(c, body),
  );
}

/** Moving an order along by hand: deliver, close, reopen, set status, duplicate. */
function orderLifecycleRoutes(app: FastifyInstance, ctx: RouteContext) {
  const { write } = ROLES;

  orderCommand(
    app,
    ctx,
    {
      method: 'POST',
      url: '/v1/orders/:id/deliver',
      operationId: 'deliverOrder',
      roles: write,
      params: OrderIdParams,
      body: DeliverOrderRequest,
      bodyOptional: true,
      summary: 'Record delivery of a fully shipped order',
    },
    (c, { body }) => deliverOrder(c, body),
  );

  orderCommand(
    app,
    ctx,
    {
      method: 'POST',
      url: '/v1/orders/:id/close',
      operationId: 'closeOrder',
      roles: write,
      params: OrderIdParams,
      body: CloseOrderRequest,
      bodyOptional: true,
      summary: 'Close a delivered order (completed, final)',
    },
    (c, { body }) => closeOrder(c, body),
  );

  orderCommand(
    app,
    ctx,
    {
      method: 'POST',
      url: '/v1/orders/:id/reopen',
      operationId: 'reopenOrder',
      roles: ROLES.admin,
      params: OrderIdParams,
      body: ReopenOrderRequest,
      summary: 'Reopen a completed order (admin only, reason required)',
    },
    (c, { body }) => reopenOrder(c, body),
  );

  orderCommand(
    app,
    ctx,
    {
      method: 'POST',
      url: '/v1/orders/:id/status',
      operationId: 'setOrderStatus',
      roles: write,
      params: OrderIdParams,
      body: SetStatusRequest,
      summary: 'Move the order to a status named in any status vocabulary (updateOrderStatus)',
      description:
        'Runs the command the status means (confirm, hold, release, cancel, deliver, close) with its checks. ' +
        'Derived statuses (processing, partially_shipped, shipped, refunded...) answer 409 order_status_derived. ' +
        'In particular confirmed → processing is not a manual step here, although the first order-lifecycle document describes it as an admin action: ' +
        'the server moves an order to processing itself when its fulfillment starts (a station takes it or scans its first item), so the status always says what the warehouse is doing.',
    },
    (c, { body }) => setOrderStatus(c, body),
  );

  orderCommand(
    app,
    ctx,
    {
      method: 'POST',
      url: '/v1/orders/:id/duplicate',
      operationId: 'duplicateOrder',
      roles: write,
      params: OrderIdParams,
      body: DuplicateOrderRequest,
      bodyOptional: true,
      summary: 'Create a pending copy of the order (lines still ordered, addresses, metadata)',
    },
    (c, { body }) => duplicateOrder(c, body, ctx.config.orderNumberPrefix),
    { description: 'the new order', headers: ['ETag', 'Location'] },
  );
}

/** Changing an order's lines. */
function orderLineRoutes(app: FastifyInstance, ctx: RouteContext) {
  const { write } = ROLES;

  orderCommand(
    app,
    ctx,
    {
      method: 'POST',
      url: '/v1/orders/:id/lines',
      operationId: 'addOrderLine',
      roles: write,
      params: OrderIdParams,
      body: AddLineRequest,
      summary: 'Add a line (pending or confirmed orders); totals recalculated, new units routed',
    },
    (c, { body }) => addLine(c, body),
    { description: 'the order with the new line', headers: ['ETag'] },
  );

  orderCommand(
    app,
    ctx,
    {
      method: 'PATCH',
      url: '/v1/orders/:id/lines/:lineId',
      operationId: 'updateOrderLine',
      roles: write,
      params: OrderLineParams,
      body: UpdateLineRequest,
      summary: 'Change a line (quantity, price, tax, discount, name, metadata); totals recalculated',
    },
    (c, { params, body }) => updateLine(c, params.lineId, body),
  );

  orderCommand(
    app,
    ctx,
    {
      method: 'DELETE',
      url: '/v1/orders/:id/lines/:lineId',
      operationId: 'removeOrderLine',
      roles: write,
      params: OrderLineParams,
      query: RemoveLineQuery,
      summary: 'Remove a line; totals recalculated, its reservations released',
    },
    (c, { params, query }) => removeLine(c, params.lineId, query.reason),
  );
}

import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Queryable } from '../db/database';
import {
  AuthorizeReturnRequest,
  CancelReturnRequest,
  CompleteReturnRequest,
  CreateReturnRequest,
  ExchangeReturnRequest,
  InspectReturnRequest,
  ListReturnsQuery,
  ReceiveReturnRequest,
  RefundRequestView,
  RegradeReturnUnitRequest,
  RejectReturnRequest,
  ReturnDocument,
} from '../../shared/api/returns';
import { listOf } from '../../shared/api/list-page';
import { requireWarehouse, type Principal, type RouteRole } from '../auth/principal';
import { defineRoute } from '../http/define-route';
import { IdParams, OrderIdParams } from '../http/params';
import type { ResponseSpec } from '../openapi/catalog';
import { answers } from '../openapi/responses';
import { loadOrder } from '../orders/order-store';
import { actorOf, type RouteContext } from '../http/route-context';
import { decodeCursor, pageOf } from '../fulfillment/page-cursor';
import {
  AUTHORIZERS,
  authorizeReturn,
  cancelReturn,
  completeReturn,
  createReturn,
  exchangeReturn,
  inspectReturn,
  receiveReturn,
  rejectReturn,
  returnInScope,
  type ReturnActionContext,
} from './return-actions';
import { listReturnKeys, loadReturn, returnIdByNumber, returnsOfOrder } from './return-store';
import { refundRequestsOf } from './refund-requests';
import { returnLabelRoutes } from './return-label-routes';
import { regradeReturn } from './regrade-return';
import { retryingTransaction } from '../db/retrying-transaction';

const TAG = ['Returns'];
const READERS = ['integrator', 'supervisor', 'returns', 'station'] as const;
const doc: ResponseSpec = {
  description: 'the return (RMA) document: lines, received and inspected units, refund request, replacement order',
  schema: ReturnDocument,
};

/** Returns (RMA): create/authorize, receive, inspect per unit, complete (refund request), reject, cancel, exchange. */
export function returnRoutes(app: FastifyInstance, ctx: RouteContext) {
  returnOrderRoutes(app, ctx);
  returnReadRoutes(app, ctx);
  returnActionRoutes(app, ctx);
  returnLabelRoutes(app, ctx);
}

/** Returns of one order: raise one, list them and their refund requests. */
function returnOrderRoutes(app: FastifyInstance, ctx: RouteContext) {
  const { db, config } = ctx;
  const context = actionContextOf(config);

  defineRoute(
    app,
    ctx,
    {
      method: 'POST',
      url: '/v1/orders/:orderId/returns',
      operationId: 'createReturn',
      tags: TAG,
      roles: READERS,
      scope: 'warehouse',
      params: OrderIdParams,
      body: CreateReturnRequest,
      summary:
        'Open a return (RMA-YYYYMMDD-NNNNN) for shipped units; authorize at once if asked (not a station: authorizing needs the authorize roles)',
      responses: answers('POST', doc, { status: 201, refusals: 'return_exceeds_shipped, line_not_in_order, return_warehouse_required' }),
    },
    async ({ request, reply, principal, params: { orderId }, body }) => {
      const created = await retryingTransaction(db, (tx) => createReturn(tx, orderId, body, context(principal, request)));
      return reply.status(201).header('location', `/v1/returns/${created.id}`).send(created);
    },
  );

  defineRoute(
    app,
    ctx,
    {
      method: 'GET',
      url: '/v1/orders/:orderId/returns',
      operationId: 'listOrderReturns',
      tags: TAG,
      roles: READERS,
      scope: 'warehouse',
      params: OrderIdParams,
      summary: "An order's returns",
      responses: answers('GET', { description: 'returns', schema: listOf(ReturnDocument) }),
    },
    async ({ principal, params: { orderId } }) => {
      await loadOrder(db, orderId);
      return { data: await returnsOfOrder(db, orderId, principal.warehouseId) };
    },
  );

  defineRoute(
    app,
    ctx,
    {
      method: 'GET',
      url: '/v1/orders/:orderId/refund-requests',
      operationId: 'listOrderRefundRequests',
      tags: TAG,
      roles: ['integrator', 'supervisor', 'returns'],
      scope: 'unbound',
      params: OrderIdParams,
      summary: 'Refund requests raised by returns and cancelled backorders (executed by payments)',
      responses: answers('GET', { description: 'refund requests', schema: listOf(RefundRequestView) }),
    },
    async ({ params: { orderId } }) => {
      await loadOrder(db, orderId);
      return { data: await refundRequestsOf(db, orderId) };
    },
  );
}

/** Reading returns: the list, one by RMA number or id. */
function returnReadRoutes(app: FastifyInstance, ctx: RouteContext) {
  const { db } = ctx;

  defineRoute(
    app,
    ctx,
    {
      method: 'GET',
      url: '/v1/returns',
      operationId: 'listReturns',
      tags: TAG,
      roles: READERS,
      scope: 'warehouse',
      query: ListReturnsQuery,
      summary: 'Returns, oldest first, with a cursor',
      responses: answers('GET', { description: 'returns and nextCursor', schema: listOf(ReturnDocument) }),
    },
    async ({ principal, query: q }) => {
      if (q.warehouseId) requireWarehouse(principal, q.warehouseId);
      const rows = await listReturnKeys(db, {
        status: q.status ?? null,
        orderId: q.orderId ?? null,
        warehouseId: q.warehouseId ?? principal.warehouseId ?? null,
        after: decodeCursor(q.cursor),
        limit: q.limit,
      });
      const page = pageOf(rows, q.limit, (r) => ({ createdAt: new Date(r.created_at).toISOString(), id: r.id }));
      return { data: await Promise.all(page.data.map((r) => loadReturn(db, r.id))), nextCursor: page.nextCursor };
    },
  );

  // The returns desk scans the RMA number.
  defineRoute(
    app,
    ctx,
    {
      method: 'GET',
      url: '/v1/returns/by-number/:number',
      operationId: 'getReturnByNumber',
      tags: TAG,
      roles: READERS,
      scope: 'warehouse',
      params: z.object({ number: z.string().trim().min(1).max(40) }),
      summary: 'Find a return by its RMA number (the returns desk scans it)',
      responses: answers('GET', doc),
    },
    async ({ principal, params: { number } }) => returnInScope(db, principal, await returnIdByNumber(db, number)),
  );

  defineRoute(
    app,
    ctx,
    {
      method: 'GET',
      url: '/v1/returns/:id',
      operationId: 'getReturn',
      tags: TAG,
      roles: READERS,
      scope: 'warehouse',
      params: IdParams,
      summary: 'Read a return',
      responses: answers('GET', doc),
    },
    async ({ principal, params: { id } }) => returnInScope(db, principal, id),
  );
}

/** The steps of a return, each one transaction. */
function returnActionRoutes(app: FastifyInstance, ctx: RouteContext) {
  const action = returnActionDeclarer(app, ctx);

  action(
    'authorize',
    'authorizeReturn',
    'Authorize and name the receiving warehouse',
    AUTHORIZERS,
    AuthorizeReturnRequest,
    { bodyOptional: true, refusals: 'return_transition_forbidden, return_warehouse_required' },
    authorizeReturn,
  );
  action(
    'receive',
    'receiveReturn',
    'Receive units (in parts); final closes receiving with what arrived',
    ['returns', 'supervisor', 'station'],
    ReceiveReturnRequest,
    { refusals: 'return_not_authorized, return_over_received, return_nothing_received' },
    receiveReturn,
  );
  action(
    'inspect',
    'inspectReturn',
    'Grade each received unit (condition) and decide its disposition; restocked units go back on hand and serve backorders',
    ['returns', 'supervisor', 'station'],
    InspectReturnRequest,
    { refusals: 'return_not_received, return_over_inspected' },
    inspectReturn,
  );
  action(
    'regrade',
    'regradeReturnUnit',
    "Change a graded unit's grade before the return is completed; a restocked unit comes off hand again, and the refund follows the new grade",
    ['returns', 'supervisor', 'station'],
    RegradeReturnUnitRequest,
    {
      refusals:
        'return_grades_final, return_status_final, return_unit_not_graded, return_grade_changed, return_grade_unchanged, return_unit_not_sellable',
    },
    regradeReturn,
  );
  action(
    'complete',
    'completeReturn',
    'Complete: the refund is computed from the frozen prices and raised as a refund request; exchanges create the replacement order',
    ['returns', 'supervisor'],
    CompleteReturnRequest,
    { bodyOptional: true, refusals: 'return_transition_forbidden' },
    completeReturn,
  );
  action(
    'reject',
    'rejectReturn',
    'Reject (before authorization or after inspection)',
    ['returns', 'supervisor'],
    RejectReturnRequest,
    { refusals: 'return_transition_forbidden, return_status_final' },
    (tx, id, input, c) => rejectReturn(tx, id, input.reason, c),
  );
  action(
    'cancel',
    'cancelReturn',
    'Cancel before any unit arrived',
    ['integrator', 'supervisor', 'returns'],
    CancelReturnRequest,
    { refusals: 'return_transition_forbidden, return_status_final' },
    (tx, id, input, c) => cancelReturn(tx, id, input.reason, c),
  );
  action(
    'exchange',
    'exchangeReturn',
    'Advance exchange: ship the replacement order now',
    ['integrator', 'supervisor', 'returns'],
    ExchangeReturnRequest,
    { bodyOptional: true, refusals: 'return_not_authorized, return_replacement_exists, return_has_no_exchange' },
    (tx, id, input, c) => exchangeReturn(tx, id, input.note, c),
  );
}

/** What a return action needs to know of its caller and the server's numbering. */
function actionContextOf(config: RouteContext['config']) {
  return (principal: Principal, request: FastifyRequest): ReturnActionContext => ({
    principal,
    actor: actorOf(principal, request),
    returnNumberPrefix: config.returnNumberPrefix,
    orderNumberPrefix: config.orderNumberPrefix,
  });
}

/** Declares return actions on `app`. */
function returnActionDeclarer(app: FastifyInstance, ctx: RouteContext) {
  const { db, config } = ctx;
  const context = actionContextOf(config);

  /** A return action: declared like every route, then run in one transaction. */
  function action<S extends z.ZodType, T>(
    path: string,
    operationId: string,
    summary: string,
    roles: readonly RouteRole[],
    body: S,
    o: { bodyOptional?: boolean; refusals: string },
    run: (tx: Queryable, id: string, input: z.output<S>, ctx: ReturnActionContext) => Promise<T>,
  ) {
    defineRoute(
      app,
      ctx,
      {
        method: 'POST',
        url: `/v1/returns/:id/${path}`,
        operationId,
        summary,
        tags: TAG,
        roles,
        scope: 'warehouse',
        params: IdParams,
        body,
        ...(o.bodyOptional ? { bodyOptional: true } : {}),
        responses: answers('POST', doc, { refusals: o.refusals }),
      },
      async ({ request, principal, params: { id }, body: input }) => {
        const actionContext = context(principal, request);
        return retryingTransaction(db, (tx) => run(tx, id, input as z.output<S>, actionContext));
      },
    );
  }
  return action;
}

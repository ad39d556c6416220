import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Queryable } from '../db/database';
import {
  AuthorizeReturnRequest, CancelReturnRequest, CompleteReturnRequest, CreateReturnRequest, ExchangeReturnRequest, InspectReturnRequest,
  ListReturnsQuery, ReceiveReturnRequest, RejectReturnRequest,
} from '../../shared/api/returns';
import { requireRole, requireWarehouse, type Principal, type Role } from '../auth/principal';
import { parseWith, problems } from '../http/problem';
import { loadOrder } from '../orders/order-store';
import { actorOf, type RouteContext } from '../routes/context';
import { decodeCursor, pageOf } from '../fulfillment/page-cursor';
import { uuidParam } from '../fulfillment/scope';
import {
  authorizeReturn, cancelReturn, completeReturn, createReturn, exchangeReturn, inspectReturn, receiveReturn, rejectReturn, returnInScope,
  type ReturnActionContext,
} from './return-actions';
import { loadReturn, returnIdByNumber } from './return-store';
import { refundRequestsOf } from './refund-requests';
import { retryingTransaction } from '../fulfillment/retrying-transaction';

type IdParams = { Params: { id: string } };
const READERS: (Role | 'station')[] = ['integrator', 'supervisor', 'returns', 'station'];

/** Returns (RMA): create/authorize, receive, inspect per unit, complete (refund request), reject, cancel, exchange. */
export function returnRoutes(app: FastifyInstance, { db, auth, config }: RouteContext) {
  const context = (principal: Principal, request: FastifyRequest): ReturnActionContext => ({
    principal, actor: actorOf(principal, request), returnNumberPrefix: config.returnNumberPrefix, orderNumberPrefix: config.orderNumberPrefix,
  });

  /** A return action: authenticate, check the role, validate the body, then run it in one transaction. */
  function action<S extends z.ZodType, T>(path: string, roles: (Role | 'station')[], schema: S, run: (tx: Queryable, id: string, input: z.output<S>, ctx: ReturnActionContext) => Promise<T>) {
    app.post<IdParams>(`/v1/returns/:id/${path}`, async (request) => {
      const principal = await auth.authenticate(request);
      requireRole(principal, ...roles);
      const id = uuidParam(request.params.id, 'id');
      const input = parseWith(schema, request.body ?? {});
      const ctx = context(principal, request);
      return retryingTransaction(db, (tx) => run(tx, id, input, ctx));
    });
  }

  app.post<{ Params: { orderId: string } }>('/v1/orders/:orderId/returns', async (request, reply) => {
    const principal = await auth.authenticate(request);
    requireRole(principal, 'integrator', 'supervisor', 'returns', 'station');
    const orderId = uuidParam(request.params.orderId, 'orderId');
    const input = parseWith(CreateReturnRequest, request.body);
    if (input.authorize) requireRole(principal, 'integrator', 'supervisor', 'returns');
    const doc = await retryingTransaction(db, (tx) => createReturn(tx, orderId, input, context(principal, request)));
    return reply.status(201).header('location', `/v1/returns/${doc.id}`).send(doc);
  });

  app.get<{ Params: { orderId: string } }>('/v1/orders/:orderId/returns', async (request) => {
    const principal = await auth.authenticate(request);
    requireRole(principal, ...READERS);
    const orderId = uuidParam(request.params.orderId, 'orderId');
    await loadOrder(db, orderId);
    const rows = await db.query<{ id: string }>('select id from returns where order_id = $1 and ($2::uuid is null or warehouse_id is null or warehouse_id = $2) order by created_at, id', [orderId, principal.warehouseId]);
    return { data: await Promise.all(rows.map((r) => loadReturn(db, r.id))) };
  });

  app.get<{ Params: { orderId: string } }>('/v1/orders/:orderId/refund-requests', async (request) => {
    const principal = await auth.authenticate(request);
    requireRole(principal, 'integrator', 'supervisor', 'returns');
    if (principal.warehouseId) throw problems.forbidden('refund requests are visible to principals not bound to a warehouse');
    const orderId = uuidParam(request.params.orderId, 'orderId');
    await loadOrder(db, orderId);
    return { data: await refundRequestsOf(db, orderId) };
  });

  app.get('/v1/returns', async (request) => {
    const principal = await auth.authenticate(request);
    requireRole(principal, ...READERS);
    const q = parseWith(ListReturnsQuery, request.query);
    if (q.warehouseId) requireWarehouse(principal, q.warehouseId);
    const after = decodeCursor(q.cursor);
    const rows = await db.query<{ id: string; created_at: Date | string }>(
      `select id, created_at from returns
        where ($1::text is null or status = $1) and ($2::uuid is null or order_id = $2) and ($3::uuid is null or warehouse_id = $3)
          and ($4::timestamptz is null or (created_at, id) > ($4::timestamptz, $5::uuid))
        order by created_at, id limit $6`,
      [q.status ?? null, q.orderId ?? null, q.warehouseId ?? principal.warehouseId ?? null, after?.createdAt ?? null, after?.id ?? null, q.limit + 1],
    );
    const page = pageOf(rows, q.limit, (r) => ({ createdAt: new Date(r.created_at).toISOString(), id: r.id }));
    return { data: await Promise.all(page.data.map((r) => loadReturn(db, r.id))), nextCursor: page.nextCursor };
  });

  // The returns desk scans the RMA number.
  app.get<{ Params: { number: string } }>('/v1/returns/by-number/:number', async (request) => {
    const principal = await auth.authenticate(request);
    requireRole(principal, ...READERS);
    const { number } = parseWith(z.object({ number: z.string().trim().min(1).max(40) }), { number: request.params.number });
    return returnInScope(db, principal, await returnIdByNumber(db, number));
  });

  app.get<IdParams>('/v1/returns/:id', async (request) => {
    const principal = await auth.authenticate(request);
    requireRole(principal, ...READERS);
    return returnInScope(db, principal, uuidParam(request.params.id, 'id'));
  });

  action('authorize', ['integrator', 'supervisor', 'returns'], AuthorizeReturnRequest, authorizeReturn);
  action('receive', ['returns', 'supervisor', 'station'], ReceiveReturnRequest, receiveReturn);
  action('inspect', ['returns', 'supervisor', 'station'], InspectReturnRequest, inspectReturn);
  action('complete', ['returns', 'supervisor'], CompleteReturnRequest, completeReturn);
  action('reject', ['returns', 'supervisor'], RejectReturnRequest, (tx, id, input, ctx) => rejectReturn(tx, id, input.reason, ctx));
  action('cancel', ['integrator', 'supervisor', 'returns'], CancelReturnRequest, (tx, id, input, ctx) => cancelReturn(tx, id, input.reason, ctx));
  action('exchange', ['integrator', 'supervisor', 'returns'], ExchangeReturnRequest, (tx, id, input, ctx) => exchangeReturn(tx, id, input.note, ctx));
}

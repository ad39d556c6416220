import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { requireRole, type Principal } from '../auth/principal';
import { fulfillmentOrdersOf } from '../fulfillment/fulfillment-store';
import { parseWith, problems } from '../http/problem';
import { createOrder } from '../orders/create-order';
import { loadOrder } from '../orders/order-store';
import { readTimeline } from '../orders/timeline';
import { actorOf, type RouteContext } from './context';
import type { Queryable } from '../db/database';

const OrderId = z.string().uuid('order ids are UUIDs');

/** A principal bound to a warehouse sees an order only when part of it is routed there. */
async function requireOrderInScope(db: Queryable, principal: Principal, orderId: string) {
  if (!principal.warehouseId) return;
  const [row] = await db.query('select 1 from fulfillment_orders where order_id = $1 and warehouse_id = $2 limit 1', [orderId, principal.warehouseId]);
  if (!row) throw problems.notFound(`order ${orderId}`);
}

export function orderRoutes(app: FastifyInstance, { db, auth, config }: RouteContext) {
  app.post('/v1/orders', async (request, reply) => {
    const principal = await auth.authenticate(request);
    requireRole(principal, 'integrator', 'supervisor');
    const { order, routing } = await createOrder(db, request.body, actorOf(principal, request), { orderNumberPrefix: config.orderNumberPrefix });
    return reply
      .status(201)
      .header('location', `/v1/orders/${order.id}`)
      .header('etag', `"${order.version}"`)
      .send({ ...order, fulfillmentOrders: routing?.fulfillmentOrders ?? [], backorders: routing?.backorders ?? [] });
  });

  app.get<{ Params: { id: string } }>('/v1/orders/:id', async (request, reply) => {
    const principal = await auth.authenticate(request);
    requireRole(principal, 'integrator', 'supervisor', 'packer', 'returns');
    const id = parseWith(OrderId, request.params.id);
    await requireOrderInScope(db, principal, id);
    const order = await loadOrder(db, id);
    const fulfillmentOrders = await fulfillmentOrdersOf(db, id);
    return reply.header('etag', `"${order.version}"`).send({ ...order, fulfillmentOrders });
  });

  app.get<{ Params: { id: string } }>('/v1/orders/:id/timeline', async (request) => {
    const principal = await auth.authenticate(request);
    requireRole(principal, 'integrator', 'supervisor', 'packer', 'returns');
    const id = parseWith(OrderId, request.params.id);
    await requireOrderInScope(db, principal, id);
    await loadOrder(db, id);
    return { data: await readTimeline(db, id) };
  });
}

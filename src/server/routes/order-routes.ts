import type { FastifyInstance } from 'fastify';
import { orderCreateRoute } from '../orders/routes/order-command-routes';
import { orderReadRoutes } from '../orders/routes/order-read-routes';
import type { RouteContext } from '../http/route-context';

/** Orders: create, read, list, search, summary, audit, timeline. */
export function orderRoutes(app: FastifyInstance, context: RouteContext) {
  orderCreateRoute(app, context);
  orderReadRoutes(app, context);
}

import type { FastifyInstance } from 'fastify';
import { trackRoutes } from '../openapi/catalog';
import { orderCreateRoute } from '../orders/routes/order-command-routes';
import { orderReadRoutes } from '../orders/routes/order-read-routes';
import type { RouteContext } from './context';

/** Orders: create, read, list, search, summary, audit, timeline. Registered before the other modules, so route tracking for the OpenAPI document starts here. */
export function orderRoutes(app: FastifyInstance, context: RouteContext) {
  trackRoutes(app);
  orderCreateRoute(app, context);
  orderReadRoutes(app, context);
}

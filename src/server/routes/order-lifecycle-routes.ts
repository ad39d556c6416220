import type { FastifyInstance } from 'fastify';
import { openApiRoutes } from '../openapi/openapi-routes';
import { billingRoutes } from '../billing/billing-routes';
import { orderCommandRoutes } from '../orders/routes/order-command-routes';
import { orderQuoteRoutes } from '../orders/routes/order-quote-routes';
import { orderSupportRoutes } from '../orders/routes/order-support-routes';
import { paymentRoutes } from '../payments/payment-routes';
import type { RouteContext } from '../http/route-context';

/** The order lifecycle API (issue 3): commands, notes and tasks, payments and refunds, OpenAPI, docs, metrics. */
export function orderLifecycleRoutes(app: FastifyInstance, context: RouteContext): void {
  orderCommandRoutes(app, context);
  orderQuoteRoutes(app, context);
  orderSupportRoutes(app, context);
  billingRoutes(app, context);
  paymentRoutes(app, context);
  openApiRoutes(app, context);
}

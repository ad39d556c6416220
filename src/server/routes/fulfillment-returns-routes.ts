import type { FastifyInstance } from 'fastify';
import { backorderSpecs } from '../backorders/backorder-openapi';
import { backorderRoutes } from '../backorders/backorder-routes';
import { fulfillmentOrderSpecs, routingSpecs } from '../fulfillment/fulfillment-openapi';
import { fulfillmentOrderRoutes } from '../fulfillment/fulfillment-order-routes';
import { routingConfigRoutes } from '../fulfillment/routing-config-routes';
import { inventorySpecs } from '../inventory/inventory-openapi';
import { inventoryRoutes } from '../inventory/inventory-routes';
import { document } from '../openapi/catalog';
import { packageSpecs } from '../packages/package-openapi';
import { packageRoutes } from '../packages/package-routes';
import { returnSpecs } from '../returns/return-openapi';
import { returnRoutes } from '../returns/return-routes';
import type { RouteContext } from './context';

/** Fulfillment (routing, inventory, fulfillment orders, packages, backorders) and returns, with their OpenAPI descriptions. */
export function fulfillmentReturnsRoutes(app: FastifyInstance, context: RouteContext): void {
  inventoryRoutes(app, context);
  routingConfigRoutes(app, context);
  fulfillmentOrderRoutes(app, context);
  packageRoutes(app, context);
  backorderRoutes(app, context);
  returnRoutes(app, context);
  for (const spec of [...inventorySpecs, ...routingSpecs, ...fulfillmentOrderSpecs, ...packageSpecs, ...backorderSpecs, ...returnSpecs]) document(app, spec);
}

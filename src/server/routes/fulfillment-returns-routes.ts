import type { FastifyInstance } from 'fastify';
import { backorderRoutes } from '../backorders/backorder-routes';
import { carrierRoutes } from '../carriers/carrier-routes';
import { fulfillmentOrderRoutes } from '../fulfillment/fulfillment-order-routes';
import { routingConfigRoutes } from '../fulfillment/routing-config-routes';
import { inventoryRoutes } from '../inventory/inventory-routes';
import { lotsSerialsRoutes } from '../lots/lots-serials-routes';
import { packageRoutes } from '../packages/package-routes';
import { returnRoutes } from '../returns/return-routes';
import type { RouteContext } from '../http/route-context';

/** Fulfillment (routing, inventory, fulfillment orders, packages, carriers, backorders, lots and serials) and returns. */
export function fulfillmentReturnsRoutes(app: FastifyInstance, context: RouteContext): void {
  inventoryRoutes(app, context);
  routingConfigRoutes(app, context);
  fulfillmentOrderRoutes(app, context);
  packageRoutes(app, context);
  carrierRoutes(app, context);
  backorderRoutes(app, context);
  returnRoutes(app, context);
  lotsSerialsRoutes(app, context);
}

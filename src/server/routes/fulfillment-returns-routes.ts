import type { FastifyInstance } from 'fastify';
import { backorderRoutes } from '../backorders/backorder-routes';
import { carrierRoutes } from '../carriers/carrier-routes';
import { fulfillmentOrderRoutes } from '../fulfillment/fulfillment-order-routes';
import { routingConfigRoutes } from '../fulfillment/routing-config-routes';
import { inventoryRoutes } from '../inventory/inventory-routes';
import { manifestRoutes } from '../manifests/manifest-routes';
import { lotsSerialsRoutes } from '../lots/lots-serials-routes';
import { packageRoutes } from '../packages/package-routes';
import { binRoutes } from '../picking/bin-routes';
import { returnRoutes } from '../returns/return-routes';
import type { RouteContext } from '../http/route-context';

/** Fulfillment (routing, inventory, bins and pick mode, fulfillment orders, packages, carriers, manifests, backorders, lots and serials) and returns. */
export function fulfillmentReturnsRoutes(app: FastifyInstance, context: RouteContext): void {
  inventoryRoutes(app, context);
  binRoutes(app, context);
  routingConfigRoutes(app, context);
  fulfillmentOrderRoutes(app, context);
  packageRoutes(app, context);
  carrierRoutes(app, context);
  manifestRoutes(app, context);
  backorderRoutes(app, context);
  returnRoutes(app, context);
  lotsSerialsRoutes(app, context);
}

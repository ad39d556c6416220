import type { FastifyInstance } from 'fastify';
import { CreatePackageRequest } from '../../shared/api/fulfillment';
import { defineRoute } from '../http/define-route';
import { IdParams, OrderIdParams } from '../http/params';
import { problems } from '../http/problem';
import { answers } from '../openapi/responses';
import { loadOrder } from '../orders/order-store';
import { actorOf, type RouteContext } from '../http/route-context';
import { applyAdminChange } from '../fulfillment/apply-admin-event';
import { fulfillmentOrdersOf } from '../fulfillment/fulfillment-store';
import { fulfillmentOrderInScope } from '../fulfillment/fulfillment-order-scope';
import { packageView, readTracking, saveDetails } from './package-store';
import { retryingTransaction } from '../db/retrying-transaction';
import { packageShippingRoutes, packageTrackingRoutes } from './package-lifecycle-routes';
import { PACKERS, READERS, TAG, packageInScope, stationOf, view } from './package-route-kit';

/** Packages (shipments): create, label, ship, track to delivery, void. */
export function packageRoutes(app: FastifyInstance, ctx: RouteContext) {
  packageCreateRoute(app, ctx);
  packageReadRoutes(app, ctx);
  packageShippingRoutes(app, ctx);
  packageTrackingRoutes(app, ctx);
}

function packageCreateRoute(app: FastifyInstance, ctx: RouteContext) {
  const { db } = ctx;
  defineRoute(
    app,
    ctx,
    {
      method: 'POST',
      url: '/v1/fulfillment-orders/:id/packages',
      operationId: 'createPackage',
      tags: TAG,
      roles: PACKERS,
      scope: 'warehouse',
      params: IdParams,
      body: CreatePackageRequest,
      summary: 'Pack units into a box (a client id makes retries safe); starts the work on an open fulfillment order',
      responses: answers('POST', view, {
        status: 201,
        refusals: 'line_over_packed, package_exists, fulfillment_order_on_hold, fulfillment_order_in_progress_elsewhere',
      }),
    },
    async ({ request, reply, principal, params: { id }, body: input }) => {
      const packageId = input.id ?? crypto.randomUUID();
      const result = await retryingTransaction(db, async (tx) => {
        const doc = await fulfillmentOrderInScope(tx, principal, id, true);
        const existing = doc.packages.find((p) => p.id === packageId);
        if (existing) {
          // A retried create: the same package again is answered with what was recorded.
          if (JSON.stringify(existing.contents) !== JSON.stringify(input.contents))
            throw problems.conflict('package_exists', 'a different package with this id exists');
          return { created: false, view: await packageView(tx, doc, packageId) };
        }
        const saved = await applyAdminChange(tx, doc, {
          type: 'package-recorded',
          payload: { packageId, contents: input.contents, weightGrams: input.weightGrams ?? null },
          actor: actorOf(principal, request),
          stationId: stationOf(principal),
        });
        await saveDetails(tx, saved, packageId, { service: input.service ?? null, dimensions: input.dimensions ?? null });
        return { created: true, view: await packageView(tx, saved, packageId) };
      });
      return reply
        .status(result.created ? 201 : 200)
        .header('location', `/v1/packages/${packageId}`)
        .send(result.view);
    },
  );
}

function packageReadRoutes(app: FastifyInstance, ctx: RouteContext) {
  const { db } = ctx;
  defineRoute(
    app,
    ctx,
    {
      method: 'GET',
      url: '/v1/packages/:id',
      operationId: 'getPackage',
      tags: TAG,
      roles: READERS,
      scope: 'warehouse',
      params: IdParams,
      summary: 'Read a package, wherever it was created (API or station)',
      responses: answers('GET', view),
    },
    async ({ principal, params: { id } }) => {
      const { doc } = await packageInScope(db, principal, id, false);
      return packageView(db, doc, id.toLowerCase());
    },
  );

  defineRoute(
    app,
    ctx,
    {
      method: 'GET',
      url: '/v1/packages/:id/tracking',
      operationId: 'getPackageTracking',
      tags: TAG,
      roles: READERS,
      scope: 'warehouse',
      params: IdParams,
      summary: "A package's carrier tracking events",
      responses: answers('GET', { description: 'status and events' }),
    },
    async ({ principal, params: { id } }) => {
      const { pkg } = await packageInScope(db, principal, id, false);
      return {
        packageId: id,
        status: pkg.status,
        trackingNumber: pkg.trackingNumber,
        carrier: pkg.carrier,
        events: await readTracking(db, id),
      };
    },
  );

  for (const [url, operationId, summary] of [
    ['/v1/orders/:orderId/packages', 'listOrderPackages', "Every package of an order's fulfillment orders"],
    ['/v1/orders/:orderId/shipments', 'listOrderShipments', "An order's packages, under the name shipments"],
  ] as const) {
    defineRoute(
      app,
      ctx,
      {
        method: 'GET',
        url,
        operationId,
        summary,
        tags: TAG,
        roles: READERS,
        scope: 'warehouse',
        params: OrderIdParams,
        responses: answers('GET', { description: 'packages' }),
      },
      async ({ principal, params: { orderId } }) => {
        await loadOrder(db, orderId);
        const fos = (await fulfillmentOrdersOf(db, orderId)).filter(
          (f) => !principal.warehouseId || f.warehouseId === principal.warehouseId,
        );
        const data = [];
        for (const fo of fos) for (const p of fo.packages) data.push(await packageView(db, fo, p.id));
        return { data };
      },
    );
  }
}

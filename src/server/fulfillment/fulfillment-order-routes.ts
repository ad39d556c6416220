import type { FastifyInstance } from 'fastify';
import {
  CancelFulfillmentOrderRequest,
  ClaimFulfillmentOrderRequest,
  HoldFulfillmentOrderRequest,
  ListFulfillmentOrdersQuery,
  MoveFulfillmentOrderRequest,
  ReleaseFulfillmentOrderRequest,
  UnclaimFulfillmentOrderRequest,
} from '../../shared/api/fulfillment';
import { listOf } from '../../shared/api/list-page';
import { FulfillmentDocument } from '../../shared/sync/fulfillment-document';
import { requireWarehouse } from '../auth/principal';
import { defineRoute } from '../http/define-route';
import { IdParams, OrderIdParams } from '../http/params';
import { problems } from '../http/problem';
import { answers } from '../openapi/responses';
import { loadOrder } from '../orders/order-store';
import { actorOf, type RouteContext } from '../http/route-context';
import { leasePolicyOf } from '../leases/lease-policy';
import { claimForStation } from '../leases/lease-store';
import { requirePackingStation, requireStationOf } from '../stations/station-store';
import { applyAdminChange } from './apply-admin-event';
import { cancelFulfillmentOrder } from './cancel-fulfillment-order';
import { fulfillmentOrdersOf, listFulfillmentOrderRows } from './fulfillment-store';
import { moveFulfillmentOrder } from './move-fulfillment-order';
import { decodeCursor, pageOf } from './page-cursor';
import { fulfillmentOrderInScope } from './fulfillment-order-scope';
import { retryingTransaction } from '../db/retrying-transaction';

const TAG = ['Fulfillment orders'];
const READERS = ['supervisor', 'packer', 'returns', 'integrator', 'station'] as const;
const doc = { description: 'the fulfillment order after the change (what stations replicate)', schema: FulfillmentDocument };
const list = { description: 'fulfillment orders', schema: listOf(FulfillmentDocument) };

/** Fulfillment orders: list, read, claim, move to another warehouse or station, hold and release, cancel. */
export function fulfillmentOrderRoutes(app: FastifyInstance, ctx: RouteContext) {
  fulfillmentOrderReadRoutes(app, ctx);
  fulfillmentOrderAssignmentRoutes(app, ctx);
  fulfillmentOrderHoldRoutes(app, ctx);
}

/** Reading fulfillment orders (also under the name fulfillments). */
function fulfillmentOrderReadRoutes(app: FastifyInstance, ctx: RouteContext) {
  const { db } = ctx;

  defineRoute(
    app,
    ctx,
    {
      method: 'GET',
      url: '/v1/fulfillment-orders',
      operationId: 'listFulfillmentOrders',
      tags: TAG,
      roles: READERS,
      scope: 'warehouse',
      query: ListFulfillmentOrdersQuery,
      summary: 'List fulfillment orders (a warehouse-bound caller sees its warehouse only), oldest first, with a cursor',
      responses: answers('GET', list),
    },
    async ({ principal, query }) => {
      if (query.warehouseId) requireWarehouse(principal, query.warehouseId);
      const rows = await listFulfillmentOrderRows(db, {
        warehouseId: query.warehouseId ?? principal.warehouseId ?? null,
        status: query.status ?? null,
        orderId: query.orderId ?? null,
        after: decodeCursor(query.cursor),
        limit: query.limit,
      });
      const page = pageOf(rows, query.limit, (r) => ({ createdAt: new Date(r.created_at).toISOString(), id: r.id }));
      return { data: page.data.map((r) => r.doc), nextCursor: page.nextCursor };
    },
  );

  defineRoute(
    app,
    ctx,
    {
      method: 'GET',
      url: '/v1/fulfillment-orders/:id',
      operationId: 'getFulfillmentOrder',
      tags: TAG,
      roles: READERS,
      scope: 'warehouse',
      params: IdParams,
      summary: 'Read a fulfillment order',
      responses: answers('GET', { description: 'the fulfillment order', schema: FulfillmentDocument }),
    },
    async ({ principal, params: { id } }) => fulfillmentOrderInScope(db, principal, id),
  );

  // The REST API surface in docs/architecture.md calls them fulfillments: the same list under both names.
  for (const [url, operationId, summary] of [
    [
      '/v1/orders/:orderId/fulfillment-orders',
      'listOrderFulfillmentOrders',
      "An order's fulfillment orders (split shipments: one per warehouse)",
    ],
    ['/v1/orders/:orderId/fulfillments', 'listOrderFulfillments', "An order's fulfillment orders, under the name fulfillments"],
  ] as const) {
    defineRoute(
      app,
      ctx,
      {
        method: 'GET',
        url,
        operationId,
        tags: TAG,
        roles: READERS,
        scope: 'warehouse',
        params: OrderIdParams,
        summary,
        responses: answers('GET', list),
      },
      async ({ principal, params: { orderId } }) => {
        await loadOrder(db, orderId);
        const all = await fulfillmentOrdersOf(db, orderId);
        const visible = principal.warehouseId ? all.filter((f) => f.warehouseId === principal.warehouseId) : all;
        if (principal.warehouseId && !visible.length) throw problems.notFound(`order ${orderId}`);
        return { data: visible };
      },
    );
  }
}

/** Who works on a fulfillment order: claim, unclaim, move to another warehouse or station. */
function fulfillmentOrderAssignmentRoutes(app: FastifyInstance, ctx: RouteContext) {
  const { db } = ctx;
  const leases = leasePolicyOf(ctx.config);

  defineRoute(
    app,
    ctx,
    {
      method: 'POST',
      url: '/v1/fulfillment-orders/:id/claim',
      operationId: 'claimFulfillmentOrder',
      tags: TAG,
      roles: ['station', 'supervisor', 'packer'],
      scope: 'warehouse',
      params: IdParams,
      body: ClaimFulfillmentOrderRequest,
      bodyOptional: true,
      summary: 'Claim for packing: a station for itself, a supervisor or packer for a named station of the warehouse',
      responses: answers('POST', doc, {
        refusals:
          'fulfillment_order_in_progress_elsewhere, fulfillment_order_on_hold, fulfillment_order_parcel_unsettled, station_required, station_not_in_warehouse, station_does_not_pack',
      }),
    },
    async ({ request, principal, params: { id }, body: input }) => {
      const own = principal.kind === 'station' ? principal.id : principal.kind === 'station-user' ? principal.stationId : null;
      if (own && input.stationId && input.stationId !== own) throw problems.forbidden('a station claims only for itself');
      const stationId = own ?? input.stationId;
      if (!stationId) throw problems.unprocessable('station_required', 'name the stationId that will pack this order');
      // The same lease a station takes through /v1/sync/leases/claim (src/server/leases).
      return retryingTransaction(db, async (tx) => {
        const found = await fulfillmentOrderInScope(tx, principal, id, true);
        // A station claims for itself whatever it is; a supervisor assigns work only to a station that packs.
        const station = own
          ? await requireStationOf(tx, stationId, found.warehouseId)
          : await requirePackingStation(tx, stationId, found.warehouseId);
        return claimForStation(tx, station, found.id, actorOf(principal, request), leases);
      });
    },
  );

  defineRoute(
    app,
    ctx,
    {
      method: 'POST',
      url: '/v1/fulfillment-orders/:id/unclaim',
      operationId: 'unclaimFulfillmentOrder',
      tags: TAG,
      roles: ['station', 'supervisor'],
      scope: 'warehouse',
      params: IdParams,
      body: UnclaimFulfillmentOrderRequest,
      summary: 'Give a claim back (the station itself, or a supervisor)',
      responses: answers('POST', doc, { refusals: 'fulfillment_order_not_claimed' }),
    },
    async ({ request, principal, params: { id }, body: { reason } }) =>
      retryingTransaction(db, async (tx) => {
        const found = await fulfillmentOrderInScope(tx, principal, id, true);
        if (principal.kind === 'station' && found.claimedBy !== principal.id)
          throw problems.forbidden('a station can only give back its own claim');
        return applyAdminChange(tx, found, {
          type: 'fulfillment-order-unclaimed',
          payload: { reason },
          actor: actorOf(principal, request),
        });
      }),
  );

  // Only the order being moved must be in reach: a warehouse's supervisor hands work to
  // another warehouse or station (a closed dock, a rush); taking another's work is refused.
  defineRoute(
    app,
    ctx,
    {
      method: 'POST',
      url: '/v1/fulfillment-orders/:id/move',
      operationId: 'moveFulfillmentOrder',
      tags: TAG,
      roles: ['supervisor'],
      scope: 'warehouse',
      params: IdParams,
      body: MoveFulfillmentOrderRequest,
      summary:
        'Move to another warehouse and/or station; refused while in progress elsewhere or once picking started. The reservation moves with it; the old warehouse gets a tombstone',
      responses: answers('POST', doc, {
        refusals:
          'fulfillment_order_in_progress_elsewhere, fulfillment_order_work_started, insufficient_stock (short lists SKUs), fulfillment_order_same_warehouse, station_does_not_pack',
      }),
    },
    async ({ request, principal, params: { id }, body: input }) =>
      retryingTransaction(db, async (tx) => {
        const found = await fulfillmentOrderInScope(tx, principal, id, true);
        return moveFulfillmentOrder(tx, found, input, actorOf(principal, request), leases);
      }),
  );
}

/** Stopping the work: hold, release, cancel. */
function fulfillmentOrderHoldRoutes(app: FastifyInstance, ctx: RouteContext) {
  const { db } = ctx;

  defineRoute(
    app,
    ctx,
    {
      method: 'POST',
      url: '/v1/fulfillment-orders/:id/hold',
      operationId: 'holdFulfillmentOrder',
      tags: TAG,
      roles: ['supervisor', 'integrator', 'packer', 'station'],
      scope: 'warehouse',
      params: IdParams,
      body: HoldFulfillmentOrderRequest,
      summary: 'Hold for one or more reasons at once (adds to existing holds)',
      responses: answers('POST', doc, { refusals: 'fulfillment_order_status_final' }),
    },
    async ({ request, principal, params: { id }, body: input }) =>
      retryingTransaction(db, async (tx) => {
        const found = await fulfillmentOrderInScope(tx, principal, id, true);
        return applyAdminChange(tx, found, {
          type: 'fulfillment-order-held',
          payload: { reasons: input.reasons, note: input.note ?? null },
          actor: actorOf(principal, request),
        });
      }),
  );

  defineRoute(
    app,
    ctx,
    {
      method: 'POST',
      url: '/v1/fulfillment-orders/:id/release',
      operationId: 'releaseFulfillmentOrder',
      tags: TAG,
      roles: ['supervisor', 'integrator'],
      scope: 'warehouse',
      params: IdParams,
      body: ReleaseFulfillmentOrderRequest,
      bodyOptional: true,
      summary: 'Release some hold reasons, or all; the last one returns it to open or in progress',
      responses: answers('POST', doc, { refusals: 'fulfillment_order_not_on_hold, hold_reason_not_present' }),
    },
    async ({ request, principal, params: { id }, body: input }) =>
      retryingTransaction(db, async (tx) => {
        const found = await fulfillmentOrderInScope(tx, principal, id, true);
        return applyAdminChange(tx, found, {
          type: 'fulfillment-order-released',
          payload: { reasons: input.reasons ?? null, note: input.note ?? null },
          actor: actorOf(principal, request),
        });
      }),
  );

  defineRoute(
    app,
    ctx,
    {
      method: 'POST',
      url: '/v1/fulfillment-orders/:id/cancel',
      operationId: 'cancelFulfillmentOrder',
      tags: TAG,
      roles: ['supervisor'],
      scope: 'warehouse',
      params: IdParams,
      body: CancelFulfillmentOrderRequest,
      summary:
        "Cancel an unshipped fulfillment order: its reservation is given back and its units leave the customer's order as a partial cancel takes them (the total and balance due drop by their price, what was captured for them is refunded); an order left with nothing to ship is cancelled. To hand the work elsewhere, move it instead",
      responses: answers('POST', doc, { refusals: 'fulfillment_order_partly_shipped, fulfillment_order_status_final' }),
    },
    async ({ request, principal, params: { id }, body: { reason } }) =>
      retryingTransaction(db, async (tx) => {
        const found = await fulfillmentOrderInScope(tx, principal, id, true);
        return cancelFulfillmentOrder(tx, found, reason, actorOf(principal, request));
      }),
  );
}

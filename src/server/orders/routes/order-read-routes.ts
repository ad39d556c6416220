import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  AuditQuery,
  GetOrderQuery,
  ListOrdersQuery,
  SearchOrdersRequest,
  SummaryQuery,
  TimelineQuery,
} from '../../../shared/api/order-queries';
import { OrderCancelPreview } from '../../../shared/api/order-commands';
import type { Principal } from '../../auth/principal';
import { defineRoute } from '../../http/define-route';
import { etagOf, notModified } from '../../http/etag';
import { named } from '../../openapi/catalog';
import { OrderListSchema, OrderSchema, SummarySchema, TimelineEventSchema, listOf } from '../../openapi/resource-schemas';
import type { RouteContext } from '../../http/route-context';
import { queryAudit } from '../audit';
import { orderCancelPreview } from '../cancel-preview';
import { orderSummary } from '../order-stats';
import { aggregateOrders, listOrders, type OrderFilter } from '../order-query';
import { requireOrderInScope } from '../order-scope';
import { loadOrder } from '../order-store';
import { presentOrder, presentSummary } from '../order-view';
import { readTimeline } from '../../timeline/timeline';
import { OrderIdParams, ROLES, readResponses } from './route-kit';

named(SearchOrdersRequest, 'SearchOrdersRequest');
const AuditPageSchema = named(z.object({ data: z.array(TimelineEventSchema), nextCursor: z.string().nullable() }), 'AuditPage');
const TAG = ['Orders'];

function filterFromQuery(q: z.output<typeof ListOrdersQuery>, principal: Principal): OrderFilter {
  return {
    vocabulary: q.status_vocabulary,
    status: q.status,
    paymentStatus: q.payment_status,
    fulfillmentStatus: q.fulfillment_status,
    customerId: q.customer_id,
    customer: q.customer,
    channels: q.channel,
    warehouseId: q.warehouse,
    currency: q.currency,
    from: q.from,
    to: q.to,
    dateField: q.date_field,
    minTotal: q.min_total,
    maxTotal: q.max_total,
    q: q.q,
    number: q.number,
    scopeWarehouseId: principal.warehouseId,
  };
}

function filterFromSearch(b: z.output<typeof SearchOrdersRequest>, principal: Principal): OrderFilter {
  return {
    vocabulary: b.statusVocabulary,
    status: b.status,
    paymentStatus: b.paymentStatus,
    fulfillmentStatus: b.fulfillmentStatus,
    customerId: b.customerId,
    customer: b.customer,
    channels: b.channel,
    warehouseId: b.warehouseId,
    currency: b.currency,
    from: b.from,
    to: b.to,
    dateField: b.dateField,
    minTotal: b.minTotal,
    maxTotal: b.maxTotal,
    q: b.q,
    number: b.number,
    numberContains: b.numberContains,
    scopeWarehouseId: principal.warehouseId,
  };
}

export function orderReadRoutes(app: FastifyInstance, ctx: RouteContext) {
  orderSearchRoutes(app, ctx);
  orderRecordRoutes(app, ctx);
  orderCancelPreviewRoute(app, ctx);
}

/** What a cancel of the whole order would do, read before asking whoever cancels it. */
function orderCancelPreviewRoute(app: FastifyInstance, ctx: RouteContext) {
  const { db } = ctx;
  defineRoute(
    app,
    ctx,
    {
      method: 'GET',
      url: '/v1/orders/:id/cancel-preview',
      operationId: 'previewOrderCancel',
      tags: TAG,
      roles: ROLES.write,
      scope: 'warehouse',
      params: OrderIdParams,
      summary: 'What cancelling the order would do: its units that will not ship, by warehouse, and what the cancel refunds',
      description:
        'money: refund (what POST /v1/orders/{id}/cancel with refund refunds: captured and not paid back), authorization (authorized, nothing captured), or none.',
      responses: readResponses({ description: 'the preview', schema: OrderCancelPreview }),
    },
    async ({ principal, params }) => {
      await requireOrderInScope(db, principal, params.id);
      return orderCancelPreview(db, await loadOrder(db, params.id));
    },
  );
}

/** Finding orders: list, search, summary. */
function orderSearchRoutes(app: FastifyInstance, ctx: RouteContext) {
  const { db } = ctx;

  defineRoute(
    app,
    ctx,
    {
      method: 'GET',
      url: '/v1/orders',
      operationId: 'listOrders',
      tags: TAG,
      roles: ROLES.read,
      scope: 'warehouse',
      query: ListOrdersQuery,
      summary: 'List orders with filters, cursor or page pagination and sort',
      description:
        'Filters: status (in status_vocabulary), customer, channel, warehouse, date range, min/max total, payment and fulfillment status, q. A warehouse-bound caller sees only orders routed to its warehouse.',
      responses: readResponses({ description: 'a page of orders', schema: OrderListSchema }),
    },
    async ({ principal, query }) => {
      const page = await listOrders(db, filterFromQuery(query, principal), {
        sort: query.sort,
        limit: query.limit,
        cursor: query.cursor,
        page: query.page,
      });
      const options = { expand: new Set(query.expand ?? []), vocabulary: query.status_vocabulary };
      return {
        data: await Promise.all(page.rows.map((r) => presentSummary(db, r.order, r.fulfillmentStatus, options))),
        pagination: page.pagination,
      };
    },
  );

  defineRoute(
    app,
    ctx,
    {
      method: 'POST',
      url: '/v1/orders/search',
      operationId: 'searchOrders',
      tags: TAG,
      roles: ROLES.read,
      scope: 'warehouse',
      body: SearchOrdersRequest,
      summary: 'Search orders: order number exact or partial, customer name or email, total ranges, every list filter, aggregations',
      responses: readResponses({
        description: 'a page of matching orders, with counts when aggregations are asked for',
        schema: OrderListSchema,
      }),
    },
    async ({ principal, body }) => {
      const filter = filterFromSearch(body, principal);
      const page = await listOrders(db, filter, { sort: body.sort, limit: body.limit, cursor: body.cursor, page: body.page });
      const options = { expand: new Set(body.expand ?? []), vocabulary: body.statusVocabulary };
      const data = await Promise.all(page.rows.map((r) => presentSummary(db, r.order, r.fulfillmentStatus, options)));
      return {
        data,
        pagination: page.pagination,
        ...(body.aggregations?.length ? { aggregations: await aggregateOrders(db, filter, body.aggregations) } : {}),
      };
    },
  );

  defineRoute(
    app,
    ctx,
    {
      method: 'GET',
      url: '/v1/orders/summary',
      operationId: 'orderSummary',
      tags: ['Reports'],
      roles: ['integrator', 'supervisor'],
      scope: 'warehouse',
      query: SummaryQuery,
      summary: 'Counts per status, revenue and average order value (orderStats)',
      responses: readResponses({ description: 'the summary', schema: SummarySchema }),
    },
    async ({ principal, query }) => {
      return orderSummary(db, {
        from: query.from,
        to: query.to,
        channels: query.channel,
        warehouseId: principal.warehouseId ?? query.warehouse,
        vocabulary: query.status_vocabulary,
      });
    },
  );
}

/** What happened: the audit query, one order, its timeline. */
function orderRecordRoutes(app: FastifyInstance, ctx: RouteContext) {
  const { db } = ctx;

  defineRoute(
    app,
    ctx,
    {
      method: 'GET',
      url: '/v1/orders/audit',
      operationId: 'queryAudit',
      tags: ['Audit'],
      roles: ['integrator', 'supervisor'],
      scope: 'warehouse',
      query: AuditQuery,
      summary: 'The audit trail across orders: filter by actor, type, outcome, order and time; newest first',
      responses: readResponses({ description: 'events, newest first', schema: AuditPageSchema }),
    },
    async ({ principal, query }) => {
      return queryAudit(db, {
        orderId: query.order_id,
        actorId: query.actor_id,
        actorKind: query.actor_kind,
        types: query.type,
        outcome: query.outcome,
        from: query.from,
        to: query.to,
        cursor: query.cursor,
        limit: query.limit,
        scopeWarehouseId: principal.warehouseId,
      });
    },
  );

  defineRoute(
    app,
    ctx,
    {
      method: 'GET',
      url: '/v1/orders/:id',
      operationId: 'getOrder',
      tags: TAG,
      roles: ROLES.read,
      scope: 'warehouse',
      params: OrderIdParams,
      query: GetOrderQuery,
      summary: 'An order with its lines and fulfillment orders; expand packages, payments, returns, timeline, backorders, notes, tasks',
      description: 'Answers 304 to If-None-Match with the current ETag.',
      responses: {
        ...readResponses({ description: 'the order', schema: OrderSchema, headers: ['ETag'] }),
        304: { description: 'not modified' },
      },
    },
    async ({ request, principal, reply, params, query }) => {
      await requireOrderInScope(db, principal, params.id);
      const order = await loadOrder(db, params.id);
      reply.header('etag', etagOf(order.version));
      if (notModified(request, order.version)) return reply.status(304).send();
      return presentOrder(db, order, { expand: new Set(query.expand ?? []), vocabulary: query.status_vocabulary });
    },
  );

  defineRoute(
    app,
    ctx,
    {
      method: 'GET',
      url: '/v1/orders/:id/timeline',
      operationId: 'getOrderTimeline',
      tags: ['Audit'],
      roles: ROLES.read,
      scope: 'warehouse',
      params: OrderIdParams,
      query: TimelineQuery,
      summary: "The order's timeline: every change, with actor, reason and outcome, oldest first",
      responses: readResponses({ description: 'events', schema: listOf(TimelineEventSchema, 'TimelinePage') }),
    },
    async ({ principal, params, query }) => {
      await requireOrderInScope(db, principal, params.id);
      await loadOrder(db, params.id);
      return { data: await readTimeline(db, params.id, { types: query.type, after: query.after, limit: query.limit }) };
    },
  );
}

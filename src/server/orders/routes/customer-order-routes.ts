import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ORDER_SORTS, StatusVocabularyParam } from '../../../shared/api/order-queries';
import { CreateCustomerKeyRequest, storeCustomerKey } from '../../auth/api-keys';
import { defineRoute } from '../../http/define-route';
import type { RouteContext } from '../../http/route-context';
import { named } from '../../openapi/catalog';
import { AddressSchema, OrderTotalsSchema, PaginationSchema } from '../../openapi/resource-schemas';
import { problem } from '../../openapi/responses';
import { listOrders } from '../order-query';
import { presentSummary } from '../order-view';
import { commonErrors, readResponses } from './route-kit';

const MyOrdersQuery = z.object({
  sort: z.enum(ORDER_SORTS).default('-created_at'),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  status_vocabulary: StatusVocabularyParam,
});

/** An order as its customer sees it: no holds, notes, metadata, snapshots or fulfillment internals. */
const CustomerOrderSchema = named(
  z.object({
    id: z.string().uuid(),
    number: z.string(),
    status: z.string(),
    paymentStatus: z.string(),
    fulfillmentStatus: z.string(),
    currency: z.string(),
    totals: OrderTotalsSchema,
    lines: z.array(
      z.object({
        id: z.string().uuid(),
        sku: z.string(),
        name: z.string(),
        quantity: z.number().int(),
        unitPriceMinor: z.number().int(),
        taxMinor: z.number().int(),
        totalMinor: z.number().int(),
      }),
    ),
    shippingAddress: AddressSchema,
    milestones: z.record(z.string(), z.string()),
    createdAt: z.string(),
    updatedAt: z.string(),
  }),
  'CustomerOrder',
);
type CustomerOrder = z.infer<typeof CustomerOrderSchema>;

/** Customer keys, and the one thing they reach: their customer's own orders. */
export function customerOrderRoutes(app: FastifyInstance, ctx: RouteContext) {
  const { db } = ctx;

  defineRoute(
    app,
    ctx,
    {
      method: 'POST',
      url: '/v1/customer-keys',
      operationId: 'createCustomerKey',
      tags: ['Credentials'],
      roles: ['integrator'],
      scope: 'unbound',
      body: CreateCustomerKeyRequest,
      summary: "Create a customer key: it reads only that customer's orders (GET /v1/my/orders, GraphQL myOrders); shown once",
      description:
        'The customer is the customer.id orders were placed with. Revoke or rotate it as any API key (POST /v1/api-keys/{id}/revoke, /rotate).',
      responses: { 201: { description: 'the key (shown once)' }, ...commonErrors },
    },
    async ({ reply, body }) => reply.status(201).send(await storeCustomerKey(db, body)),
  );

  defineRoute(
    app,
    ctx,
    {
      method: 'GET',
      url: '/v1/my/orders',
      operationId: 'listMyOrders',
      tags: ['Orders'],
      roles: ['customer'],
      scope: 'customer',
      query: MyOrdersQuery,
      summary: "The calling customer's own orders, newest first (a customer key only)",
      responses: {
        ...readResponses({
          description: 'a page of the customer’s orders',
          schema: z.object({ data: z.array(CustomerOrderSchema), pagination: PaginationSchema }),
        }),
        403: problem('forbidden: not a customer key'),
      },
    },
    async ({ principal, query }) => {
      const vocabulary = query.status_vocabulary;
      const page = await listOrders(
        db,
        { vocabulary, customerId: principal.customerId, dateField: 'created_at' },
        { sort: query.sort, limit: query.limit, cursor: query.cursor },
      );
      const options = { expand: new Set(['lines'] as const), vocabulary };
      const data = await Promise.all(
        page.rows.map(async (r) => asCustomerSees(await presentSummary(db, r.order, r.fulfillmentStatus, options))),
      );
      return { data, pagination: page.pagination };
    },
  );
}

function asCustomerSees(o: Awaited<ReturnType<typeof presentSummary>>): CustomerOrder {
  const v = o as unknown as CustomerOrder & { lines: CustomerOrder['lines'] };
  return {
    id: v.id,
    number: v.number,
    status: v.status,
    paymentStatus: v.paymentStatus,
    fulfillmentStatus: v.fulfillmentStatus,
    currency: v.currency,
    totals: v.totals,
    lines: v.lines.map((l) => ({
      id: l.id,
      sku: l.sku,
      name: l.name,
      quantity: l.quantity,
      unitPriceMinor: l.unitPriceMinor,
      taxMinor: l.taxMinor,
      totalMinor: l.totalMinor,
    })),
    shippingAddress: v.shippingAddress,
    milestones: v.milestones,
    createdAt: v.createdAt,
    updatedAt: v.updatedAt,
  };
}

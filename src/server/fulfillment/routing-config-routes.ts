import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ChannelRoutingRequest, CreateSupplierRequest, PutSupplierProductRequest } from '../../shared/api/inventory';
import { defineRoute } from '../http/define-route';
import { sku, uuidNamed } from '../http/params';
import { problems } from '../http/problem';
import { answers } from '../openapi/responses';
import { appendTimeline } from '../timeline/timeline';
import { actorOf, type RouteContext } from '../http/route-context';
import { insertDropshipLocation, notStockingWarehouses } from '../warehouses/warehouse-store';
import { listRoutingPolicies, loadRoutingPolicy, saveRoutingPolicy } from './routing-policy';
import { insertSupplier, listSupplierIds, supplierView, upsertSupplierProduct } from './supplier-store';

const TAG = ['Routing'];
const READERS = ['supervisor', 'integrator'] as const;
const ChannelParams = z.object({ channel: z.string().trim().min(1).max(50) });
const SupplierProductParams = z.object({ id: uuidNamed('id'), sku: sku() });

/** Admin configuration of routing: per-channel strategy and dropship suppliers with the SKUs they carry. */
export function routingConfigRoutes(app: FastifyInstance, ctx: RouteContext) {
  channelRoutingRoutes(app, ctx);
  supplierRoutes(app, ctx);
}

/** Which warehouses serve each sales channel. */
function channelRoutingRoutes(app: FastifyInstance, ctx: RouteContext) {
  const { db } = ctx;

  defineRoute(
    app,
    ctx,
    {
      method: 'GET',
      url: '/v1/routing/channels',
      operationId: 'listChannelRouting',
      tags: TAG,
      roles: READERS,
      scope: 'global',
      summary: 'Routing policies of every configured channel',
      responses: answers('GET', { description: 'policies' }),
    },
    async () => ({ data: await listRoutingPolicies(db) }),
  );

  defineRoute(
    app,
    ctx,
    {
      method: 'GET',
      url: '/v1/routing/channels/:channel',
      operationId: 'getChannelRouting',
      tags: TAG,
      roles: READERS,
      scope: 'global',
      params: ChannelParams,
      summary: "A channel's routing policy (the default when none is set)",
      responses: answers('GET', { description: 'the policy' }),
    },
    async ({ params: { channel } }) => loadRoutingPolicy(db, channel),
  );

  defineRoute(
    app,
    ctx,
    {
      method: 'PUT',
      url: '/v1/routing/channels/:channel',
      operationId: 'setChannelRouting',
      tags: TAG,
      roles: ['admin'],
      scope: 'global',
      params: ChannelParams,
      body: ChannelRoutingRequest,
      summary: "Set a channel's routing: warehouse priority order or most stock, single-warehouse preference, line splitting, dropship",
      responses: answers('PUT', { description: 'the policy' }, { refusals: 'warehouse_unknown' }),
    },
    async ({ request, principal, params: { channel }, body: input }) =>
      db.transaction(async (tx) => {
        const missing = await notStockingWarehouses(tx, input.warehouseOrder);
        if (missing.length) throw problems.unprocessable('warehouse_unknown', `not stocking warehouses: ${missing.join(', ')}`);
        const { warehouseOrder, ...policy } = input;
        const saved = await saveRoutingPolicy(tx, channel, policy, warehouseOrder);
        await appendTimeline(tx, {
          type: 'channel-routing-set',
          orderId: null,
          entityIds: {},
          payload: { channel, ...input, reason: 'routing policy changed' },
          actor: actorOf(principal, request),
        });
        return saved;
      }),
  );
}

/** Suppliers (dropship) and the products they ship. */
function supplierRoutes(app: FastifyInstance, ctx: RouteContext) {
  const { db } = ctx;

  defineRoute(
    app,
    ctx,
    {
      method: 'POST',
      url: '/v1/suppliers',
      operationId: 'createSupplier',
      tags: TAG,
      roles: ['admin'],
      scope: 'global',
      body: CreateSupplierRequest,
      summary: 'Add a dropship supplier (with its own fulfillment location) and the SKUs it ships',
      responses: answers('POST', { description: 'the supplier' }, { status: 201, refusals: 'supplier_code_taken' }),
    },
    async ({ request, reply, principal, body: input }) => {
      const view = await db.transaction(async (tx) => {
        const id = crypto.randomUUID();
        const warehouseId = crypto.randomUUID();
        // The supplier's own fulfillment location, so its work flows through fulfillment orders.
        const located = await insertDropshipLocation(tx, {
          id: warehouseId,
          code: `DS-${input.code}`,
          name: `Dropship: ${input.name}`,
          priority: input.priority,
        });
        const created =
          located && (await insertSupplier(tx, { id, code: input.code, name: input.name, warehouseId, priority: input.priority }));
        if (!created) throw problems.conflict('supplier_code_taken', `a supplier or location with code ${input.code} exists`);
        for (const p of input.products) await upsertSupplierProduct(tx, id, p);
        await appendTimeline(tx, {
          type: 'supplier-created',
          orderId: null,
          entityIds: { supplierId: id, warehouseId },
          payload: { code: input.code, name: input.name, skus: input.products.map((p) => p.sku), reason: 'dropship supplier added' },
          actor: actorOf(principal, request),
        });
        return supplierView(tx, id);
      });
      return reply.status(201).send(view);
    },
  );

  defineRoute(
    app,
    ctx,
    {
      method: 'GET',
      url: '/v1/suppliers',
      operationId: 'listSuppliers',
      tags: TAG,
      roles: READERS,
      scope: 'global',
      summary: 'Dropship suppliers and their SKUs',
      responses: answers('GET', { description: 'suppliers' }),
    },
    async () => ({ data: await Promise.all((await listSupplierIds(db)).map((id) => supplierView(db, id))) }),
  );

  defineRoute(
    app,
    ctx,
    {
      method: 'PUT',
      url: '/v1/suppliers/:id/products/:sku',
      operationId: 'setSupplierProduct',
      tags: TAG,
      roles: ['admin', 'integrator'],
      scope: 'global',
      params: SupplierProductParams,
      body: PutSupplierProductRequest,
      summary: "Set a supplier's lead time and reported stock for a SKU",
      responses: answers('PUT', { description: 'the supplier' }),
    },
    async ({ request, principal, params: { id, sku: productSku }, body: input }) =>
      db.transaction(async (tx) => {
        await supplierView(tx, id);
        await upsertSupplierProduct(tx, id, { sku: productSku, ...input });
        await appendTimeline(tx, {
          type: 'supplier-product-set',
          orderId: null,
          entityIds: { supplierId: id },
          payload: { sku: productSku, ...input, reason: 'supplier catalogue update' },
          actor: actorOf(principal, request),
        });
        return supplierView(tx, id);
      }),
  );
}

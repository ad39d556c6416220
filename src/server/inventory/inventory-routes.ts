import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ReceiveDeliveryRequest, ReceiveStockRequest, SetInventoryRequest } from '../../shared/api/inventory';
import { requireWarehouse } from '../auth/principal';
import { defineRoute } from '../http/define-route';
import { sku, uuidNamed } from '../http/params';
import { answers } from '../openapi/responses';
import { appendTimeline } from '../timeline/timeline';
import { actorOf, type RouteContext } from '../http/route-context';
import { allocateBackorders } from '../backorders/allocate-backorders';
import { addOnHand, listLevels, readLevel, requireStockingWarehouse, setOnHand } from './inventory-store';
import { retryingTransaction } from '../db/retrying-transaction';

const TAG = ['Inventory'];
const READERS = ['supervisor', 'packer', 'returns', 'integrator', 'station'] as const;
const WarehouseParams = z.object({ warehouseId: uuidNamed('warehouseId') });
const LevelParams = WarehouseParams.extend({ sku: sku() });
const ListInventoryQuery = z.object({
  warehouseId: z.string().uuid().optional(),
  sku: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});
const levelAndAllocation = { description: 'the level, allocated backorders and released fulfillment orders' };

/** Inventory per warehouse and SKU: read levels, count (set on hand), receive stock. Stock that arrives serves waiting backorders first. */
export function inventoryRoutes(app: FastifyInstance, ctx: RouteContext) {
  inventoryLevelRoutes(app, ctx);
  inventoryReceivingRoutes(app, ctx);
}

/** Stock levels: list, read, count. */
function inventoryLevelRoutes(app: FastifyInstance, ctx: RouteContext) {
  const { db } = ctx;

  defineRoute(
    app,
    ctx,
    {
      method: 'GET',
      url: '/v1/inventory',
      operationId: 'listInventory',
      tags: TAG,
      roles: READERS,
      scope: 'warehouse',
      query: ListInventoryQuery,
      summary: 'Stock levels (on hand, reserved, available) by warehouse and SKU',
      responses: answers('GET', { description: 'levels' }),
    },
    async ({ principal, query: q }) => {
      if (q.warehouseId) requireWarehouse(principal, q.warehouseId);
      return {
        data: await listLevels(db, { warehouseId: q.warehouseId ?? principal.warehouseId ?? null, sku: q.sku ?? null, limit: q.limit }),
      };
    },
  );

  defineRoute(
    app,
    ctx,
    {
      method: 'GET',
      url: '/v1/inventory/:warehouseId/:sku',
      operationId: 'getInventoryLevel',
      tags: TAG,
      roles: READERS,
      scope: 'warehouse',
      params: LevelParams,
      summary: 'One stock level',
      responses: answers('GET', { description: 'the level' }),
    },
    async ({ principal, params: { warehouseId, sku } }) => {
      requireWarehouse(principal, warehouseId);
      await requireStockingWarehouse(db, warehouseId);
      return readLevel(db, warehouseId, sku);
    },
  );

  defineRoute(
    app,
    ctx,
    {
      method: 'PUT',
      url: '/v1/inventory/:warehouseId/:sku',
      operationId: 'countInventory',
      tags: TAG,
      roles: ['supervisor'],
      scope: 'warehouse',
      params: LevelParams,
      body: SetInventoryRequest,
      summary: 'A stock count: on hand becomes what was counted; a count that goes up serves waiting backorders first',
      responses: answers('PUT', levelAndAllocation, { refusals: 'warehouse_is_dropship' }),
    },
    async ({ request, principal, params: { warehouseId, sku }, body: input }) => {
      requireWarehouse(principal, warehouseId);
      const actor = actorOf(principal, request);
      return retryingTransaction(db, async (tx) => {
        await requireStockingWarehouse(tx, warehouseId);
        const { before, after } = await setOnHand(tx, warehouseId, sku, input.onHand);
        await appendTimeline(tx, {
          type: 'inventory-counted',
          orderId: null,
          entityIds: { warehouseId },
          payload: { sku, from: before.onHand, to: after.onHand, reason: input.reason ?? 'stock count' },
          actor,
        });
        const allocation =
          after.onHand > before.onHand
            ? await allocateBackorders(tx, warehouseId, sku, actor, 'stock counted up')
            : { allocated: [], released: [] };
        return {
          ...(await readLevel(tx, warehouseId, sku)),
          allocatedBackorders: allocation.allocated,
          releasedFulfillmentOrders: allocation.released,
        };
      });
    },
  );
}

/** Stock coming in: one SKU, or a whole delivery. */
function inventoryReceivingRoutes(app: FastifyInstance, ctx: RouteContext) {
  const { db } = ctx;

  defineRoute(
    app,
    ctx,
    {
      method: 'POST',
      url: '/v1/inventory/:warehouseId/:sku/receipts',
      operationId: 'receiveInventory',
      tags: TAG,
      roles: ['supervisor', 'integrator'],
      scope: 'warehouse',
      params: LevelParams,
      body: ReceiveStockRequest,
      summary: 'Stock received: on hand grows and waiting backorders are allocated oldest first (FIFO, supervisor priority first)',
      responses: answers('POST', levelAndAllocation, { status: 201, refusals: 'warehouse_is_dropship' }),
    },
    async ({ request, reply, principal, params: { warehouseId, sku }, body: input }) => {
      requireWarehouse(principal, warehouseId);
      const actor = actorOf(principal, request);
      const result = await retryingTransaction(db, async (tx) => {
        await requireStockingWarehouse(tx, warehouseId);
        await addOnHand(tx, warehouseId, sku, input.quantity);
        await appendTimeline(tx, {
          type: 'inventory-received',
          orderId: null,
          entityIds: { warehouseId },
          payload: { sku, quantity: input.quantity, reference: input.reference ?? null, reason: input.reason ?? 'stock received' },
          actor,
        });
        const allocation = await allocateBackorders(
          tx,
          warehouseId,
          sku,
          actor,
          `stock received${input.reference ? ` (${input.reference})` : ''}`,
        );
        return {
          ...(await readLevel(tx, warehouseId, sku)),
          allocatedBackorders: allocation.allocated,
          releasedFulfillmentOrders: allocation.released,
        };
      });
      return reply.status(201).send(result);
    },
  );

  // A whole delivery: every SKU is booked in, then each SKU's waiting backorders are served.
  defineRoute(
    app,
    ctx,
    {
      method: 'POST',
      url: '/v1/inventory/:warehouseId/receipts',
      operationId: 'receiveDelivery',
      tags: TAG,
      roles: ['supervisor', 'integrator'],
      scope: 'warehouse',
      params: WarehouseParams,
      body: ReceiveDeliveryRequest,
      summary: 'A delivery with several SKUs booked in at once; each SKU then serves its waiting backorders',
      responses: answers(
        'POST',
        { description: 'levels, allocated backorders and released fulfillment orders' },
        { status: 201, refusals: 'warehouse_is_dropship' },
      ),
    },
    async ({ request, reply, principal, params: { warehouseId }, body: input }) => {
      requireWarehouse(principal, warehouseId);
      const actor = actorOf(principal, request);
      const result = await retryingTransaction(db, async (tx) => {
        await requireStockingWarehouse(tx, warehouseId);
        const lines = [...input.lines].sort((a, b) => a.sku.localeCompare(b.sku));
        for (const l of lines) await addOnHand(tx, warehouseId, l.sku, l.quantity);
        await appendTimeline(tx, {
          type: 'inventory-received',
          orderId: null,
          entityIds: { warehouseId },
          payload: {
            reference: input.reference,
            lines: lines.map((l) => ({ sku: l.sku, quantity: l.quantity })),
            reason: input.reason ?? 'delivery received',
          },
          actor,
        });
        const levels = [];
        const allocatedBackorders = [];
        const releasedFulfillmentOrders = [];
        for (const l of lines) {
          const allocation = await allocateBackorders(tx, warehouseId, l.sku, actor, `stock received (${input.reference})`);
          allocatedBackorders.push(...allocation.allocated);
          releasedFulfillmentOrders.push(...allocation.released);
          levels.push(await readLevel(tx, warehouseId, l.sku));
        }
        return { reference: input.reference, levels, allocatedBackorders, releasedFulfillmentOrders };
      });
      return reply.status(201).send(result);
    },
  );
}

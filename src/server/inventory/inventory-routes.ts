import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ReceiveDeliveryRequest, ReceiveStockRequest, SetInventoryRequest } from '../../shared/api/inventory';
import { requireRole, requireWarehouse } from '../auth/principal';
import { parseWith } from '../http/problem';
import { appendTimeline } from '../orders/timeline';
import { actorOf, type RouteContext } from '../routes/context';
import { allocateBackorders } from '../backorders/allocate-backorders';
import { uuidParam } from '../fulfillment/scope';
import { addOnHand, levelOf, readLevel, requireStockingWarehouse, setOnHand } from './inventory-store';
import { retryingTransaction } from '../fulfillment/retrying-transaction';

type LevelParams = { Params: { warehouseId: string; sku: string } };
const Sku = z.object({ sku: z.string().trim().min(1).max(64) });
const ListInventoryQuery = z.object({
  warehouseId: z.string().uuid().optional(),
  sku: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});

/** Inventory per warehouse and SKU: read levels, count (set on hand), receive stock. Stock that arrives serves waiting backorders first. */
export function inventoryRoutes(app: FastifyInstance, { db, auth }: RouteContext) {
  app.get('/v1/inventory', async (request) => {
    const principal = await auth.authenticate(request);
    requireRole(principal, 'supervisor', 'packer', 'returns', 'integrator', 'station');
    const q = parseWith(ListInventoryQuery, request.query);
    if (q.warehouseId) requireWarehouse(principal, q.warehouseId);
    const rows = await db.query<{ warehouse_id: string; sku: string; on_hand: number; reserved: number }>(
      `select warehouse_id, sku, on_hand, reserved from inventory where ($1::uuid is null or warehouse_id = $1) and ($2::text is null or sku = $2)
        order by sku, warehouse_id limit $3`,
      [q.warehouseId ?? principal.warehouseId ?? null, q.sku ?? null, q.limit],
    );
    return { data: rows.map(levelOf) };
  });

  app.get<LevelParams>('/v1/inventory/:warehouseId/:sku', async (request) => {
    const principal = await auth.authenticate(request);
    requireRole(principal, 'supervisor', 'packer', 'returns', 'integrator', 'station');
    const warehouseId = uuidParam(request.params.warehouseId, 'warehouseId');
    requireWarehouse(principal, warehouseId);
    const { sku } = parseWith(Sku, { sku: request.params.sku });
    await requireStockingWarehouse(db, warehouseId);
    return readLevel(db, warehouseId, sku);
  });

  // A stock count: on hand becomes what was counted.
  app.put<LevelParams>('/v1/inventory/:warehouseId/:sku', async (request) => {
    const principal = await auth.authenticate(request);
    requireRole(principal, 'supervisor');
    const warehouseId = uuidParam(request.params.warehouseId, 'warehouseId');
    requireWarehouse(principal, warehouseId);
    const { sku } = parseWith(Sku, { sku: request.params.sku });
    const input = parseWith(SetInventoryRequest, request.body);
    const actor = actorOf(principal, request);
    return retryingTransaction(db, async (tx) => {
      await requireStockingWarehouse(tx, warehouseId);
      const { before, after } = await setOnHand(tx, warehouseId, sku, input.onHand);
      await appendTimeline(tx, {
        type: 'inventory-counted', orderId: null, entityIds: { warehouseId },
        payload: { sku, from: before.onHand, to: after.onHand, reason: input.reason ?? 'stock count' }, actor,
      });
      const allocation = after.onHand > before.onHand ? await allocateBackorders(tx, warehouseId, sku, actor, 'stock counted up') : { allocated: [], released: [] };
      return { ...(await readLevel(tx, warehouseId, sku)), allocatedBackorders: allocation.allocated, releasedFulfillmentOrders: allocation.released };
    });
  });

  app.post<LevelParams>('/v1/inventory/:warehouseId/:sku/receipts', async (request, reply) => {
    const principal = await auth.authenticate(request);
    requireRole(principal, 'supervisor', 'integrator');
    const warehouseId = uuidParam(request.params.warehouseId, 'warehouseId');
    requireWarehouse(principal, warehouseId);
    const { sku } = parseWith(Sku, { sku: request.params.sku });
    const input = parseWith(ReceiveStockRequest, request.body);
    const actor = actorOf(principal, request);
    const result = await retryingTransaction(db, async (tx) => {
      await requireStockingWarehouse(tx, warehouseId);
      await addOnHand(tx, warehouseId, sku, input.quantity);
      await appendTimeline(tx, {
        type: 'inventory-received', orderId: null, entityIds: { warehouseId },
        payload: { sku, quantity: input.quantity, reference: input.reference ?? null, reason: input.reason ?? 'stock received' }, actor,
      });
      const allocation = await allocateBackorders(tx, warehouseId, sku, actor, `stock received${input.reference ? ` (${input.reference})` : ''}`);
      return { ...(await readLevel(tx, warehouseId, sku)), allocatedBackorders: allocation.allocated, releasedFulfillmentOrders: allocation.released };
    });
    return reply.status(201).send(result);
  });

  // A whole delivery: every SKU is booked in, then each SKU's waiting backorders are served.
  app.post<{ Params: { warehouseId: string } }>('/v1/inventory/:warehouseId/receipts', async (request, reply) => {
    const principal = await auth.authenticate(request);
    requireRole(principal, 'supervisor', 'integrator');
    const warehouseId = uuidParam(request.params.warehouseId, 'warehouseId');
    requireWarehouse(principal, warehouseId);
    const input = parseWith(ReceiveDeliveryRequest, request.body);
    const actor = actorOf(principal, request);
    const result = await retryingTransaction(db, async (tx) => {
      await requireStockingWarehouse(tx, warehouseId);
      const lines = [...input.lines].sort((a, b) => a.sku.localeCompare(b.sku));
      for (const l of lines) await addOnHand(tx, warehouseId, l.sku, l.quantity);
      await appendTimeline(tx, {
        type: 'inventory-received', orderId: null, entityIds: { warehouseId },
        payload: { reference: input.reference, lines: lines.map((l) => ({ sku: l.sku, quantity: l.quantity })), reason: input.reason ?? 'delivery received' }, actor,
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
  });
}

import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ChannelRoutingRequest, CreateSupplierRequest, PutSupplierProductRequest, type SupplierView } from '../../shared/api/inventory';
import { requireRole } from '../auth/principal';
import type { Queryable } from '../db/database';
import { parseWith, problems } from '../http/problem';
import { appendTimeline } from '../timeline/timeline';
import { actorOf, type RouteContext } from '../http/route-context';
import { listRoutingPolicies, loadRoutingPolicy, saveRoutingPolicy } from './routing-policy';
import { uuidParam } from './scope';

const Channel = z.object({ channel: z.string().trim().min(1).max(50) });
const Sku = z.object({ sku: z.string().trim().min(1).max(64) });

async function supplierView(q: Queryable, id: string): Promise<SupplierView> {
  const [s] = await q.query<{ id: string; code: string; name: string; warehouse_id: string; priority: number; active: boolean }>(
    'select id, code, name, warehouse_id, priority, active from suppliers where id = $1', [id],
  );
  if (!s) throw problems.notFound(`supplier ${id}`);
  const products = await q.query<{ sku: string; lead_time_days: number; available: number | null }>('select sku, lead_time_days, available from supplier_products where supplier_id = $1 order by sku', [id]);
  return {
    id: s.id, code: s.code, name: s.name, warehouseId: s.warehouse_id, priority: s.priority, active: s.active,
    products: products.map((p) => ({ sku: p.sku, leadTimeDays: p.lead_time_days, available: p.available === null ? null : Number(p.available) })),
  };
}

/** Admin configuration of routing: per-channel strategy and dropship suppliers with the SKUs they carry. */
export function routingConfigRoutes(app: FastifyInstance, { db, auth }: RouteContext) {
  app.get('/v1/routing/channels', async (request) => {
    requireRole(await auth.authenticate(request), 'supervisor', 'integrator');
    return { data: await listRoutingPolicies(db) };
  });

  app.get<{ Params: { channel: string } }>('/v1/routing/channels/:channel', async (request) => {
    requireRole(await auth.authenticate(request), 'supervisor', 'integrator');
    return loadRoutingPolicy(db, parseWith(Channel, request.params).channel);
  });

  app.put<{ Params: { channel: string } }>('/v1/routing/channels/:channel', async (request) => {
    const principal = await auth.authenticate(request);
    requireRole(principal, 'admin');
    const { channel } = parseWith(Channel, request.params);
    const input = parseWith(ChannelRoutingRequest, request.body);
    return db.transaction(async (tx) => {
      if (input.warehouseOrder.length) {
        const found = await tx.query<{ id: string }>(`select id from warehouses where kind = 'warehouse' and id = any($1::uuid[])`, [input.warehouseOrder]);
        const missing = input.warehouseOrder.filter((id) => !found.some((f) => f.id === id));
        if (missing.length) throw problems.unprocessable('warehouse_unknown', `not stocking warehouses: ${missing.join(', ')}`);
      }
      const { warehouseOrder, ...policy } = input;
      const saved = await saveRoutingPolicy(tx, channel, policy, warehouseOrder);
      await appendTimeline(tx, { type: 'channel-routing-set', orderId: null, entityIds: {}, payload: { channel, ...input, reason: 'routing policy changed' }, actor: actorOf(principal, request) });
      return saved;
    });
  });

  app.post('/v1/suppliers', async (request, reply) => {
    const principal = await auth.authenticate(request);
    requireRole(principal, 'admin');
    const input = parseWith(CreateSupplierRequest, request.body);
    const view = await db.transaction(async (tx) => {
      const id = crypto.randomUUID();
      const warehouseId = crypto.randomUUID();
      // The supplier's own fulfillment location, so its work flows through fulfillment orders.
      const wh = await tx.query('insert into warehouses (id, code, name, priority, kind) values ($1,$2,$3,$4,$5) on conflict (code) do nothing returning id', [
        warehouseId, `DS-${input.code}`, `Dropship: ${input.name}`, input.priority, 'dropship',
      ]);
      const sup = wh.length ? await tx.query('insert into suppliers (id, code, name, warehouse_id, priority) values ($1,$2,$3,$4,$5) on conflict (code) do nothing returning id', [id, input.code, input.name, warehouseId, input.priority]) : [];
      if (!sup.length) throw problems.conflict('supplier_code_taken', `a supplier or location with code ${input.code} exists`);
      for (const p of input.products) {
        await tx.query('insert into supplier_products (supplier_id, sku, lead_time_days, available) values ($1,$2,$3,$4) on conflict (supplier_id, sku) do update set lead_time_days = excluded.lead_time_days, available = excluded.available', [id, p.sku, p.leadTimeDays, p.available]);
      }
      await appendTimeline(tx, { type: 'supplier-created', orderId: null, entityIds: { supplierId: id, warehouseId }, payload: { code: input.code, name: input.name, skus: input.products.map((p) => p.sku), reason: 'dropship supplier added' }, actor: actorOf(principal, request) });
      return supplierView(tx, id);
    });
    return reply.status(201).send(view);
  });

  app.get('/v1/suppliers', async (request) => {
    requireRole(await auth.authenticate(request), 'supervisor', 'integrator');
    const rows = await db.query<{ id: string }>('select id from suppliers order by priority, code');
    return { data: await Promise.all(rows.map((r) => supplierView(db, r.id))) };
  });

  app.put<{ Params: { id: string; sku: string } }>('/v1/suppliers/:id/products/:sku', async (request) => {
    const principal = await auth.authenticate(request);
    requireRole(principal, 'admin', 'integrator');
    const id = uuidParam(request.params.id, 'id');
    const { sku } = parseWith(Sku, { sku: request.params.sku });
    const input = parseWith(PutSupplierProductRequest, request.body);
    return db.transaction(async (tx) => {
      await supplierView(tx, id);
      await tx.query('insert into supplier_products (supplier_id, sku, lead_time_days, available) values ($1,$2,$3,$4) on conflict (supplier_id, sku) do update set lead_time_days = excluded.lead_time_days, available = excluded.available', [id, sku, input.leadTimeDays, input.available]);
      await appendTimeline(tx, { type: 'supplier-product-set', orderId: null, entityIds: { supplierId: id }, payload: { sku, ...input, reason: 'supplier catalogue update' }, actor: actorOf(principal, request) });
      return supplierView(tx, id);
    });
  });
}

import type { FastifyInstance } from 'fastify';
import {
  CancelFulfillmentOrderRequest, ClaimFulfillmentOrderRequest, HoldFulfillmentOrderRequest, ListFulfillmentOrdersQuery,
  MoveFulfillmentOrderRequest, ReleaseFulfillmentOrderRequest, UnclaimFulfillmentOrderRequest,
} from '../../shared/api/fulfillment';
import type { FulfillmentDocument } from '../../shared/sync/fulfillment-document';
import { requireRole, requireWarehouse } from '../auth/principal';
import { parseWith, problems } from '../http/problem';
import { loadOrder } from '../orders/order-store';
import { actorOf, type RouteContext } from '../http/route-context';
import { unreserveFulfillmentOrder } from '../inventory/inventory-store';
import { leasePolicyOf } from '../leases/lease-policy';
import { claimForStation } from '../leases/lease-store';
import { applyAdminChange } from './apply-admin-event';
import { fulfillmentOrdersOf } from './fulfillment-store';
import { moveFulfillmentOrder } from './move-fulfillment-order';
import { decodeCursor, pageOf } from './page-cursor';
import { fulfillmentOrderInScope, requireStationOf, uuidParam } from './scope';
import { retryingTransaction } from '../db/retrying-transaction';

type IdParams = { Params: { id: string } };
const READERS = ['supervisor', 'packer', 'returns', 'integrator', 'station'] as const;

/** Fulfillment orders: list, read, claim, move to another warehouse or station, hold and release, cancel. */
export function fulfillmentOrderRoutes(app: FastifyInstance, { db, auth, config }: RouteContext) {
  const leases = leasePolicyOf(config);
  app.get('/v1/fulfillment-orders', async (request) => {
    const principal = await auth.authenticate(request);
    requireRole(principal, ...READERS);
    const query = parseWith(ListFulfillmentOrdersQuery, request.query);
    if (query.warehouseId) requireWarehouse(principal, query.warehouseId);
    const warehouseId = query.warehouseId ?? principal.warehouseId;
    const after = decodeCursor(query.cursor);
    const rows = await db.query<{ doc: FulfillmentDocument; created_at: Date | string; id: string }>(
      `select doc, created_at, id from fulfillment_orders
        where ($1::uuid is null or warehouse_id = $1) and ($2::text is null or status = $2) and ($3::uuid is null or order_id = $3)
          and ($4::timestamptz is null or (created_at, id) > ($4::timestamptz, $5::uuid))
        order by created_at, id limit $6`,
      [warehouseId ?? null, query.status ?? null, query.orderId ?? null, after?.createdAt ?? null, after?.id ?? null, query.limit + 1],
    );
    const page = pageOf(rows, query.limit, (r) => ({ createdAt: new Date(r.created_at).toISOString(), id: r.id }));
    return { data: page.data.map((r) => r.doc), nextCursor: page.nextCursor };
  });

  app.get<IdParams>('/v1/fulfillment-orders/:id', async (request) => {
    const principal = await auth.authenticate(request);
    requireRole(principal, ...READERS);
    return fulfillmentOrderInScope(db, principal, uuidParam(request.params.id, 'id'));
  });

  // Seed 003 calls them fulfillments.
  for (const url of ['/v1/orders/:orderId/fulfillment-orders', '/v1/orders/:orderId/fulfillments']) app.get<{ Params: { orderId: string } }>(url, async (request) => {
    const principal = await auth.authenticate(request);
    requireRole(principal, ...READERS);
    const orderId = uuidParam(request.params.orderId, 'orderId');
    await loadOrder(db, orderId);
    const all = await fulfillmentOrdersOf(db, orderId);
    const visible = principal.warehouseId ? all.filter((f) => f.warehouseId === principal.warehouseId) : all;
    if (principal.warehouseId && !visible.length) throw problems.notFound(`order ${orderId}`);
    return { data: visible };
  });

  app.post<IdParams>('/v1/fulfillment-orders/:id/claim', async (request) => {
    const principal = await auth.authenticate(request);
    requireRole(principal, 'station', 'supervisor', 'packer');
    const id = uuidParam(request.params.id, 'id');
    const input = parseWith(ClaimFulfillmentOrderRequest, request.body ?? {});
    const own = principal.kind === 'station' ? principal.id : principal.kind === 'station-user' ? principal.stationId : null;
    if (own && input.stationId && input.stationId !== own) throw problems.forbidden('a station claims only for itself');
    const stationId = own ?? input.stationId;
    if (!stationId) throw problems.unprocessable('station_required', 'name the stationId that will pack this order');
    // The same lease a station takes through /v1/sync/leases/claim (src/server/leases).
    return retryingTransaction(db, async (tx) => {
      const doc = await fulfillmentOrderInScope(tx, principal, id, true);
      const station = await requireStationOf(tx, stationId, doc.warehouseId);
      const held = await claimForStation(tx, station, doc.id, actorOf(principal, request), leases);
      return held;
    });
  });

  app.post<IdParams>('/v1/fulfillment-orders/:id/unclaim', async (request) => {
    const principal = await auth.authenticate(request);
    requireRole(principal, 'station', 'supervisor');
    const id = uuidParam(request.params.id, 'id');
    const { reason } = parseWith(UnclaimFulfillmentOrderRequest, request.body);
    return retryingTransaction(db, async (tx) => {
      const doc = await fulfillmentOrderInScope(tx, principal, id, true);
      if (principal.kind === 'station' && doc.claimedBy !== principal.id) throw problems.forbidden('a station can only give back its own claim');
      return applyAdminChange(tx, doc, { type: 'fulfillment-order-unclaimed', payload: { reason }, actor: actorOf(principal, request) });
    });
  });

  app.post<IdParams>('/v1/fulfillment-orders/:id/move', async (request) => {
    const principal = await auth.authenticate(request);
    requireRole(principal, 'supervisor');
    const id = uuidParam(request.params.id, 'id');
    const input = parseWith(MoveFulfillmentOrderRequest, request.body);
    // Only the order being moved must be in reach: a warehouse's supervisor hands work to
    // another warehouse or station (a closed dock, a rush); taking another's work is refused.
    return retryingTransaction(db, async (tx) => {
      const doc = await fulfillmentOrderInScope(tx, principal, id, true);
      return moveFulfillmentOrder(tx, doc, input, actorOf(principal, request), leases);
    });
  });

  app.post<IdParams>('/v1/fulfillment-orders/:id/hold', async (request) => {
    const principal = await auth.authenticate(request);
    requireRole(principal, 'supervisor', 'integrator', 'packer', 'station');
    const id = uuidParam(request.params.id, 'id');
    const input = parseWith(HoldFulfillmentOrderRequest, request.body);
    return retryingTransaction(db, async (tx) => {
      const doc = await fulfillmentOrderInScope(tx, principal, id, true);
      return applyAdminChange(tx, doc, { type: 'fulfillment-order-held', payload: { reasons: input.reasons, note: input.note ?? null }, actor: actorOf(principal, request) });
    });
  });

  app.post<IdParams>('/v1/fulfillment-orders/:id/release', async (request) => {
    const principal = await auth.authenticate(request);
    requireRole(principal, 'supervisor', 'integrator');
    const id = uuidParam(request.params.id, 'id');
    const input = parseWith(ReleaseFulfillmentOrderRequest, request.body ?? {});
    return retryingTransaction(db, async (tx) => {
      const doc = await fulfillmentOrderInScope(tx, principal, id, true);
      return applyAdminChange(tx, doc, { type: 'fulfillment-order-released', payload: { reasons: input.reasons ?? null, note: input.note ?? null }, actor: actorOf(principal, request) });
    });
  });

  app.post<IdParams>('/v1/fulfillment-orders/:id/cancel', async (request) => {
    const principal = await auth.authenticate(request);
    requireRole(principal, 'supervisor');
    const id = uuidParam(request.params.id, 'id');
    const { reason } = parseWith(CancelFulfillmentOrderRequest, request.body);
    return retryingTransaction(db, async (tx) => {
      const doc = await fulfillmentOrderInScope(tx, principal, id, true);
      const cancelled = await applyAdminChange(tx, doc, { type: 'fulfillment-order-cancelled', payload: { reason }, actor: actorOf(principal, request) });
      await unreserveFulfillmentOrder(tx, doc);
      return cancelled;
    });
  });
}

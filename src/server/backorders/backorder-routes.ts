import type { FastifyInstance } from 'fastify';
import {
  AllocateBackordersRequest, BackorderActionRequest, ListBackordersQuery, PrioritizeBackorderRequest, ReassignBackorderRequest,
  type BackorderView,
} from '../../shared/api/fulfillment';
import { requireRole, requireWarehouse, type Principal } from '../auth/principal';
import type { Queryable } from '../db/database';
import { parseWith, problems } from '../http/problem';
import { loadOrder } from '../orders/order-store';
import { actorOf, type RouteContext } from '../routes/context';
import { uuidParam } from '../fulfillment/scope';
import { requireStockingWarehouse } from '../inventory/inventory-store';
import { allocateBackorders } from './allocate-backorders';
import { cancelBackorder, prioritizeBackorder, reassignBackorder, releaseBackorder } from './backorder-actions';
import { BACKORDER_COLUMNS, QUEUE_ORDER, backorderView, loadBackorder, type BackorderRow } from './backorder-store';
import { retryingTransaction } from '../fulfillment/retrying-transaction';
import { leasePolicyOf } from '../leases/lease-policy';

type IdParams = { Params: { id: string } };

/** A warehouse-bound principal reaches backorders not yet at any warehouse, and its own. */
function requireBackorderScope(principal: Principal, b: BackorderView) {
  if (b.warehouseId) requireWarehouse(principal, b.warehouseId);
}

async function backorderInScope(q: Queryable, principal: Principal, id: string, forUpdate = false) {
  const b = await loadBackorder(q, id, forUpdate);
  requireBackorderScope(principal, b);
  return b;
}

/** The backorder queue: list in allocation order, reorder, reassign, release, cancel, allocate. */
export function backorderRoutes(app: FastifyInstance, { db, auth, config }: RouteContext) {
  app.get('/v1/backorders', async (request) => {
    const principal = await auth.authenticate(request);
    requireRole(principal, 'supervisor', 'integrator', 'packer', 'station');
    const q = parseWith(ListBackordersQuery, request.query);
    if (q.warehouseId) requireWarehouse(principal, q.warehouseId);
    const offset = decodeOffset(q.cursor);
    const rows = await db.query<BackorderRow>(
      `select ${BACKORDER_COLUMNS} from backorders b join orders o on o.id = b.order_id
        where ($1::text is null or b.status = $1) and ($2::text is null or b.sku = $2) and ($3::uuid is null or b.order_id = $3)
          and ($4::uuid is null or b.warehouse_id = $4) and ($5::uuid is null or b.warehouse_id is null or b.warehouse_id = $5)
        order by ${QUEUE_ORDER} limit $6 offset $7`,
      [q.status ?? null, q.sku ?? null, q.orderId ?? null, q.warehouseId ?? null, principal.warehouseId, q.limit + 1, offset],
    );
    const data = rows.slice(0, q.limit).map(backorderView);
    return { data, nextCursor: rows.length > q.limit ? Buffer.from(String(offset + q.limit)).toString('base64url') : null };
  });

  app.get<IdParams>('/v1/backorders/:id', async (request) => {
    const principal = await auth.authenticate(request);
    requireRole(principal, 'supervisor', 'integrator', 'packer', 'station');
    return backorderInScope(db, principal, uuidParam(request.params.id, 'id'));
  });

  app.get<{ Params: { orderId: string } }>('/v1/orders/:orderId/backorders', async (request) => {
    const principal = await auth.authenticate(request);
    requireRole(principal, 'supervisor', 'integrator', 'packer', 'returns', 'station');
    const orderId = uuidParam(request.params.orderId, 'orderId');
    await loadOrder(db, orderId);
    const rows = await db.query<BackorderRow>(`select ${BACKORDER_COLUMNS} from backorders b join orders o on o.id = b.order_id where b.order_id = $1 order by b.created_at, b.id`, [orderId]);
    return { data: rows.map(backorderView).filter((b) => !principal.warehouseId || !b.warehouseId || b.warehouseId === principal.warehouseId) };
  });

  app.post<IdParams>('/v1/backorders/:id/prioritize', async (request) => {
    const principal = await auth.authenticate(request);
    requireRole(principal, 'supervisor');
    const id = uuidParam(request.params.id, 'id');
    const input = parseWith(PrioritizeBackorderRequest, request.body);
    return retryingTransaction(db, async (tx) => {
      await backorderInScope(tx, principal, id, true);
      return prioritizeBackorder(tx, id, input.priority, input.reason, actorOf(principal, request));
    });
  });

  app.post<IdParams>('/v1/backorders/:id/reassign', async (request) => {
    const principal = await auth.authenticate(request);
    requireRole(principal, 'supervisor');
    const id = uuidParam(request.params.id, 'id');
    const input = parseWith(ReassignBackorderRequest, request.body);
    // Only the backorder must be in reach: handing it to another warehouse that has the stock is
    // what a supervisor does (docs/architecture.md, Who uses it: "reassign backorders to another warehouse").
    return retryingTransaction(db, async (tx) => {
      await backorderInScope(tx, principal, id, true);
      return reassignBackorder(tx, id, input, actorOf(principal, request), leasePolicyOf(config));
    });
  });

  app.post<IdParams>('/v1/backorders/:id/release', async (request) => {
    const principal = await auth.authenticate(request);
    requireRole(principal, 'supervisor');
    const id = uuidParam(request.params.id, 'id');
    const { reason } = parseWith(BackorderActionRequest, request.body);
    return retryingTransaction(db, async (tx) => {
      await backorderInScope(tx, principal, id, true);
      return releaseBackorder(tx, id, reason, actorOf(principal, request));
    });
  });

  app.post<IdParams>('/v1/backorders/:id/cancel', async (request) => {
    const principal = await auth.authenticate(request);
    requireRole(principal, 'supervisor');
    const id = uuidParam(request.params.id, 'id');
    const { reason } = parseWith(BackorderActionRequest, request.body);
    return retryingTransaction(db, async (tx) => {
      await backorderInScope(tx, principal, id, true);
      return cancelBackorder(tx, id, reason, actorOf(principal, request));
    });
  });

  // Runs the queue for one SKU at one warehouse (receipts do this by themselves).
  app.post('/v1/backorders/allocate', async (request) => {
    const principal = await auth.authenticate(request);
    requireRole(principal, 'supervisor');
    const input = parseWith(AllocateBackordersRequest, request.body);
    requireWarehouse(principal, input.warehouseId);
    return retryingTransaction(db, async (tx) => {
      await requireStockingWarehouse(tx, input.warehouseId);
      return allocateBackorders(tx, input.warehouseId, input.sku, actorOf(principal, request), 'allocation run by a supervisor');
    });
  });
}

function decodeOffset(cursor: string | undefined): number {
  if (!cursor) return 0;
  const n = Number(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!Number.isInteger(n) || n < 0) throw problems.unprocessable('cursor_invalid', 'the cursor is not one this server issued');
  return n;
}

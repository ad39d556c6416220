import type { FastifyInstance } from 'fastify';
import {
  AllocateBackordersRequest,
  BackorderActionRequest,
  ListBackordersQuery,
  MoveBackorderRequest,
  PrioritizeBackorderRequest,
  ReassignBackorderRequest,
  BackorderChanged,
  BackorderStockOptions,
  BackorderView,
} from '../../shared/api/fulfillment';
import { requireWarehouse, type Principal } from '../auth/principal';
import type { Queryable } from '../db/database';
import { defineRoute } from '../http/define-route';
import { IdParams, OrderIdParams } from '../http/params';
import { problems } from '../http/problem';
import { answers } from '../openapi/responses';
import { loadOrder } from '../orders/order-store';
import { actorOf, type RouteContext } from '../http/route-context';
import { availableByWarehouse, requireStockingWarehouse } from '../inventory/inventory-store';
import { allocateBackorders } from './allocate-backorders';
import { moveBackorder } from './move-backorder';
import { cancelBackorder, prioritizeBackorder, reassignBackorder, releaseBackorder } from './backorder-actions';
import { listOf } from '../../shared/api/list-page';
import { backorderView, backordersOfOrder, listBackorderPage, loadBackorder } from './backorder-store';
import { retryingTransaction } from '../db/retrying-transaction';
import { leasePolicyOf } from '../leases/lease-policy';

const TAG = ['Backorders'];
const READERS = ['supervisor', 'integrator', 'packer', 'station'] as const;
const view = { description: 'the backorder', schema: BackorderView };

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
export function backorderRoutes(app: FastifyInstance, ctx: RouteContext) {
  backorderReadRoutes(app, ctx);
  backorderQueueRoutes(app, ctx);
  backorderSupervisorRoutes(app, ctx);
  backorderAllocationRoutes(app, ctx);
}

/** Reading the queue: the list in allocation order, one backorder, an order's backorders. */
function backorderReadRoutes(app: FastifyInstance, ctx: RouteContext) {
  const { db } = ctx;

  defineRoute(
    app,
    ctx,
    {
      method: 'GET',
      url: '/v1/backorders',
      operationId: 'listBackorders',
      tags: TAG,
      roles: READERS,
      scope: 'warehouse',
      query: ListBackordersQuery,
      summary: 'The backorder queue in allocation order: supervisor priority, then oldest first',
      responses: answers('GET', { description: 'backorders and nextCursor', schema: listOf(BackorderView) }),
    },
    async ({ principal, query: q }) => {
      if (q.warehouseId) requireWarehouse(principal, q.warehouseId);
      const offset = decodeOffset(q.cursor);
      const rows = await listBackorderPage(db, {
        status: q.status ?? null,
        sku: q.sku ?? null,
        orderId: q.orderId ?? null,
        warehouseId: q.warehouseId ?? null,
        reachableFrom: principal.warehouseId,
        limit: q.limit,
        offset,
      });
      const data = rows.slice(0, q.limit).map(backorderView);
      return { data, nextCursor: rows.length > q.limit ? Buffer.from(String(offset + q.limit)).toString('base64url') : null };
    },
  );

  defineRoute(
    app,
    ctx,
    {
      method: 'GET',
      url: '/v1/backorders/:id',
      operationId: 'getBackorder',
      tags: TAG,
      roles: READERS,
      scope: 'warehouse',
      params: IdParams,
      summary: 'Read a backorder',
      responses: answers('GET', view),
    },
    async ({ principal, params }) => backorderInScope(db, principal, params.id),
  );

  defineRoute(
    app,
    ctx,
    {
      method: 'GET',
      url: '/v1/orders/:orderId/backorders',
      operationId: 'listOrderBackorders',
      tags: TAG,
      roles: [...READERS, 'returns'],
      scope: 'warehouse',
      params: OrderIdParams,
      summary: "An order's backorders",
      responses: answers('GET', { description: 'backorders', schema: listOf(BackorderView) }),
    },
    async ({ principal, params: { orderId } }) => {
      await loadOrder(db, orderId);
      return {
        data: (await backordersOfOrder(db, orderId)).filter(
          (b) => !principal.warehouseId || !b.warehouseId || b.warehouseId === principal.warehouseId,
        ),
      };
    },
  );
}

/** A supervisor's say in the queue's order: a priority, or one place up or down. */
function backorderQueueRoutes(app: FastifyInstance, ctx: RouteContext) {
  const { db } = ctx;

  defineRoute(
    app,
    ctx,
    {
      method: 'POST',
      url: '/v1/backorders/:id/prioritize',
      operationId: 'prioritizeBackorder',
      tags: TAG,
      roles: ['supervisor'],
      scope: 'warehouse',
      params: IdParams,
      body: PrioritizeBackorderRequest,
      summary: 'Override FIFO: higher priority is allocated first',
      responses: answers('POST', view, { refusals: 'backorder_status_final' }),
    },
    async ({ request, principal, params: { id }, body }) =>
      retryingTransaction(db, async (tx) => {
        await backorderInScope(tx, principal, id, true);
        return prioritizeBackorder(tx, id, body.priority, body.reason, actorOf(principal, request));
      }),
  );

  defineRoute(
    app,
    ctx,
    {
      method: 'POST',
      url: '/v1/backorders/:id/move',
      operationId: 'moveBackorder',
      tags: TAG,
      roles: ['supervisor'],
      scope: 'warehouse',
      params: IdParams,
      body: MoveBackorderRequest,
      summary: "Move it one place up or down its SKU's queue as its warehouse sees it (waiting backorders, and those allocated there)",
      description:
        "The queue is the backorder's SKU's, as the caller's warehouse sees it (or, for a caller bound to none, the backorder's own): " +
        "a SKU's stock serves only that SKU's backorders. Priorities are renumbered only where they must be for it to pass exactly " +
        'its neighbour, and one backorder-moved event records them. Already first (up) or last (down) is refused, as is a `past` ' +
        'of another SKU (backorder_other_sku) or that is no longer its neighbour (backorder_queue_changed).',
      responses: answers('POST', view, {
        refusals: 'backorder_at_queue_end, backorder_status_final, backorder_priority_limit, backorder_queue_changed, backorder_other_sku',
      }),
    },
    async ({ request, principal, params: { id }, body }) =>
      retryingTransaction(db, async (tx) => {
        const b = await backorderInScope(tx, principal, id, true);
        const warehouseId = principal.warehouseId ?? b.warehouseId;
        return moveBackorder(tx, id, { ...body, warehouseId }, actorOf(principal, request));
      }),
  );
}

/** A supervisor's decisions on one backorder: reassign, release, cancel. */
function backorderSupervisorRoutes(app: FastifyInstance, ctx: RouteContext) {
  const { db } = ctx;

  // Only the backorder must be in reach: handing it to another warehouse that has the stock is
  // what a supervisor does (docs/architecture.md, Who uses it: "reassign backorders to another warehouse").
  defineRoute(
    app,
    ctx,
    {
      method: 'GET',
      url: '/v1/backorders/:id/stock',
      operationId: 'getBackorderStock',
      tags: TAG,
      roles: ['supervisor', 'integrator'],
      scope: 'warehouse',
      params: IdParams,
      summary: 'Where it could be reassigned: the units of its SKU each stocking warehouse could give it now',
      responses: answers('GET', { description: 'every stocking warehouse, by priority', schema: BackorderStockOptions }),
    },
    async ({ principal, params: { id } }) => {
      const b = await backorderInScope(db, principal, id);
      const levels = await availableByWarehouse(db, b.sku);
      // Stock it holds already is given back before it takes stock anywhere (reassignBackorder).
      const own = (w: string) => (b.status === 'allocated' && b.warehouseId === w ? b.quantity : 0);
      return { data: levels.map((l) => ({ ...l, available: l.available + own(l.warehouseId) })) };
    },
  );

  defineRoute(
    app,
    ctx,
    {
      method: 'POST',
      url: '/v1/backorders/:id/reassign',
      operationId: 'reassignBackorder',
      tags: TAG,
      roles: ['supervisor'],
      scope: 'warehouse',
      params: IdParams,
      body: ReassignBackorderRequest,
      summary: 'Ship it now from a chosen warehouse with stock (optionally assigned to a station): a new fulfillment order',
      responses: answers(
        'POST',
        { description: 'the backorder and its new fulfillment order', schema: BackorderChanged },
        { refusals: 'insufficient_stock, order_not_releasable, backorder_status_final' },
      ),
    },
    async ({ request, principal, params: { id }, body }) =>
      retryingTransaction(db, async (tx) => {
        await backorderInScope(tx, principal, id, true);
        return reassignBackorder(tx, id, body, actorOf(principal, request), leasePolicyOf(ctx.config));
      }),
  );

  defineRoute(
    app,
    ctx,
    {
      method: 'POST',
      url: '/v1/backorders/:id/release',
      operationId: 'releaseBackorder',
      tags: TAG,
      roles: ['supervisor'],
      scope: 'warehouse',
      params: IdParams,
      body: BackorderActionRequest,
      summary: 'Release an allocated backorder into a new fulfillment order',
      responses: answers(
        'POST',
        { description: 'the backorder and its new fulfillment order', schema: BackorderChanged },
        { refusals: 'backorder_not_allocated, order_not_releasable' },
      ),
    },
    async ({ request, principal, params: { id }, body }) =>
      retryingTransaction(db, async (tx) => {
        await backorderInScope(tx, principal, id, true);
        return releaseBackorder(tx, id, body.reason, actorOf(principal, request));
      }),
  );

  defineRoute(
    app,
    ctx,
    {
      method: 'POST',
      url: '/v1/backorders/:id/cancel',
      operationId: 'cancelBackorder',
      tags: TAG,
      roles: ['supervisor'],
      scope: 'warehouse',
      params: IdParams,
      body: BackorderActionRequest,
      summary:
        'Cancel: reserved stock goes back; units paid in full get a refund request from frozen prices, others leave the order with only what was captured for them refunded',
      responses: answers(
        'POST',
        { description: 'the backorder, the refund request and the refund (each or null)', schema: BackorderChanged },
        { refusals: 'backorder_status_final' },
      ),
    },
    async ({ request, principal, params: { id }, body }) =>
      retryingTransaction(db, async (tx) => {
        await backorderInScope(tx, principal, id, true);
        return cancelBackorder(tx, id, body.reason, actorOf(principal, request));
      }),
  );
}

/** Running the queue by hand. */
function backorderAllocationRoutes(app: FastifyInstance, ctx: RouteContext) {
  const { db } = ctx;

  // Runs the queue for one SKU at one warehouse (receipts do this by themselves).
  defineRoute(
    app,
    ctx,
    {
      method: 'POST',
      url: '/v1/backorders/allocate',
      operationId: 'allocateBackorders',
      tags: TAG,
      roles: ['supervisor'],
      scope: 'warehouse',
      body: AllocateBackordersRequest,
      summary: 'Run the queue for a SKU at a warehouse (receipts and counts do it by themselves)',
      responses: answers('POST', { description: 'allocated backorders and released fulfillment orders' }),
    },
    async ({ request, principal, body }) => {
      requireWarehouse(principal, body.warehouseId);
      return retryingTransaction(db, async (tx) => {
        await requireStockingWarehouse(tx, body.warehouseId);
        return allocateBackorders(tx, body.warehouseId, body.sku, actorOf(principal, request), 'allocation run by a supervisor');
      });
    },
  );
}

function decodeOffset(cursor: string | undefined): number {
  if (!cursor) return 0;
  const n = Number(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!Number.isInteger(n) || n < 0) throw problems.unprocessable('cursor_invalid', 'the cursor is not one this server issued');
  return n;
}

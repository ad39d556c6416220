import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ImportBinsRequest, PutBinRequest, SetBinStockRequest, SetPickModeRequest } from '../../shared/api/bins';
import { requireWarehouse } from '../auth/principal';
import { defineRoute } from '../http/define-route';
import { sku, uuidNamed } from '../http/params';
import { answers } from '../openapi/responses';
import { actorOf, type RouteContext } from '../http/route-context';
import { retryingTransaction } from '../db/retrying-transaction';
import { requireStockingWarehouse } from '../inventory/inventory-store';
import { appendTimeline } from '../timeline/timeline';
import { importBins } from './bin-import';
import { listBins, putBin, readPickMode, removeBin, requireBin, setBinStock, setPickMode } from './bin-store';

const TAG = ['Picking'];
const MANAGERS = { roles: ['supervisor'], scope: 'warehouse' } as const;
const READERS = { roles: ['supervisor', 'packer', 'integrator', 'station'], scope: 'warehouse' } as const;
const WarehouseParams = z.object({ warehouseId: uuidNamed('warehouseId') });
const BinParams = WarehouseParams.extend({ binId: uuidNamed('binId') });
const BinStockParams = BinParams.extend({ sku: sku() });

/**
 * A warehouse's pick set-up: its mode (pack-only, or pick before pack), its bins with their
 * barcodes and walk order, and the units of each SKU in each bin. Bins replicate to the
 * warehouse's stations (POST /v1/sync/pull, collection `bins`).
 */
export function binRoutes(app: FastifyInstance, ctx: RouteContext) {
  pickModeRoutes(app, ctx);
  binLocationRoutes(app, ctx);
  binStockRoutes(app, ctx);
}

type Caller = Parameters<typeof requireWarehouse>[0];
const readableWarehouse = (ctx: RouteContext, principal: Caller, warehouseId: string) => {
  requireWarehouse(principal, warehouseId);
  return requireStockingWarehouse(ctx.db, warehouseId);
};

function pickModeRoutes(app: FastifyInstance, ctx: RouteContext) {
  const { db } = ctx;
  const warehouseRoute = (principal: Caller, warehouseId: string) => readableWarehouse(ctx, principal, warehouseId);

  defineRoute(
    app,
    ctx,
    {
      method: 'GET',
      url: '/v1/warehouses/:warehouseId/pick-mode',
      operationId: 'getPickMode',
      tags: TAG,
      ...READERS,
      params: WarehouseParams,
      summary: "Whether the warehouse picks before packing ('pick-and-pack') or packs only ('pack-only', the default)",
      responses: answers('GET', { description: '{ mode }' }),
    },
    async ({ principal, params }) => {
      await warehouseRoute(principal, params.warehouseId);
      return { mode: await readPickMode(db, params.warehouseId) };
    },
  );

  defineRoute(
    app,
    ctx,
    {
      method: 'PUT',
      url: '/v1/warehouses/:warehouseId/pick-mode',
      operationId: 'setPickMode',
      tags: TAG,
      ...MANAGERS,
      params: WarehouseParams,
      body: SetPickModeRequest,
      summary: "Set the warehouse's pick mode; its stations get its bins (or lose them, when pack-only) at their next pull",
      responses: answers('PUT', { description: '{ mode }' }, { refusals: 'warehouse_is_dropship' }),
    },
    async ({ principal, params, body }) => {
      requireWarehouse(principal, params.warehouseId);
      await retryingTransaction(db, async (tx) => {
        await requireStockingWarehouse(tx, params.warehouseId);
        await setPickMode(tx, params.warehouseId, body.mode);
      });
      return { mode: body.mode };
    },
  );
}

/** Bins: list, add or change one, remove one. */
function binLocationRoutes(app: FastifyInstance, ctx: RouteContext) {
  const { db } = ctx;
  defineRoute(
    app,
    ctx,
    {
      method: 'GET',
      url: '/v1/warehouses/:warehouseId/bins',
      operationId: 'listBins',
      tags: TAG,
      ...READERS,
      params: WarehouseParams,
      summary: "The warehouse's bin locations in walk order, with the units of each SKU in each",
      responses: answers('GET', { description: '{ data: bins }' }),
    },
    async ({ principal, params }) => {
      await readableWarehouse(ctx, principal, params.warehouseId);
      return { data: await listBins(db, params.warehouseId) };
    },
  );

  defineRoute(
    app,
    ctx,
    {
      method: 'POST',
      url: '/v1/warehouses/:warehouseId/bins',
      operationId: 'putBin',
      tags: TAG,
      ...MANAGERS,
      params: WarehouseParams,
      body: PutBinRequest,
      summary: 'Add a bin location, or change the one with the same zone-aisle-bay-level-bin code (barcode, walk order, stock)',
      responses: answers('POST', { description: 'the bin' }, { status: 201, refusals: 'bin_barcode_taken, warehouse_is_dropship' }),
    },
    async ({ principal, params, body, reply }) => {
      requireWarehouse(principal, params.warehouseId);
      const bin = await retryingTransaction(db, async (tx) => {
        await requireStockingWarehouse(tx, params.warehouseId);
        const { id, created } = await putBin(tx, params.warehouseId, body);
        return { id, created };
      });
      reply.status(bin.created ? 201 : 200);
      return (await listBins(db, params.warehouseId)).find((b) => b.id === bin.id);
    },
  );

  defineRoute(
    app,
    ctx,
    {
      method: 'DELETE',
      url: '/v1/warehouses/:warehouseId/bins/:binId',
      operationId: 'removeBin',
      tags: TAG,
      ...MANAGERS,
      params: BinParams,
      summary:
        "Remove an empty bin location: it leaves the list and the warehouse's stations at their next pull (adding its code again brings it back)",
      responses: answers('DELETE', { description: 'removed' }, { status: 204, refusals: 'bin_not_empty' }),
    },
    async ({ request, principal, params, reply }) => {
      requireWarehouse(principal, params.warehouseId);
      const actor = actorOf(principal, request);
      await retryingTransaction(db, async (tx) => {
        const bin = await removeBin(tx, params.warehouseId, params.binId);
        await appendTimeline(tx, {
          type: 'bin-removed',
          orderId: null,
          entityIds: { warehouseId: params.warehouseId, binId: params.binId },
          payload: { code: bin.code, barcode: bin.barcode },
          actor,
        });
      });
      return reply.status(204).send();
    },
  );
}

/** Bin counts, and bins (with their stock) imported from CSV. */
function binStockRoutes(app: FastifyInstance, ctx: RouteContext) {
  const { db } = ctx;
  defineRoute(
    app,
    ctx,
    {
      method: 'PUT',
      url: '/v1/warehouses/:warehouseId/bins/:binId/stock/:sku',
      operationId: 'setBinStock',
      tags: TAG,
      ...MANAGERS,
      params: BinStockParams,
      body: SetBinStockRequest,
      summary: 'A bin count: the units of a SKU in the bin become what was counted (the warehouse on hand is counted on its own)',
      responses: answers('PUT', { description: '{ binId, sku, quantity }' }),
    },
    async ({ request, principal, params, body }) => {
      requireWarehouse(principal, params.warehouseId);
      const actor = actorOf(principal, request);
      await retryingTransaction(db, async (tx) => {
        await requireBin(tx, params.warehouseId, params.binId);
        const from = await setBinStock(tx, params.warehouseId, params.binId, params.sku, body.quantity);
        await appendTimeline(tx, {
          type: 'bin-stock-adjusted',
          orderId: null,
          entityIds: { warehouseId: params.warehouseId, binId: params.binId },
          payload: { sku: params.sku, from, to: body.quantity, reason: 'bin count' },
          actor,
        });
      });
      return { binId: params.binId, sku: params.sku, quantity: body.quantity };
    },
  );

  defineRoute(
    app,
    ctx,
    {
      method: 'POST',
      url: '/v1/warehouses/:warehouseId/bins/import',
      operationId: 'importBins',
      tags: TAG,
      ...MANAGERS,
      params: WarehouseParams,
      body: ImportBinsRequest,
      summary:
        'Bins from CSV ({ csv }): header zone, aisle, bay, level, bin, barcode, walk_order[, sku, quantity]; all rows or none, a bad row named by its line',
      responses: answers('POST', { description: '{ bins, created, stockRows }' }, { refusals: 'bin_import_invalid, bin_barcode_taken' }),
    },
    async ({ principal, params, body }) => {
      requireWarehouse(principal, params.warehouseId);
      return retryingTransaction(db, async (tx) => {
        await requireStockingWarehouse(tx, params.warehouseId);
        return importBins(tx, params.warehouseId, body.csv);
      });
    },
    { bodyLimit: 4 * 1024 * 1024 },
  );
}

import { z } from 'zod';
import { ReceiveDeliveryRequest, ReceiveStockRequest, SetInventoryRequest } from '../../shared/api/inventory';
import type { OperationSpec } from '../openapi/catalog';
import { op } from '../fulfillment/openapi-kit';

const TAG = ['Inventory'];
const READERS = ['supervisor', 'packer', 'returns', 'integrator', 'station'];
const Level = z.object({ warehouseId: z.string().uuid(), sku: z.string().min(1).max(64) });

export const inventorySpecs: OperationSpec[] = [
  op('GET', '/v1/inventory', 'listInventory', 'Stock levels (on hand, reserved, available) by warehouse and SKU', TAG, READERS, {
    query: z.object({ warehouseId: z.string().uuid().optional(), sku: z.string().optional(), limit: z.coerce.number().int().min(1).max(1000).optional() }), ok: { description: 'levels' },
  }),
  op('GET', '/v1/inventory/:warehouseId/:sku', 'getInventoryLevel', 'One stock level', TAG, READERS, { params: Level, ok: { description: 'the level' } }),
  op('PUT', '/v1/inventory/:warehouseId/:sku', 'countInventory', 'A stock count: on hand becomes what was counted; a count that goes up serves waiting backorders first', TAG, ['supervisor'], {
    params: Level, body: SetInventoryRequest, ok: { description: 'the level, allocated backorders and released fulfillment orders' }, refusals: 'warehouse_is_dropship',
  }),
  op('POST', '/v1/inventory/:warehouseId/:sku/receipts', 'receiveInventory', 'Stock received: on hand grows and waiting backorders are allocated oldest first (FIFO, supervisor priority first)', TAG, ['supervisor', 'integrator'], {
    params: Level, body: ReceiveStockRequest, ok: { description: 'the level, allocated backorders and released fulfillment orders' }, okStatus: 201, refusals: 'warehouse_is_dropship',
  }),
  op('POST', '/v1/inventory/:warehouseId/receipts', 'receiveDelivery', 'A delivery with several SKUs booked in at once; each SKU then serves its waiting backorders', TAG, ['supervisor', 'integrator'], {
    params: z.object({ warehouseId: z.string().uuid() }), body: ReceiveDeliveryRequest, ok: { description: 'levels, allocated backorders and released fulfillment orders' }, okStatus: 201, refusals: 'warehouse_is_dropship',
  }),
];

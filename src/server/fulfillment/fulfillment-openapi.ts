import { z } from 'zod';
import {
  CancelFulfillmentOrderRequest, ClaimFulfillmentOrderRequest, HoldFulfillmentOrderRequest, ListFulfillmentOrdersQuery, MoveFulfillmentOrderRequest,
  ReleaseFulfillmentOrderRequest, UnclaimFulfillmentOrderRequest,
} from '../../shared/api/fulfillment';
import { ChannelRoutingRequest, CreateSupplierRequest, PutSupplierProductRequest } from '../../shared/api/inventory';
import { FulfillmentDocument } from '../../shared/sync/fulfillment-document';
import type { OperationSpec } from '../openapi/catalog';
import { IdParams, OrderIdParams, op } from './openapi-kit';

const FO = ['Fulfillment orders'];
const ROUTING = ['Routing'];
const READERS = ['supervisor', 'packer', 'returns', 'integrator', 'station'];
const doc = { description: 'the fulfillment order after the change (what stations replicate)', schema: FulfillmentDocument };
const list = { description: 'fulfillment orders', schema: z.object({ data: z.array(FulfillmentDocument), nextCursor: z.string().nullable().optional() }) };

export const fulfillmentOrderSpecs: OperationSpec[] = [
  op('GET', '/v1/fulfillment-orders', 'listFulfillmentOrders', 'List fulfillment orders (a warehouse-bound caller sees its warehouse only), oldest first, with a cursor', FO, READERS, { query: ListFulfillmentOrdersQuery, ok: list }),
  op('GET', '/v1/fulfillment-orders/:id', 'getFulfillmentOrder', 'Read a fulfillment order', FO, READERS, { params: IdParams, ok: { description: 'the fulfillment order', schema: FulfillmentDocument } }),
  op('GET', '/v1/orders/:orderId/fulfillment-orders', 'listOrderFulfillmentOrders', "An order's fulfillment orders (split shipments: one per warehouse)", FO, READERS, { params: OrderIdParams, ok: list }),
  op('GET', '/v1/orders/:orderId/fulfillments', 'listOrderFulfillments', "Seed 003's name for an order's fulfillment orders", FO, READERS, { params: OrderIdParams, ok: list }),
  op('POST', '/v1/fulfillment-orders/:id/claim', 'claimFulfillmentOrder', 'Claim for packing: a station for itself, a supervisor or packer for a named station of the warehouse', FO, ['station', 'supervisor', 'packer'], {
    params: IdParams, body: ClaimFulfillmentOrderRequest, bodyOptional: true, ok: doc, refusals: 'fulfillment_order_in_progress_elsewhere, fulfillment_order_on_hold, station_required, station_not_in_warehouse',
  }),
  op('POST', '/v1/fulfillment-orders/:id/unclaim', 'unclaimFulfillmentOrder', 'Give a claim back (the station itself, or a supervisor)', FO, ['station', 'supervisor'], { params: IdParams, body: UnclaimFulfillmentOrderRequest, ok: doc, refusals: 'fulfillment_order_not_claimed' }),
  op('POST', '/v1/fulfillment-orders/:id/move', 'moveFulfillmentOrder', 'Move to another warehouse and/or station; refused while in progress elsewhere or once picking started. The reservation moves with it; the old warehouse gets a tombstone', FO, ['supervisor'], {
    params: IdParams, body: MoveFulfillmentOrderRequest, ok: doc, refusals: 'fulfillment_order_in_progress_elsewhere, fulfillment_order_work_started, insufficient_stock (short lists SKUs), fulfillment_order_same_warehouse',
  }),
  op('POST', '/v1/fulfillment-orders/:id/hold', 'holdFulfillmentOrder', 'Hold for one or more reasons at once (adds to existing holds)', FO, ['supervisor', 'integrator', 'packer', 'station'], { params: IdParams, body: HoldFulfillmentOrderRequest, ok: doc, refusals: 'fulfillment_order_status_final' }),
  op('POST', '/v1/fulfillment-orders/:id/release', 'releaseFulfillmentOrder', 'Release some hold reasons, or all; the last one returns it to open or in progress', FO, ['supervisor', 'integrator'], {
    params: IdParams, body: ReleaseFulfillmentOrderRequest, bodyOptional: true, ok: doc, refusals: 'fulfillment_order_not_on_hold, hold_reason_not_present',
  }),
  op('POST', '/v1/fulfillment-orders/:id/cancel', 'cancelFulfillmentOrder', 'Cancel an unshipped fulfillment order and give its reservation back', FO, ['supervisor'], { params: IdParams, body: CancelFulfillmentOrderRequest, ok: doc, refusals: 'fulfillment_order_partly_shipped, fulfillment_order_status_final' }),
];

const Channel = z.object({ channel: z.string().min(1).max(50) });
export const routingSpecs: OperationSpec[] = [
  op('GET', '/v1/routing/channels', 'listChannelRouting', 'Routing policies of every configured channel', ROUTING, ['supervisor', 'integrator'], { ok: { description: 'policies' } }),
  op('GET', '/v1/routing/channels/:channel', 'getChannelRouting', "A channel's routing policy (the default when none is set)", ROUTING, ['supervisor', 'integrator'], { params: Channel, ok: { description: 'the policy' } }),
  op('PUT', '/v1/routing/channels/:channel', 'setChannelRouting', "Set a channel's routing: warehouse priority order or most stock, single-warehouse preference, line splitting, dropship", ROUTING, ['admin'], {
    params: Channel, body: ChannelRoutingRequest, ok: { description: 'the policy' }, refusals: 'warehouse_unknown',
  }),
  op('POST', '/v1/suppliers', 'createSupplier', 'Add a dropship supplier (with its own fulfillment location) and the SKUs it ships', ROUTING, ['admin'], { body: CreateSupplierRequest, ok: { description: 'the supplier' }, okStatus: 201, refusals: 'supplier_code_taken' }),
  op('GET', '/v1/suppliers', 'listSuppliers', 'Dropship suppliers and their SKUs', ROUTING, ['supervisor', 'integrator'], { ok: { description: 'suppliers' } }),
  op('PUT', '/v1/suppliers/:id/products/:sku', 'setSupplierProduct', "Set a supplier's lead time and reported stock for a SKU", ROUTING, ['admin', 'integrator'], {
    params: z.object({ id: z.string().uuid(), sku: z.string().min(1).max(64) }), body: PutSupplierProductRequest, ok: { description: 'the supplier' },
  }),
];

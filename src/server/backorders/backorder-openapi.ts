import { AllocateBackordersRequest, BackorderActionRequest, ListBackordersQuery, PrioritizeBackorderRequest, ReassignBackorderRequest } from '../../shared/api/fulfillment';
import type { OperationSpec } from '../openapi/catalog';
import { IdParams, OrderIdParams, op } from '../fulfillment/openapi-kit';

const TAG = ['Backorders'];
const READERS = ['supervisor', 'integrator', 'packer', 'station'];
const view = { description: 'the backorder' };

export const backorderSpecs: OperationSpec[] = [
  op('GET', '/v1/backorders', 'listBackorders', 'The backorder queue in allocation order: supervisor priority, then oldest first', TAG, READERS, { query: ListBackordersQuery, ok: { description: 'backorders and nextCursor' } }),
  op('GET', '/v1/backorders/:id', 'getBackorder', 'Read a backorder', TAG, READERS, { params: IdParams, ok: view }),
  op('GET', '/v1/orders/:orderId/backorders', 'listOrderBackorders', "An order's backorders", TAG, [...READERS, 'returns'], { params: OrderIdParams, ok: { description: 'backorders' } }),
  op('POST', '/v1/backorders/:id/prioritize', 'prioritizeBackorder', 'Override FIFO: higher priority is allocated first', TAG, ['supervisor'], { params: IdParams, body: PrioritizeBackorderRequest, ok: view, refusals: 'backorder_status_final' }),
  op('POST', '/v1/backorders/:id/reassign', 'reassignBackorder', 'Ship it now from a chosen warehouse with stock (optionally assigned to a station): a new fulfillment order', TAG, ['supervisor'], {
    params: IdParams, body: ReassignBackorderRequest, ok: { description: 'the backorder and its new fulfillment order' }, refusals: 'insufficient_stock, order_not_releasable, backorder_status_final',
  }),
  op('POST', '/v1/backorders/:id/release', 'releaseBackorder', 'Release an allocated backorder into a new fulfillment order', TAG, ['supervisor'], {
    params: IdParams, body: BackorderActionRequest, ok: { description: 'the backorder and its new fulfillment order' }, refusals: 'backorder_not_allocated, order_not_releasable',
  }),
  op('POST', '/v1/backorders/:id/cancel', 'cancelBackorder', 'Cancel: reserved stock goes back, and a paid order gets a refund request for the units from frozen prices', TAG, ['supervisor'], {
    params: IdParams, body: BackorderActionRequest, ok: { description: 'the backorder and the refund request (or null)' }, refusals: 'backorder_status_final',
  }),
  op('POST', '/v1/backorders/allocate', 'allocateBackorders', 'Run the queue for a SKU at a warehouse (receipts and counts do it by themselves)', TAG, ['supervisor'], { body: AllocateBackordersRequest, ok: { description: 'allocated backorders and released fulfillment orders' } }),
];

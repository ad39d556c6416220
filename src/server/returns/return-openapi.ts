import { z } from 'zod';
import {
  AuthorizeReturnRequest, CancelReturnRequest, CompleteReturnRequest, CreateReturnRequest, ExchangeReturnRequest, InspectReturnRequest, ListReturnsQuery,
  ReceiveReturnRequest, RejectReturnRequest,
} from '../../shared/api/returns';
import type { OperationSpec } from '../openapi/catalog';
import { IdParams, OrderIdParams, op } from '../fulfillment/openapi-kit';

const TAG = ['Returns'];
const READERS = ['integrator', 'supervisor', 'returns', 'station'];
const doc = { description: 'the return (RMA) document: lines, received and inspected units, refund request, replacement order' };

export const returnSpecs: OperationSpec[] = [
  op('POST', '/v1/orders/:orderId/returns', 'createReturn', 'Open a return (RMA-YYYYMMDD-NNNNN) for shipped units; authorize at once if asked', TAG, ['integrator', 'supervisor', 'returns', 'station'], {
    params: OrderIdParams, body: CreateReturnRequest, ok: doc, okStatus: 201, refusals: 'return_exceeds_shipped, line_not_in_order, return_warehouse_required',
  }),
  op('GET', '/v1/orders/:orderId/returns', 'listOrderReturns', "An order's returns", TAG, READERS, { params: OrderIdParams, ok: { description: 'returns' } }),
  op('GET', '/v1/orders/:orderId/refund-requests', 'listOrderRefundRequests', 'Refund requests raised by returns and cancelled backorders (executed by payments)', TAG, ['integrator', 'supervisor', 'returns'], { params: OrderIdParams, ok: { description: 'refund requests' } }),
  op('GET', '/v1/returns', 'listReturns', 'Returns, oldest first, with a cursor', TAG, READERS, { query: ListReturnsQuery, ok: { description: 'returns and nextCursor' } }),
  op('GET', '/v1/returns/by-number/:number', 'getReturnByNumber', 'Find a return by its RMA number (the returns desk scans it)', TAG, READERS, { params: z.object({ number: z.string().min(1).max(40) }), ok: doc }),
  op('GET', '/v1/returns/:id', 'getReturn', 'Read a return', TAG, READERS, { params: IdParams, ok: doc }),
  op('POST', '/v1/returns/:id/authorize', 'authorizeReturn', 'Authorize and name the receiving warehouse', TAG, ['integrator', 'supervisor', 'returns'], { params: IdParams, body: AuthorizeReturnRequest, bodyOptional: true, ok: doc, refusals: 'return_transition_forbidden, return_warehouse_required' }),
  op('POST', '/v1/returns/:id/receive', 'receiveReturn', 'Receive units (in parts); final closes receiving with what arrived', TAG, ['returns', 'supervisor', 'station'], {
    params: IdParams, body: ReceiveReturnRequest, ok: doc, refusals: 'return_not_authorized, return_over_received, return_nothing_received',
  }),
  op('POST', '/v1/returns/:id/inspect', 'inspectReturn', 'Grade each received unit (condition) and decide its disposition; restocked units go back on hand and serve backorders', TAG, ['returns', 'supervisor', 'station'], {
    params: IdParams, body: InspectReturnRequest, ok: doc, refusals: 'return_not_received, return_over_inspected',
  }),
  op('POST', '/v1/returns/:id/complete', 'completeReturn', 'Complete: the refund is computed from the frozen prices and raised as a refund request; exchanges create the replacement order', TAG, ['returns', 'supervisor'], {
    params: IdParams, body: CompleteReturnRequest, bodyOptional: true, ok: doc, refusals: 'return_transition_forbidden',
  }),
  op('POST', '/v1/returns/:id/reject', 'rejectReturn', 'Reject (before authorization or after inspection)', TAG, ['returns', 'supervisor'], { params: IdParams, body: RejectReturnRequest, ok: doc, refusals: 'return_transition_forbidden, return_status_final' }),
  op('POST', '/v1/returns/:id/cancel', 'cancelReturn', 'Cancel before any unit arrived', TAG, ['integrator', 'supervisor', 'returns'], { params: IdParams, body: CancelReturnRequest, ok: doc, refusals: 'return_transition_forbidden, return_status_final' }),
  op('POST', '/v1/returns/:id/exchange', 'exchangeReturn', 'Advance exchange: ship the replacement order now', TAG, ['integrator', 'supervisor', 'returns'], {
    params: IdParams, body: ExchangeReturnRequest, bodyOptional: true, ok: doc, refusals: 'return_not_authorized, return_replacement_exists, return_has_no_exchange',
  }),
];

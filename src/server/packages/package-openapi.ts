import { z } from 'zod';
import { CreatePackageRequest, LabelPackageRequest, ShipPackageRequest, TrackingUpdateRequest, VoidPackageRequest } from '../../shared/api/fulfillment';
import type { OperationSpec } from '../openapi/catalog';
import { IdParams, OrderIdParams, op } from '../fulfillment/openapi-kit';

const TAG = ['Packages'];
const READERS = ['supervisor', 'packer', 'returns', 'integrator', 'station'];
const PACKERS = ['supervisor', 'packer', 'integrator', 'station'];
const view = { description: 'the package: status, contents, carrier, service, tracking numbers, SSCC, label, tracking events' };

export const packageSpecs: OperationSpec[] = [
  op('POST', '/v1/fulfillment-orders/:id/packages', 'createPackage', 'Pack units into a box (a client id makes retries safe); starts the work on an open fulfillment order', TAG, PACKERS, {
    params: IdParams, body: CreatePackageRequest, ok: view, okStatus: 201, refusals: 'line_over_packed, package_exists, fulfillment_order_on_hold, fulfillment_order_in_progress_elsewhere',
  }),
  op('GET', '/v1/packages/:id', 'getPackage', 'Read a package, wherever it was created (API or station)', TAG, READERS, { params: IdParams, ok: view }),
  op('GET', '/v1/packages/:id/tracking', 'getPackageTracking', "A package's carrier tracking events", TAG, READERS, { params: IdParams, ok: { description: 'status and events' } }),
  op('GET', '/v1/orders/:orderId/packages', 'listOrderPackages', "Every package of an order's fulfillment orders", TAG, READERS, { params: OrderIdParams, ok: { description: 'packages' } }),
  op('GET', '/v1/orders/:orderId/shipments', 'listOrderShipments', "Seed 003's name for an order's packages", TAG, READERS, { params: OrderIdParams, ok: { description: 'packages' } }),
  op('POST', '/v1/packages/:id/label', 'labelPackage', 'Record the label: carrier, service, tracking numbers, SSCC, format (relabelling allowed before shipping)', TAG, PACKERS, {
    params: IdParams, body: LabelPackageRequest, ok: view, refusals: 'package_transition_forbidden',
  }),
  op('POST', '/v1/packages/:id/ship', 'shipPackage', 'Hand over to the carrier: units shipped, stock leaves the warehouse, the order progresses; carrier and tracking numbers may label it in the same call', TAG, PACKERS, {
    params: IdParams, body: ShipPackageRequest.extend({ carrier: z.string().optional(), trackingNumbers: z.array(z.string()).optional() }), bodyOptional: true, ok: view, refusals: 'package_transition_forbidden, fulfillment_order_cancelled',
  }),
  op('POST', '/v1/packages/:id/void', 'voidPackage', 'Void a package before it ships; its units can be packed again', TAG, ['supervisor', 'packer', 'station'], { params: IdParams, body: VoidPackageRequest, ok: view, refusals: 'package_transition_forbidden, package_status_final' }),
  op('POST', '/v1/packages/:id/tracking', 'updatePackageTracking', 'A carrier update (in transit, delivered, exception, returned to sender); the same externalId is recorded once. Exceptions and returns open a supervisor task', TAG, ['integrator', 'supervisor'], {
    params: IdParams, body: TrackingUpdateRequest, ok: view, refusals: 'package_transition_forbidden, package_status_final',
  }),
  op('POST', '/v1/packages/:id/deliver', 'deliverPackage', 'Mark delivered; the order becomes delivered when all its parcels are', TAG, ['integrator', 'supervisor', 'packer', 'station'], {
    params: IdParams, body: TrackingUpdateRequest.omit({ status: true }), bodyOptional: true, ok: view, refusals: 'package_status_final',
  }),
];

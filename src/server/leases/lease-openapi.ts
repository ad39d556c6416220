import { ClaimLeaseRequest, GrantedLease, RenewLeasesResponse, TakeLeasesRequest, TakeLeasesResponse } from '../../shared/sync/lease-protocol';
import type { OperationSpec } from '../openapi/catalog';
import { op } from '../fulfillment/openapi-kit';

const TAG = ['Assigned work'];
const STATION = ['station'];

export const leaseSpecs: OperationSpec[] = [
  op('POST', '/v1/sync/leases/claim', 'claimLease', 'A station takes one fulfillment order of its warehouse to pack it now; exactly one of several stations asking at once gets it, the others are told who has it (holder)', TAG, STATION, {
    body: ClaimLeaseRequest, ok: { description: 'the order is held by this station until expiresAt (renewed while online)', schema: GrantedLease },
    refusals: 'fulfillment_order_in_progress_elsewhere (with holder), fulfillment_order_on_hold, fulfillment_order_closed, fulfillment_order_cancelled',
  }),
  op('POST', '/v1/sync/leases/take', 'takeLeases', "A station takes up to count orders from its warehouse's pool, oldest first, to pack them offline", TAG, STATION, {
    body: TakeLeasesRequest, ok: { description: 'the orders taken (fewer when the pool ran short) and how many this station holds', schema: TakeLeasesResponse },
  }),
  op('POST', '/v1/sync/leases/renew', 'renewLeases', 'The station renews every hold it has: each lasts the full term again', TAG, STATION, {
    ok: { description: 'how many holds were renewed, and their new expiry', schema: RenewLeasesResponse },
  }),
];

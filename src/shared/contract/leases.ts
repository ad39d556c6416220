import type { LeaseHolder } from '../sync/fulfillment-lease';
import { ClaimLeaseRequest, TakeLeasesRequest, type GrantedLease, type TakeLeasesResponse } from '../sync/lease-protocol';
import { handler } from './handler';

/**
 * Assigned work at a station: the packer's station takes orders on the server (online only;
 * main answers server_unreachable offline, and the station then works only on what it holds).
 */
export type ClaimOutcome =
  | { granted: true; lease: GrantedLease }
  /** The server said no: another station holds it (holder), it is on hold, finished... `message` says so for the packer. */
  | { granted: false; code: string; message: string; holder: LeaseHolder | null };

export const leaseHandlers = {
  /** Takes one order before its first scan is recorded: exactly one station wins it. */
  'leases.claim': handler(ClaimLeaseRequest).returns<ClaimOutcome>(),
  /** Takes up to `count` orders from the warehouse's pool, oldest first, to pack them offline. */
  'leases.take': handler(TakeLeasesRequest).returns<TakeLeasesResponse>(),
};

import { z } from 'zod';
import { LeaseHolder } from '../sync/fulfillment-lease';
import { ClaimLeaseRequest, GrantedLease, TakeLeasesRequest, TakeLeasesResponse } from '../sync/lease-protocol';
import { handler } from './handler';

/**
 * Assigned work at a station: the packer's station takes orders on the server (online only;
 * main answers server_unreachable offline, and the station then works only on what it holds).
 */
export const ClaimOutcome = z.union([
  z.object({ granted: z.literal(true), lease: GrantedLease }),
  /** The server said no: another station holds it (holder), it is on hold, finished... `message` says so for the packer. */
  z.object({ granted: z.literal(false), code: z.string(), message: z.string(), holder: LeaseHolder.nullable() }),
]);
export type ClaimOutcome = z.infer<typeof ClaimOutcome>;

export const leaseHandlers = {
  /** Takes one order before its first scan is recorded: exactly one station wins it. */
  'leases.claim': handler(ClaimLeaseRequest, ClaimOutcome),
  /** Takes up to `count` orders from the warehouse's pool, oldest first, to pack them offline. */
  'leases.take': handler(TakeLeasesRequest, TakeLeasesResponse),
};

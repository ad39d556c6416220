import { z } from 'zod';
import { LeaseHolder } from './fulfillment-lease';

/**
 * Station <-> server payloads of assigned work (POST /v1/sync/leases/claim|take|renew). The
 * station is the one in the credential; a person signed in there (Dockside-Acting-User) is
 * recorded as the actor. Refusals are problem+json with a code; one for an order another
 * station holds carries that `holder`.
 */
const Uuid = z.string().uuid();

export const ClaimLeaseRequest = z.object({ fulfillmentOrderId: Uuid }).strict();
export type ClaimLeaseRequest = z.infer<typeof ClaimLeaseRequest>;

export const TAKE_AT_MOST = 50;
export const TakeLeasesRequest = z.object({ count: z.number().int().min(1).max(TAKE_AT_MOST) }).strict();
export type TakeLeasesRequest = z.infer<typeof TakeLeasesRequest>;

/** An order the station now holds, and until when unless it renews. */
export const GrantedLease = z.object({
  fulfillmentOrderId: Uuid,
  orderNumber: z.string(),
  stationId: Uuid,
  stationName: z.string(),
  expiresAt: z.string().datetime({ offset: false }),
});
export type GrantedLease = z.infer<typeof GrantedLease>;

export const TakeLeasesResponse = z.object({
  /** Oldest first; fewer than asked when the pool ran short. */
  taken: z.array(GrantedLease),
  /** Everything this station holds now. */
  held: z.number().int().min(0),
});
export type TakeLeasesResponse = z.infer<typeof TakeLeasesResponse>;

export const RenewLeasesResponse = z.object({
  renewed: z.number().int().min(0),
  /** The end of the term the renewed holds now have; null when none needed renewing (the others keep their own). */
  expiresAt: z.string().datetime({ offset: false }).nullable(),
});
export type RenewLeasesResponse = z.infer<typeof RenewLeasesResponse>;

/** What a refused claim's problem body says, as far as the station uses it. */
export const LeaseRefusalBody = z.object({ code: z.string(), detail: z.string(), holder: LeaseHolder.optional() });
export type LeaseRefusalBody = z.infer<typeof LeaseRefusalBody>;

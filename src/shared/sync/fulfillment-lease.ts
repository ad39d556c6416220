import { z } from 'zod';
import { unitsOf, type FulfillmentDocument, type FulfillmentLease } from './fulfillment-document';

/**
 * Assigned work. A fulfillment order is in its warehouse's pool (`claimedBy` null, status open)
 * or held by exactly one station (`claimedBy`, status in_progress or on_hold) on the terms in
 * `lease`: the holder's name and when the hold lapses unless the holder renews it. The server
 * grants, renews and ends leases; these pure rules are what the server, the reducers and the
 * station's offline checks share.
 */
export const DEFAULT_LEASE_TTL_MS = 8 * 60 * 60_000;

/** Who holds an order, as the server reports it when it refuses to give it to another station. */
export const LeaseHolder = z.object({
  stationId: z.string().uuid(),
  stationName: z.string().nullable(),
  expiresAt: z.string().nullable(),
});
export type LeaseHolder = z.infer<typeof LeaseHolder>;

const HOLDING_STATUSES: readonly FulfillmentDocument['status'][] = ['in_progress', 'on_hold'];

export function holderOf(doc: Pick<FulfillmentDocument, 'claimedBy' | 'status' | 'lease'>): LeaseHolder | null {
  if (!doc.claimedBy || !HOLDING_STATUSES.includes(doc.status)) return null;
  return { stationId: doc.claimedBy, stationName: doc.lease?.stationName ?? null, expiresAt: doc.lease?.expiresAt ?? null };
}

export function isHeldBy(doc: Pick<FulfillmentDocument, 'claimedBy' | 'status' | 'lease'>, stationId: string): boolean {
  return holderOf(doc)?.stationId === stationId;
}

export function isInPool(doc: FulfillmentDocument): boolean {
  return doc.status === 'open' && doc.claimedBy === null;
}

/** Nothing picked, scanned or packed that the document knows of: giving it to another station loses no work. */
export function isUntouched(doc: FulfillmentDocument): boolean {
  const picked = doc.lines.some((l) => (l.picked ?? 0) > 0);
  return !picked && unitsOf(doc, 'verified') === 0 && !doc.packages.some((p) => p.status !== 'voided');
}

/**
 * The hold ran out and nothing was done under it, so the order goes back to the pool. A hold
 * with work on it does not lapse: the items are at that station, and a supervisor decides.
 */
export function hasLapsed(doc: FulfillmentDocument, now: string): boolean {
  const expiresAt = holderOf(doc)?.expiresAt;
  return !!expiresAt && expiresAt <= now && isUntouched(doc);
}

export function leaseTerms(stationName: string, now: Date, ttlMs: number): FulfillmentLease {
  return { stationName, expiresAt: new Date(now.getTime() + ttlMs).toISOString() };
}

/** The holder's renewal: same holder, new terms. Orders not held by that station are returned as they are. */
export function renewLease(doc: FulfillmentDocument, stationId: string, terms: FulfillmentLease): FulfillmentDocument {
  return isHeldBy(doc, stationId) ? { ...doc, lease: terms } : doc;
}

export function holderName(doc: FulfillmentDocument): string {
  return doc.lease?.stationName ?? 'another station';
}

export function heldElsewhereMessage(doc: FulfillmentDocument): string {
  return `${doc.orderNumber} is being packed at ${holderName(doc)}`;
}

export interface LeaseRefusal {
  code: string;
  message: string;
}

const clock = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;

/**
 * Whether a station that cannot reach the server may work on an order (`doc` is its own view,
 * pending events folded in). Only on what it holds: an order in the pool may be taken by another
 * station meanwhile, so starting it offline would likely pack it twice. A hold that ran out while
 * offline is refused too, unless work on it has begun here (the items are in hand: finishing
 * them is a physical fact the server records, as a conflict if the order went elsewhere).
 */
export function offlineRefusal(doc: FulfillmentDocument, stationId: string, now: string): LeaseRefusal | null {
  const holder = holderOf(doc);
  if (holder?.stationId === stationId) {
    if (!hasLapsed(doc, now)) return null;
    return {
      code: 'lease_lapsed',
      message: `This station's hold on ${doc.orderNumber} ran out at ${clock(holder.expiresAt!)} while offline, and another station may have it now. Reconnect to take it again.`,
    };
  }
  if (holder) return { code: 'fulfillment_order_in_progress_elsewhere', message: `${heldElsewhereMessage(doc)}: put it aside` };
  return {
    code: 'fulfillment_order_not_held',
    message: `${doc.orderNumber} is not held by this station, and while it is offline another station may take it. Reconnect to take it, or take orders ahead with "Take orders".`,
  };
}

import { z } from 'zod';
import { HOLD_REASONS } from '../domain/fulfillment-status';
import { Actor } from './station-events';
import { MAX_PACKAGE_GRAMS } from '../domain/package-weight';

/**
 * Changes to a fulfillment order made through the API (a supervisor, an integrator, a carrier
 * feed) rather than pushed from a station. They are past-tense facts with the same envelope as
 * station events minus (stationId, seq), so a station can record them offline later by adding
 * those; until then the server applies them directly and the result replicates down.
 */
const envelope = {
  id: z.string().uuid(),
  fulfillmentOrderId: z.string().uuid(),
  orderId: z.string().uuid(),
  actor: Actor,
  /** The station the change was made at or for, when there is one. */
  stationId: z.string().uuid().nullable(),
  occurredAt: z.string().datetime({ offset: false }),
};

export const HoldReason = z.enum(HOLD_REASONS);

export const FulfillmentOrderHeld = z.object({
  ...envelope,
  type: z.literal('fulfillment-order-held'),
  payload: z.object({ reasons: z.array(HoldReason).min(1), note: z.string().max(1000).nullable() }),
});

export const FulfillmentOrderReleased = z.object({
  ...envelope,
  type: z.literal('fulfillment-order-released'),
  /** null releases every hold. */
  payload: z.object({ reasons: z.array(HoldReason).min(1).nullable(), note: z.string().max(1000).nullable() }),
});

/**
 * A station holds the order from now on, on these lease terms (see fulfillment-lease.ts): it took
 * it for itself, or a supervisor gave it to it. Only a supervisor's `takeover` takes an order
 * another station holds.
 */
export const FulfillmentOrderAssigned = z.object({
  ...envelope,
  type: z.literal('fulfillment-order-assigned'),
  payload: z.object({
    stationId: z.string().uuid(),
    stationName: z.string().min(1).max(200),
    expiresAt: z.string().datetime({ offset: false }),
    takeover: z.boolean(),
  }),
});

export const FulfillmentOrderUnclaimed = z.object({
  ...envelope,
  type: z.literal('fulfillment-order-unclaimed'),
  payload: z.object({ reason: z.string().max(1000) }),
});

export const FulfillmentOrderMoved = z.object({
  ...envelope,
  type: z.literal('fulfillment-order-moved'),
  payload: z.object({ fromWarehouseId: z.string().uuid(), toWarehouseId: z.string().uuid(), reason: z.string().max(1000) }),
});

export const FulfillmentOrderCancelled = z.object({
  ...envelope,
  type: z.literal('fulfillment-order-cancelled'),
  payload: z.object({ reason: z.string().max(1000) }),
});

export const PackageRecorded = z.object({
  ...envelope,
  type: z.literal('package-recorded'),
  payload: z.object({
    packageId: z.string().uuid(),
    contents: z.array(z.object({ lineId: z.string().uuid(), quantity: z.number().int().min(1) })).min(1),
    weightGrams: z.number().int().min(0).max(MAX_PACKAGE_GRAMS).nullable(),
  }),
});

export const PackageLabelled = z.object({
  ...envelope,
  type: z.literal('package-labelled'),
  payload: z.object({
    packageId: z.string().uuid(),
    printJobId: z.string().uuid().nullable(),
    format: z.enum(['zpl', 'escpos', 'pdf', 'png']),
    sscc: z
      .string()
      .regex(/^\d{18}$/)
      .nullable(),
    trackingNumber: z.string().max(64).nullable(),
    carrier: z.string().max(64).nullable(),
    /** A label bought from a carrier API names its service and where to follow the parcel. */
    service: z.string().max(80).optional(),
    trackingUrl: z.string().max(300).optional(),
  }),
});

const Sscc = z.string().regex(/^\d{18}$/);

/**
 * A supervisor gave a parcel a new SSCC because another parcel carries the same one (a
 * duplicate-sscc task): its old label is torn off and the new one, numbered by the server, stuck on.
 * The package's status and carrier label do not change.
 */
export const PackageRelabelled = z.object({
  ...envelope,
  type: z.literal('package-relabelled'),
  payload: z.object({
    packageId: z.string().uuid(),
    previousSscc: Sscc,
    sscc: Sscc,
    /** The station the new label printed at (absent when not done at a station). */
    stationName: z.string().max(200).optional(),
  }),
});

export const PackageVoided = z.object({
  ...envelope,
  type: z.literal('package-voided'),
  payload: z.object({ packageId: z.string().uuid(), reason: z.string().max(1000) }),
});

export const TRACKING_STATUSES = ['in_transit', 'delivered', 'exception', 'returned_to_sender'] as const;

export const PackageTrackingUpdated = z.object({
  ...envelope,
  type: z.literal('package-tracking-updated'),
  payload: z.object({ packageId: z.string().uuid(), status: z.enum(TRACKING_STATUSES), trackingNumber: z.string().max(64).nullable() }),
});

export const FulfillmentAdminEvent = z.discriminatedUnion('type', [
  FulfillmentOrderHeld,
  FulfillmentOrderReleased,
  FulfillmentOrderAssigned,
  FulfillmentOrderUnclaimed,
  FulfillmentOrderMoved,
  FulfillmentOrderCancelled,
  PackageRecorded,
  PackageLabelled,
  PackageRelabelled,
  PackageVoided,
  PackageTrackingUpdated,
]);
export type FulfillmentAdminEvent = z.infer<typeof FulfillmentAdminEvent>;
export type FulfillmentAdminEventType = FulfillmentAdminEvent['type'];

import { z } from 'zod';
import { Address } from '../domain/address';
import { CarrierService } from './carrier-config';
import { MAX_PACKAGE_GRAMS } from '../domain/package-weight';

/**
 * Labels bought from a carrier API through the server (issue 12, online half): what a station or
 * an integrator asks for a package, and what it gets back, the carrier's label file included so
 * the station prints it byte for byte.
 */
export const BuyCarrierLabelRequest = z
  .object({
    accountId: z.string().uuid('accountId is a UUID'),
    serviceCode: CarrierService.shape.code,
    /** The package's fulfillment order, when the package may not have reached the server yet (a station's outbox). */
    fulfillmentOrderId: z.string().uuid('fulfillmentOrderId is a UUID').optional(),
    /** Where the parcel leaves from (the station's ship-from address). */
    shipFrom: Address,
    /** Weight in grams; the package's recorded weight when omitted. */
    weightGrams: z.number().int().min(1).max(MAX_PACKAGE_GRAMS).optional(),
    dimensionsMm: z
      .object({
        length: z.number().int().min(1).max(10_000),
        width: z.number().int().min(1).max(10_000),
        height: z.number().int().min(1).max(10_000),
      })
      .strict()
      .optional(),
  })
  .strict();
export type BuyCarrierLabelRequest = z.infer<typeof BuyCarrierLabelRequest>;

/** Rating a package: what a purchase asks, without the service (every service of the account is rated). */
export const RateCarrierLabelRequest = BuyCarrierLabelRequest.omit({ serviceCode: true });
export type RateCarrierLabelRequest = z.infer<typeof RateCarrierLabelRequest>;

/** What each service of the account would cost for the parcel; nothing is bought. */
export const CarrierRatesView = z.object({
  accountId: z.string(),
  carrier: z.string(),
  /** The services the carrier offered for this parcel, cheapest first. */
  rates: z.array(
    z.object({
      serviceCode: z.string(),
      serviceName: z.string(),
      amountMinor: z.number().int(),
      currency: z.string(),
      deliveryDays: z.number().int().nullable(),
    }),
  ),
  /** The account's services the carrier did not offer for it. */
  unavailable: z.array(z.object({ serviceCode: z.string(), serviceName: z.string() })),
  /** Why, in the carrier's words, where it said. */
  messages: z.array(z.string()),
});
export type CarrierRatesView = z.infer<typeof CarrierRatesView>;

export const CARRIER_LABEL_STATUSES = ['bought', 'refund_submitted', 'refunded', 'refund_rejected'] as const;

export const CarrierLabelView = z.object({
  id: z.string(),
  packageId: z.string(),
  fulfillmentOrderId: z.string(),
  accountId: z.string(),
  provider: z.string(),
  status: z.enum(CARRIER_LABEL_STATUSES),
  carrier: z.string(),
  serviceCode: z.string(),
  serviceName: z.string(),
  trackingNumber: z.string(),
  trackingUrl: z.string().nullable(),
  labelFormat: z.enum(['zpl', 'pdf']),
  /** The carrier's file, base64: print ZPL as it is, PDF through the PDF path. */
  labelBase64: z.string(),
  amountMinor: z.number().int(),
  currency: z.string(),
  boughtAt: z.string(),
  voidedAt: z.string().nullable(),
  /** Voided here, but the carrier has not answered yet: its refund is asked for again in the background. */
  refundPending: z.boolean(),
});
export type CarrierLabelView = z.infer<typeof CarrierLabelView>;

export const VoidCarrierLabelRequest = z.object({ reason: z.string().trim().min(1).max(500) }).strict();

/** What the server made of a carrier's tracking push. */
export const TrackingPushOutcome = z.object({
  outcome: z.enum(['applied', 'duplicate', 'ignored', 'unknown_tracking_number']),
  packageId: z.string().nullable(),
  status: z.string().nullable(),
});
export type TrackingPushOutcome = z.infer<typeof TrackingPushOutcome>;

import { z } from 'zod';

/**
 * Events a station records offline and pushes with (stationId, seq). Past-tense facts.
 * Each is immutable once written to the outbox.
 */
export const Actor = z.object({
  kind: z.enum(['user', 'station', 'system', 'api', 'webhook']),
  id: z.string().max(100),
  name: z.string().max(200).optional(),
  /** The station a person acted through when online (supervisor work); the timeline's station id. */
  stationId: z.string().uuid().optional(),
});
export type Actor = z.infer<typeof Actor>;

const envelope = {
  id: z.string().uuid(),
  stationId: z.string().uuid(),
  seq: z.number().int().min(1),
  fulfillmentOrderId: z.string().uuid(),
  orderId: z.string().uuid(),
  actor: Actor,
  occurredAt: z.string().datetime({ offset: false }),
};

export const FulfillmentOrderClaimed = z.object({
  ...envelope,
  type: z.literal('fulfillment-order-claimed'),
  payload: z.object({}).strict(),
});

export const ItemVerified = z.object({
  ...envelope,
  type: z.literal('item-verified'),
  payload: z.object({ lineId: z.string().uuid(), barcode: z.string().max(100), quantity: z.number().int().min(1).max(10_000) }),
});

export const PackageCreated = z.object({
  ...envelope,
  type: z.literal('package-created'),
  payload: z.object({
    packageId: z.string().uuid(),
    contents: z.array(z.object({ lineId: z.string().uuid(), quantity: z.number().int().min(1) })).min(1),
    weightGrams: z.number().int().min(0).max(1_000_000).nullable(),
  }),
});

export const LabelPrinted = z.object({
  ...envelope,
  type: z.literal('label-printed'),
  payload: z.object({
    packageId: z.string().uuid(),
    printJobId: z.string().uuid(),
    format: z.enum(['zpl', 'escpos', 'pdf']),
    sscc: z.string().regex(/^\d{18}$/).nullable(),
    trackingNumber: z.string().max(64).nullable(),
    carrier: z.string().max(64).nullable(),
  }),
});

export const PackageShipped = z.object({
  ...envelope,
  type: z.literal('package-shipped'),
  payload: z.object({ packageId: z.string().uuid() }),
});

export const StationEvent = z.discriminatedUnion('type', [FulfillmentOrderClaimed, ItemVerified, PackageCreated, LabelPrinted, PackageShipped]);
export type StationEvent = z.infer<typeof StationEvent>;
export type StationEventType = StationEvent['type'];

/** Facts about the physical world: the server records them even when they no longer fit its state. */
export const PHYSICAL_EVENT_TYPES: ReadonlySet<StationEventType> = new Set(['item-verified', 'package-created', 'label-printed', 'package-shipped']);

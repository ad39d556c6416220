import { z } from 'zod';
import { TRACKING_MODES } from '../domain/unit-tracking';

/** HTTP payloads for lots and serials: the per-SKU tracking flag, and where a serial was packed. */
export const SetSkuTrackingRequest = z.strictObject({ tracking: z.enum(TRACKING_MODES) });

export const SkuTrackingView = z.object({
  sku: z.string(),
  tracking: z.enum(TRACKING_MODES),
  updatedAt: z.string().nullable(),
  /** Fulfillment orders still being worked that were stamped with the new flag (on a change only). */
  restamped: z.number().int().min(0).optional(),
});
export type SkuTrackingView = z.infer<typeof SkuTrackingView>;

export const PackedSerialView = z.object({
  sku: z.string(),
  serial: z.string(),
  packageId: z.string().uuid(),
  fulfillmentOrderId: z.string().uuid(),
  orderId: z.string().uuid(),
  orderNumber: z.string().nullable(),
  warehouseId: z.string().uuid(),
  packedAt: z.string(),
});
export const PackedSerialList = z.object({ data: z.array(PackedSerialView) });

import { z } from 'zod';
import { BACKORDER_STATUSES } from '../domain/backorder-status';
import { FULFILLMENT_STATUSES, HOLD_REASONS } from '../domain/fulfillment-status';
import type { PackageStatus } from '../domain/package-status';
import { TRACKING_STATUSES } from '../events/fulfillment-admin-events';
import type { PackageContent } from '../sync/fulfillment-document';
import { MAX_PACKAGE_GRAMS } from '../domain/package-weight';

/** HTTP payloads for fulfillment orders, packages and backorders. */
const Reason = z.string().trim().min(1).max(1000);
const Uuid = z.string().uuid();

export const ListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** Opaque cursor from the previous page's nextCursor. */
  cursor: z.string().max(200).optional(),
});

export const ListFulfillmentOrdersQuery = ListQuery.extend({
  warehouseId: Uuid.optional(),
  orderId: Uuid.optional(),
  status: z.enum(FULFILLMENT_STATUSES).optional(),
});

export const ClaimFulfillmentOrderRequest = z.strictObject({
  /** Required unless a station claims for itself. */
  stationId: Uuid.optional(),
  reason: Reason.optional(),
});

export const UnclaimFulfillmentOrderRequest = z.strictObject({ reason: Reason });

export const MoveFulfillmentOrderRequest = z
  .object({ warehouseId: Uuid.optional(), stationId: Uuid.optional(), reason: Reason })
  .refine((m) => m.warehouseId || m.stationId, { message: 'name a warehouseId, a stationId or both', path: ['warehouseId'] });

export const HoldFulfillmentOrderRequest = z.strictObject({
  reasons: z.array(z.enum(HOLD_REASONS)).min(1).max(HOLD_REASONS.length),
  note: z.string().trim().max(1000).optional(),
});

export const ReleaseFulfillmentOrderRequest = z.strictObject({
  /** Omit to release every hold. */
  reasons: z.array(z.enum(HOLD_REASONS)).min(1).max(HOLD_REASONS.length).optional(),
  note: z.string().trim().max(1000).optional(),
});

export const CancelFulfillmentOrderRequest = z.strictObject({ reason: Reason });

export const Dimensions = z.strictObject({
  lengthMm: z.number().int().min(1).max(10_000),
  widthMm: z.number().int().min(1).max(10_000),
  heightMm: z.number().int().min(1).max(10_000),
});

export const CreatePackageRequest = z.strictObject({
  /** Client-chosen id: retrying the same create is recognised. */
  id: Uuid.optional(),
  contents: z
    .array(z.strictObject({ lineId: Uuid, quantity: z.number().int().min(1).max(100_000) }))
    .min(1)
    .max(500)
    .refine((c) => new Set(c.map((x) => x.lineId)).size === c.length, 'list each line once'),
  weightGrams: z.number().int().min(0).max(MAX_PACKAGE_GRAMS).optional(),
  dimensions: Dimensions.optional(),
  service: z.string().trim().min(1).max(64).optional(),
});

export const LabelPackageRequest = z.strictObject({
  carrier: z.string().trim().min(1).max(64),
  service: z.string().trim().min(1).max(64).optional(),
  /** The first is the master tracking number shown to stations. */
  trackingNumbers: z.array(z.string().trim().min(1).max(64)).min(1).max(50),
  sscc: z
    .string()
    .regex(/^\d{18}$/, 'an SSCC is 18 digits')
    .optional(),
  format: z.enum(['zpl', 'escpos', 'pdf', 'png']).default('pdf'),
  /** Where the label document can be fetched, e.g. the carrier's label URL. */
  labelUrl: z.string().url().max(2000).optional(),
  printJobId: Uuid.optional(),
});

export const ShipPackageRequest = z.strictObject({
  shippedAt: z.string().datetime({ offset: false }).optional(),
  note: z.string().trim().max(1000).optional(),
});

export const VoidPackageRequest = z.strictObject({ reason: Reason });

export const TrackingUpdateRequest = z.strictObject({
  status: z.enum(TRACKING_STATUSES),
  description: z.string().trim().max(500).optional(),
  location: z.string().trim().max(200).optional(),
  occurredAt: z.string().datetime({ offset: false }).optional(),
  /** The carrier's event id; a redelivered update with the same id is recorded once. */
  externalId: z.string().trim().min(1).max(200).optional(),
  trackingNumber: z.string().trim().min(1).max(64).optional(),
});

export interface TrackingEventView {
  id: string;
  status: string;
  description: string | null;
  location: string | null;
  externalId: string | null;
  occurredAt: string;
  recordedAt: string;
}

export interface PackageView {
  id: string;
  fulfillmentOrderId: string;
  orderId: string;
  warehouseId: string;
  status: PackageStatus;
  /** With the lots or serials of a tracked SKU's units (`units`). */
  contents: PackageContent[];
  weightGrams: number | null;
  dimensions: z.infer<typeof Dimensions> | null;
  carrier: string | null;
  service: string | null;
  trackingNumber: string | null;
  /** The carrier's tracking page for the parcel, when the station numbered it (carriers). */
  trackingUrl: string | null;
  trackingNumbers: string[];
  sscc: string | null;
  labelFormat: string | null;
  labelUrl: string | null;
  createdAt: string;
  shippedAt: string | null;
  deliveredAt: string | null;
  voidReason: string | null;
  tracking: TrackingEventView[];
}

export const ListBackordersQuery = ListQuery.extend({
  status: z.enum(BACKORDER_STATUSES).optional(),
  sku: z.string().max(64).optional(),
  orderId: Uuid.optional(),
  warehouseId: Uuid.optional(),
});

/** How far a supervisor's priority may go either way. */
export const BACKORDER_PRIORITY_LIMIT = 1_000_000;

export const PrioritizeBackorderRequest = z.strictObject({
  /** Higher goes first; equal priorities keep FIFO order. */
  priority: z.number().int().min(-BACKORDER_PRIORITY_LIMIT).max(BACKORDER_PRIORITY_LIMIT),
  reason: Reason,
});

/**
 * One place up (served sooner) or down its SKU's queue: priority only decides which backorder of
 * one SKU gets that SKU's stock first. `past`, when given, is the neighbour the caller means it to
 * pass: refused when it is another SKU's (backorder_other_sku) or no longer the neighbour (backorder_queue_changed).
 */
export const MoveBackorderRequest = z.strictObject({ direction: z.enum(['up', 'down']), reason: Reason, past: Uuid.optional() });

export const ReassignBackorderRequest = z.strictObject({ warehouseId: Uuid, stationId: Uuid.optional(), reason: Reason });
export const BackorderActionRequest = z.strictObject({ reason: Reason });
export const AllocateBackordersRequest = z.strictObject({ warehouseId: Uuid, sku: z.string().trim().min(1).max(64) });

/**
 * Where a backorder could be reassigned: each stocking warehouse with the units of its SKU it
 * could give it now (its own units count where it holds them), so a supervisor picks one that has them.
 */
export const BackorderStockOption = z.object({
  warehouseId: z.string(),
  code: z.string(),
  name: z.string(),
  available: z.number().int(),
});
export type BackorderStockOption = z.infer<typeof BackorderStockOption>;
export const BackorderStockOptions = z.object({ data: z.array(BackorderStockOption) });

export const BackorderView = z.object({
  id: z.string(),
  orderId: z.string(),
  orderNumber: z.string(),
  lineId: z.string(),
  sku: z.string(),
  quantity: z.number().int(),
  status: z.enum(BACKORDER_STATUSES),
  priority: z.number().int(),
  warehouseId: z.string().nullable(),
  fulfillmentOrderId: z.string().nullable(),
  splitFrom: z.string().nullable(),
  note: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type BackorderView = z.infer<typeof BackorderView>;
/** A supervisor's change to a backorder (reassign, release, cancel) answers with it, and with what followed (not read by stations). */
export const BackorderChanged = z.object({ backorder: BackorderView });

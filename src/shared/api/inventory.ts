import { z } from 'zod';
import { ROUTING_STRATEGIES } from '../domain/routing-plan';

/** HTTP payloads for inventory, dropship suppliers and per-channel routing. */
const Sku = z.string().trim().min(1).max(64);
const Reason = z.string().trim().min(1).max(1000);

export const SetInventoryRequest = z.strictObject({
  onHand: z.number().int().min(0).max(10_000_000),
  reason: Reason.optional(),
});
export type SetInventoryRequest = z.input<typeof SetInventoryRequest>;

export const ReceiveStockRequest = z.strictObject({
  quantity: z.number().int().min(1).max(10_000_000),
  /** The delivery, purchase order or transfer this came in on. */
  reference: z.string().trim().min(1).max(100).optional(),
  reason: Reason.optional(),
});
export type ReceiveStockRequest = z.input<typeof ReceiveStockRequest>;

/** A delivery with several SKUs, booked in one go. */
export const ReceiveDeliveryRequest = z.strictObject({
  reference: z.string().trim().min(1).max(100),
  lines: z
    .array(z.strictObject({ sku: Sku, quantity: z.number().int().min(1).max(10_000_000) }))
    .min(1)
    .max(1000)
    .refine((ls) => new Set(ls.map((l) => l.sku)).size === ls.length, 'list each SKU once'),
  reason: Reason.optional(),
});
export type ReceiveDeliveryRequest = z.input<typeof ReceiveDeliveryRequest>;

export interface InventoryLevel {
  warehouseId: string;
  sku: string;
  onHand: number;
  reserved: number;
  available: number;
}

export const SupplierProductInput = z.strictObject({
  sku: Sku,
  leadTimeDays: z.number().int().min(0).max(365).default(0),
  /** null: the supplier does not report stock and accepts any quantity. */
  available: z.number().int().min(0).max(10_000_000).nullable().default(null),
});

export const CreateSupplierRequest = z.strictObject({
  code: z
    .string()
    .trim()
    .min(1)
    .max(20)
    .regex(/^[A-Z0-9-]+$/, 'upper-case letters, digits and dashes'),
  name: z.string().trim().min(1).max(100),
  priority: z.number().int().min(0).max(10_000).default(100),
  products: z.array(SupplierProductInput).max(10_000).default([]),
});
export type CreateSupplierRequest = z.input<typeof CreateSupplierRequest>;

export const PutSupplierProductRequest = SupplierProductInput.omit({ sku: true });

export interface SupplierView {
  id: string;
  code: string;
  name: string;
  /** The fulfillment location its dropship fulfillment orders are routed to. */
  warehouseId: string;
  priority: number;
  active: boolean;
  products: { sku: string; leadTimeDays: number; available: number | null }[];
}

export const ChannelRoutingRequest = z.strictObject({
  strategy: z.enum(ROUTING_STRATEGIES),
  /** Warehouses tried first for this channel, in this order; the rest follow by their global priority. */
  warehouseOrder: z
    .array(z.string().uuid())
    .max(200)
    .default([])
    .refine((ids) => new Set(ids).size === ids.length, 'a warehouse is listed twice'),
  preferSingleWarehouse: z.boolean().default(true),
  splitLines: z.boolean().default(true),
  allowDropship: z.boolean().default(true),
});
export type ChannelRoutingRequest = z.input<typeof ChannelRoutingRequest>;

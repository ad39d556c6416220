import { z } from 'zod';
import { FreeFormObject } from './free-form';
import { Address } from '../domain/address';
import { BasisPoints, CurrencyCode, MAX_MONEY_MINOR, MinorUnits } from '../domain/money';
import { ORDER_TYPES, type OrderStatus, type OrderType, type PaymentStatus } from '../domain/order-status';

/** HTTP payloads of the orders API, shared so integrations, tests and the OpenAPI document agree. */
export const OrderLineInput = z.strictObject({
  sku: z.string().trim().min(1).max(64),
  barcode: z.string().trim().min(1).max(64).optional(),
  name: z.string().trim().min(1).max(300),
  quantity: z.number().int().min(1).max(100_000),
  unitPriceMinor: MinorUnits,
  taxRateBps: BasisPoints.default(0),
  discountMinor: MinorUnits.default(0),
  metadata: FreeFormObject.optional(),
});
export type OrderLineInput = z.input<typeof OrderLineInput>;

export const CreateOrderRequest = z
  .strictObject({
    externalReference: z.string().max(100).optional(),
    channel: z.string().trim().min(1).max(50).default('web'),
    currency: CurrencyCode,
    customer: z.strictObject({
      id: z.string().max(100).optional(),
      name: z.string().trim().min(1).max(200),
      email: z.string().email().max(200).optional(),
    }),
    shippingAddress: Address,
    billingAddress: Address.optional(),
    lines: z.array(OrderLineInput).min(1, 'an order needs at least one line').max(500),
    shippingMinor: MinorUnits.default(0),
    discountCode: z.string().max(50).optional(),
    orderType: z.enum(ORDER_TYPES).default('regular'),
    /** Payment already taken at checkout; an order paid or authorized is confirmed and routed at once when the autoConfirm policy confirms on that payment. */
    payment: z
      .strictObject({
        status: z.enum(['pending', 'authorized', 'paid']),
        reference: z.string().max(100).optional(),
        amountMinor: MinorUnits.optional(),
      })
      .default({ status: 'pending' }),
    metadata: FreeFormObject.optional(),
  })
  .superRefine((o, ctx) => {
    let subtotal = o.shippingMinor;
    o.lines.forEach((l, i) => {
      subtotal += l.unitPriceMinor * l.quantity;
      if (l.unitPriceMinor * l.quantity > MAX_MONEY_MINOR) {
        ctx.addIssue({
          code: 'custom',
          path: ['lines', i, 'quantity'],
          message: `the line amount (unit price x quantity) exceeds ${MAX_MONEY_MINOR} minor units`,
        });
      }
      if (l.discountMinor > l.unitPriceMinor * l.quantity) {
        ctx.addIssue({ code: 'custom', path: ['lines', i, 'discountMinor'], message: 'line discount exceeds the line amount' });
      }
    });
    if (subtotal > MAX_MONEY_MINOR)
      ctx.addIssue({ code: 'custom', path: ['lines'], message: `the order amount exceeds ${MAX_MONEY_MINOR} minor units` });
  });
export type CreateOrderRequest = z.input<typeof CreateOrderRequest>;

export interface OrderLine {
  id: string;
  sku: string;
  barcode: string | null;
  name: string;
  quantity: number;
  unitPriceMinor: number;
  taxRateBps: number;
  discountMinor: number;
  taxMinor: number;
  totalMinor: number;
  metadata: Record<string, unknown>;
  /** Units removed by partial cancels or line edits after routing (quantity is what is still ordered). */
  cancelledQuantity?: number;
  /** Units refunded by line refunds, so the same unit is never refunded twice. */
  refundedQuantity?: number;
}

/** One reason an order is on hold; several can be active at once. */
export interface HoldRecord {
  reason: string;
  note: string | null;
  placedBy: { kind: string; id: string; name?: string };
  placedAt: string;
}

export interface OrderTotals {
  subtotalMinor: number;
  discountMinor: number;
  taxMinor: number;
  shippingMinor: number;
  totalMinor: number;
  refundedMinor: number;
  paidMinor: number;
  balanceDueMinor: number;
  /** Part of refundedMinor that paid back units cancelled from the order (the total already went down by it). */
  refundedForCancellationsMinor?: number;
}

export interface OrderDocument {
  id: string;
  number: string;
  status: OrderStatus;
  statusBeforeHold: OrderStatus | null;
  holds: string[];
  paymentStatus: PaymentStatus;
  orderType: OrderType;
  channel: string;
  externalReference: string | null;
  currency: string;
  customer: { id: string | null; name: string; email: string | null };
  shippingAddress: z.infer<typeof Address>;
  billingAddress: z.infer<typeof Address>;
  lines: OrderLine[];
  totals: OrderTotals;
  discountCode: string | null;
  discountSnapshot: { engineVersion: string; timestamp: string; ruleHash: string; rules: unknown[]; appliedDiscounts: unknown[] };
  pricingSnapshot: {
    engineVersion: string;
    timestamp: string;
    ruleHash: string;
    variants: Record<string, { unitPriceMinor: number; taxRateBps: number }>;
  };
  metadata: Record<string, unknown>;
  version: number;
  /** When each milestone was reached, UTC ISO. */
  milestones: Partial<Record<OrderStatus, string>>;
  createdAt: string;
  updatedAt: string;
  /** Who placed each active hold and why (holds lists the same reasons). */
  holdDetails?: HoldRecord[];
  /** The order this one was duplicated from. */
  duplicatedFrom?: string | null;
  cancellation?: { reason: string; at: string; restock: boolean; refund: boolean } | null;
  /** When the retention policy removed the customer's personal data (name, contacts, addresses) from the closed order. */
  anonymizedAt?: string | null;
}

import { z } from 'zod';
import { FreeFormObject } from './free-form';
import { Address } from '../domain/address';
import { BasisPoints, MinorUnits } from '../domain/money';
import { HOLD_REASONS } from '../domain/fulfillment-status';
import { PAYMENT_STATUSES } from '../domain/order-status';
import { StatusVocabularyName } from './status-vocabulary';
import { OrderLineInput } from './orders';
import { FulfillmentDocument } from '../sync/fulfillment-document';

/** Request bodies of the order lifecycle commands (edit, lines, holds, cancel, notes and tasks). Every one says why. */
const Reason = z.string().trim().min(1).max(500);
const Note = z.string().trim().min(1).max(2000);
const Uuid = z.string().uuid();

export const ConfirmOrderRequest = z
  .strictObject({
    reason: Reason.optional(),
    /** Confirm without an authorized or paid payment (B2B on account); supervisors and admins only, reason required. */
    overridePaymentCheck: z.boolean().default(false),
  })
  .refine((b) => !b.overridePaymentCheck || b.reason, { message: 'say why the payment check is overridden', path: ['reason'] });

export const HoldOrderRequest = z.strictObject({
  reasons: z
    .array(z.enum(HOLD_REASONS))
    .min(1)
    .max(HOLD_REASONS.length)
    .refine((r) => new Set(r).size === r.length, 'each hold reason once'),
  note: Note.optional(),
});

export const ReleaseOrderRequest = z.strictObject({
  /** Holds to lift; all of them when omitted. */
  reasons: z.array(z.enum(HOLD_REASONS)).min(1).optional(),
  resolution: Note.optional(),
});

export const CancelOrderRequest = z.strictObject({
  reason: Reason,
  /**
   * Put reserved units back into available stock (true), or write off the picked ones (false:
   * picked and unsellable); units never picked are on the shelf and are released either way.
   */
  restock: z.boolean().default(true),
  /** Refund what was paid. */
  refund: z.boolean().default(true),
});

/**
 * What a station reads of the order a cancel answers (the supervisor desk): its number and its
 * fulfillment orders as they now are. The fields are the documented order's own (station-answers.test.ts).
 */
export const CancelledOrder = z.object({
  id: z.string().uuid(),
  number: z.string(),
  fulfillmentOrders: z.array(FulfillmentDocument),
});

/**
 * What cancelling the whole order would do, read before asking (GET /v1/orders/{id}/cancel-preview):
 * every unit that will not ship, where they are, and the money in the payment's own terms. The
 * refund is the amount the cancel itself refunds (the same rule), so the question cannot promise another.
 */
export const CancelMoney = z.discriminatedUnion('kind', [
  /** Money was captured: this much goes back. */
  z.object({ kind: z.literal('refund'), amountMinor: MinorUnits, currency: z.string() }),
  /** Authorized, nothing captured: nothing goes back, the authorization is no longer needed. */
  z.object({ kind: z.literal('authorization') }),
  /** Nothing paid (or nothing left to pay back): nothing to say about money. */
  z.object({ kind: z.literal('none') }),
]);
export type CancelMoney = z.infer<typeof CancelMoney>;

/**
 * Where the order's units stand, which decides what the cancel does to each: picked (or scanned,
 * or packed) units are off the shelf and go back to stock, or are written off when not restocked;
 * units not picked yet, or waiting on backorder, are simply no longer sent. The counts add up to
 * the preview's units; units of a live fulfillment order not picked yet are `notPicked`, and the
 * rest (an order not routed to a warehouse yet) are neither picked, held nor backordered.
 */
export const CancelUnitStates = z.object({
  picked: z.number().int().min(0),
  notPicked: z.number().int().min(0),
  backordered: z.number().int().min(0),
});
export type CancelUnitStates = z.infer<typeof CancelUnitStates>;

export const OrderCancelPreview = z.object({
  id: z.string().uuid(),
  number: z.string(),
  customerName: z.string(),
  /** Every unit still on the order: none of them will ship. */
  units: z.number().int().min(0),
  /** Those of them in live fulfillment orders, by warehouse (the rest wait on backorder or routing). */
  warehouses: z.array(z.object({ warehouseId: z.string().uuid(), code: z.string(), units: z.number().int().min(1) })),
  /** Always sent; optional because servers before it came left it out, and a station must still read their previews. */
  unitStates: CancelUnitStates.optional(),
  money: CancelMoney,
});
export type OrderCancelPreview = z.infer<typeof OrderCancelPreview>;

export const PartialCancelRequest = z.strictObject({
  lines: z
    .array(z.strictObject({ lineId: Uuid, quantity: z.number().int().min(1).max(100_000) }))
    .min(1)
    .max(500)
    .refine((l) => new Set(l.map((x) => x.lineId)).size === l.length, 'each line once'),
  reason: Reason,
  restock: z.boolean().default(true),
  refund: z.boolean().default(true),
});

export const CloseOrderRequest = z.strictObject({ reason: Reason.optional() });
export const ReopenOrderRequest = z.strictObject({ reason: Reason });
export const DeliverOrderRequest = z.strictObject({
  deliveredAt: z.string().datetime({ offset: false }).optional(),
  reason: Reason.optional(),
});

export const DuplicateOrderRequest = z.strictObject({
  reason: Reason.optional(),
  channel: z.string().trim().min(1).max(50).optional(),
  /** Copy only these lines (all lines still ordered when omitted). */
  lineIds: z.array(Uuid).min(1).optional(),
});

export const UpdateOrderRequest = z
  .strictObject({
    shippingAddress: Address.optional(),
    billingAddress: Address.optional(),
    customer: z
      .strictObject({ name: z.string().trim().min(1).max(200).optional(), email: z.string().email().max(200).nullable().optional() })
      .optional(),
    externalReference: z.string().max(100).nullable().optional(),
    metadata: FreeFormObject.optional(),
    reason: Reason.optional(),
  })
  .refine((b) => Object.keys(b).some((k) => k !== 'reason'), 'change at least one field');

export const AddLineRequest = OrderLineInput.extend({ reason: Reason.optional() }).superRefine((l, ctx) => {
  if (l.discountMinor > l.unitPriceMinor * l.quantity)
    ctx.addIssue({ code: 'custom', path: ['discountMinor'], message: 'line discount exceeds the line amount' });
});

export const UpdateLineRequest = z
  .strictObject({
    quantity: z.number().int().min(1).max(100_000).optional(),
    unitPriceMinor: MinorUnits.optional(),
    taxRateBps: BasisPoints.optional(),
    discountMinor: MinorUnits.optional(),
    name: z.string().trim().min(1).max(300).optional(),
    metadata: FreeFormObject.optional(),
    reason: Reason.optional(),
  })
  .refine((b) => Object.keys(b).some((k) => k !== 'reason'), 'change at least one field');

export const RemoveLineQuery = z.object({ reason: Reason.optional() });

/** Moves an order to a status named in any vocabulary; runs the command that status means. */
export const SetStatusRequest = z.strictObject({
  status: z.string().trim().min(1).max(40),
  vocabulary: StatusVocabularyName.default('dockside'),
  reason: Reason.optional(),
  holdReasons: z.array(z.enum(HOLD_REASONS)).min(1).optional(),
});

export const RefundRequest = z
  .strictObject({
    /** Amount to refund; computed from the frozen line prices when only lines are given. */
    amountMinor: MinorUnits.refine((n) => n > 0, 'a refund is more than zero').optional(),
    lines: z
      .array(z.strictObject({ lineId: Uuid, quantity: z.number().int().min(1) }))
      .min(1)
      .optional(),
    /** Execute a refund request raised by a return or a cancelled backorder. */
    refundRequestId: Uuid.optional(),
    includeShipping: z.boolean().default(false),
    reason: Reason.optional(),
    destination: z.enum(['original_method', 'store_credit']).default('original_method'),
  })
  .refine(
    (b) => b.amountMinor !== undefined || b.lines || b.refundRequestId || b.includeShipping,
    'give amountMinor, lines, includeShipping or refundRequestId',
  )
  .refine((b) => !b.refundRequestId || (b.amountMinor === undefined && !b.lines), 'a refund request carries its own amount and lines')
  .refine((b) => b.refundRequestId || b.reason, { message: 'say why', path: ['reason'] });

export const AddNoteRequest = z.strictObject({
  text: z.string().trim().min(1).max(5000),
  visibility: z.enum(['internal', 'public']).default('internal'),
});

export const CreateTaskRequest = z.strictObject({
  title: z.string().trim().min(1).max(300),
  kind: z
    .string()
    .trim()
    .min(1)
    .max(50)
    .regex(/^[a-z0-9-]+$/, 'lower-case words joined by dashes')
    .default('follow-up'),
  assignee: z.string().trim().min(1).max(200).optional(),
  dueAt: z.string().datetime({ offset: false }).optional(),
  detail: FreeFormObject.optional(),
});

export const TASK_STATUSES = ['open', 'in_progress', 'done', 'cancelled'] as const;
export const UpdateTaskRequest = z
  .strictObject({
    status: z.enum(TASK_STATUSES).optional(),
    assignee: z.string().trim().min(1).max(200).nullable().optional(),
    note: Note.optional(),
  })
  .refine((b) => b.status || b.assignee !== undefined || b.note, 'change status, assignee or add a note');

/** What a payment gateway posts to the inbound payment webhook (HMAC-SHA256 signed). */
export const PAYMENT_EVENT_TYPES = [
  'payment.authorized',
  'payment.captured',
  'payment.failed',
  'payment.voided',
  'refund.succeeded',
  'refund.failed',
] as const;
export const PaymentWebhookEvent = z.object({
  id: z.string().trim().min(1).max(200),
  type: z.enum(PAYMENT_EVENT_TYPES),
  createdAt: z.string().datetime({ offset: true }).optional(),
  data: z
    .object({
      orderId: Uuid.optional(),
      orderNumber: z.string().max(40).optional(),
      provider: z.string().trim().min(1).max(50).default('gateway'),
      paymentReference: z.string().trim().min(1).max(200),
      amountMinor: MinorUnits,
      currency: z.string().regex(/^[A-Z]{3}$/),
      refundReference: z.string().trim().min(1).max(200).optional(),
      refundRequestId: Uuid.optional(),
      failureReason: z.string().max(500).optional(),
    })
    .refine((d) => d.orderId || d.orderNumber, 'name the order by orderId or orderNumber'),
});
export type PaymentWebhookEvent = z.infer<typeof PaymentWebhookEvent>;

export const PaymentStatusEnum = z.enum(PAYMENT_STATUSES);

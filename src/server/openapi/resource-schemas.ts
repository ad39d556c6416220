import { z } from 'zod';
import { FULFILLMENT_PROGRESS } from '../../shared/api/order-queries';
import { REFUND_KINDS } from '../../shared/api/payments';
import { TaskView } from '../../shared/api/tasks';
import { TimelineEventView } from '../../shared/api/timeline';
import { Address } from '../../shared/domain/address';
import { ORDER_STATUSES, ORDER_TYPES, PAYMENT_STATUSES } from '../../shared/domain/order-status';
import { STATUS_VOCABULARIES } from '../../shared/api/status-vocabulary';
import { Actor } from '../../shared/events/station-events';
import { FulfillmentDocument } from '../../shared/sync/fulfillment-document';
import { named } from './catalog';

/** Response shapes, for the OpenAPI document (requests are validated by their own schemas in src/shared/api). */
const Minor = z.number().int().describe('minor units');
const Time = z.string().datetime();

export const ProblemSchema = named(
  z
    .object({
      type: z.string(),
      title: z.string(),
      status: z.number().int(),
      code: z.string().describe('stable, machine-readable'),
      detail: z.string().optional(),
      instance: z.string().optional(),
      errors: z.array(z.object({ path: z.string(), message: z.string(), code: z.string() })).optional(),
      currentVersion: z.number().int().optional().describe('on 409 version_mismatch and refused transitions'),
    })
    .catchall(z.unknown()),
  'Problem',
);

export const ActorSchema = named(Actor, 'Actor');
export const AddressSchema = named(Address, 'Address');
export const FulfillmentOrderSchema = named(FulfillmentDocument, 'FulfillmentOrder');

export const OrderLineSchema = named(
  z.object({
    id: z.string().uuid(),
    sku: z.string(),
    barcode: z.string().nullable(),
    name: z.string(),
    quantity: z.number().int(),
    unitPriceMinor: Minor,
    taxRateBps: z.number().int(),
    discountMinor: Minor,
    taxMinor: Minor,
    totalMinor: Minor,
    metadata: z.record(z.string(), z.unknown()),
    cancelledQuantity: z.number().int().optional(),
    refundedQuantity: z.number().int().optional(),
  }),
  'OrderLine',
);

export const OrderTotalsSchema = named(
  z.object({
    subtotalMinor: Minor,
    discountMinor: Minor,
    taxMinor: Minor,
    shippingMinor: Minor,
    totalMinor: Minor,
    refundedMinor: Minor,
    paidMinor: Minor,
    balanceDueMinor: Minor,
    refundedForCancellationsMinor: Minor.optional(),
  }),
  'OrderTotals',
);

export const PaymentSchema = named(
  z.object({
    id: z.string().uuid(),
    orderId: z.string().uuid(),
    provider: z.string(),
    reference: z.string(),
    status: z.enum(['authorized', 'captured', 'failed', 'voided']),
    amountMinor: Minor,
    currency: z.string(),
    failureReason: z.string().nullable(),
    createdAt: Time,
    updatedAt: Time,
  }),
  'Payment',
);

export const RefundSchema = named(
  z.object({
    id: z.string().uuid(),
    orderId: z.string().uuid(),
    amountMinor: Minor,
    shippingMinor: Minor,
    currency: z.string(),
    kind: z.enum(REFUND_KINDS),
    reason: z.string(),
    destination: z.enum(['original_method', 'store_credit']),
    lines: z.array(z.object({ lineId: z.string().uuid(), quantity: z.number().int(), amountMinor: Minor })),
    status: z.enum(['succeeded', 'failed']),
    providerReference: z.string().nullable(),
    refundRequestId: z.string().uuid().nullable(),
    actor: ActorSchema,
    createdAt: Time,
  }),
  'Refund',
);

/** The one timeline-event shape: the stations read it with the same schema (src/shared/api/timeline.ts). */
export const TimelineEventSchema = named(TimelineEventView, 'TimelineEvent');

export const NoteSchema = named(
  z.object({
    id: z.string().uuid(),
    orderId: z.string().uuid(),
    visibility: z.enum(['internal', 'public']),
    text: z.string(),
    author: ActorSchema,
    createdAt: Time,
  }),
  'Note',
);

/** The one task shape: the stations read it with the same schema (src/shared/api/tasks.ts). */
export const TaskSchema = named(TaskView, 'Task');

const statusFields = {
  status: z.string().describe(`our status (${ORDER_STATUSES.join(', ')}), or its value in status_vocabulary`),
  paymentStatus: z.string().describe(`our payment status (${PAYMENT_STATUSES.join(', ')}), or its value in status_vocabulary`),
  statusVocabulary: z.enum(STATUS_VOCABULARIES).optional(),
  canonical: z
    .object({ status: z.enum(ORDER_STATUSES), paymentStatus: z.enum(PAYMENT_STATUSES) })
    .optional()
    .describe('present when another vocabulary is shown'),
};

const orderCore = {
  id: z.string().uuid(),
  number: z.string(),
  ...statusFields,
  statusBeforeHold: z.enum(ORDER_STATUSES).nullable(),
  holds: z.array(z.string()),
  holdDetails: z.array(z.object({ reason: z.string(), note: z.string().nullable(), placedBy: ActorSchema, placedAt: Time })).optional(),
  orderType: z.enum(ORDER_TYPES),
  channel: z.string(),
  externalReference: z.string().nullable(),
  currency: z.string(),
  customer: z.object({ id: z.string().nullable(), name: z.string(), email: z.string().nullable() }),
  shippingAddress: AddressSchema,
  billingAddress: AddressSchema,
  totals: OrderTotalsSchema,
  discountCode: z.string().nullable(),
  metadata: z.record(z.string(), z.unknown()),
  version: z.number().int(),
  milestones: z.record(z.string(), Time),
  fulfillmentStatus: z.enum(FULFILLMENT_PROGRESS),
  duplicatedFrom: z.string().uuid().nullable().optional(),
  cancellation: z.object({ reason: z.string(), at: Time, restock: z.boolean(), refund: z.boolean() }).nullable().optional(),
  createdAt: Time,
  updatedAt: Time,
};

const expansions = {
  packages: z.array(z.record(z.string(), z.unknown())).optional(),
  payments: z.array(PaymentSchema).optional(),
  refunds: z.array(RefundSchema).optional(),
  returns: z.array(z.record(z.string(), z.unknown())).optional(),
  timeline: z.array(TimelineEventSchema).optional(),
  backorders: z.array(z.record(z.string(), z.unknown())).optional(),
  notes: z.array(NoteSchema).optional(),
  tasks: z.array(TaskSchema).optional(),
  invoices: z
    .array(z.record(z.string(), z.unknown()))
    .optional()
    .describe('invoices and credit notes (BillingDocument), with expand=invoices'),
};

export const OrderSchema = named(
  z
    .object({
      ...orderCore,
      lines: z.array(OrderLineSchema),
      discountSnapshot: z.record(z.string(), z.unknown()),
      pricingSnapshot: z.record(z.string(), z.unknown()),
      fulfillmentOrders: z.array(FulfillmentOrderSchema),
      ...expansions,
    })
    .catchall(z.unknown()),
  'Order',
);

export const OrderSummarySchema = named(
  z.object({
    ...orderCore,
    lineCount: z.number().int(),
    lines: z.array(OrderLineSchema).optional(),
    fulfillmentOrders: z.array(FulfillmentOrderSchema).optional(),
    ...expansions,
  }),
  'OrderSummary',
);

export const PaginationSchema = named(
  z.object({
    limit: z.number().int(),
    hasMore: z.boolean(),
    nextCursor: z.string().nullable(),
    page: z.number().int().optional(),
    totalItems: z.number().int().optional(),
    totalPages: z.number().int().optional(),
  }),
  'Pagination',
);

export const OrderListSchema = named(
  z.object({
    data: z.array(OrderSummarySchema),
    pagination: PaginationSchema,
    aggregations: z.record(z.string(), z.record(z.string(), z.number().int())).optional(),
  }),
  'OrderList',
);

export const SummarySchema = named(
  z.object({
    statusVocabulary: z.enum(STATUS_VOCABULARIES),
    ordersCount: z.number().int(),
    countsByStatus: z.record(z.string(), z.number().int()),
    cancellationRate: z.number(),
    revenue: z.array(
      z.object({
        currency: z.string(),
        orders: z.number().int(),
        revenueMinor: Minor,
        grossMinor: Minor,
        refundedMinor: Minor,
        averageOrderValueMinor: Minor,
      }),
    ),
    orderStats: z
      .object({
        currency: z.string().nullable(),
        totalOrders: z.number().int(),
        pendingOrders: z.number().int(),
        processingOrders: z.number().int(),
        shippedOrders: z.number().int(),
        deliveredOrders: z.number().int(),
        cancelledOrders: z.number().int(),
        totalRevenue: Minor,
        averageOrderValue: Minor,
      })
      .describe("OrderStats, counted in order-management's statuses (money in minor units, for the currency with the most orders)"),
  }),
  'OrderSummaryStats',
);

export const WebhookOutcomeSchema = named(
  z.object({
    received: z.literal(true),
    eventId: z.string(),
    outcome: z.enum(['applied', 'ignored', 'rejected']),
    duplicate: z.boolean(),
    code: z.string().optional(),
    message: z.string().optional(),
    orderId: z.string().uuid().optional(),
    paymentStatus: z.enum(PAYMENT_STATUSES).optional(),
    orderStatus: z.string().optional(),
  }),
  'PaymentWebhookOutcome',
);

export const PaymentsListSchema = named(
  z.object({
    payments: z.array(PaymentSchema),
    refunds: z.array(RefundSchema),
    refundRequests: z.array(z.record(z.string(), z.unknown())),
  }),
  'OrderPayments',
);

export const listOf = <S extends z.ZodType>(item: S, name: string) => named(z.object({ data: z.array(item) }), name);

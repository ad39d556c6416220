import { z } from 'zod';
import { StatusVocabularyName } from './status-vocabulary';

/** Query strings and search bodies of the order read API (list, read, summary and search; docs/architecture.md, Domain: status vocabularies). */
export const FULFILLMENT_PROGRESS = ['unfulfilled', 'partially_fulfilled', 'fulfilled'] as const;
export type FulfillmentProgress = (typeof FULFILLMENT_PROGRESS)[number];

export const ORDER_SORTS = ['created_at', '-created_at', 'updated_at', '-updated_at', 'total', '-total', 'number', '-number'] as const;
export type OrderSort = (typeof ORDER_SORTS)[number];

export const ORDER_EXPANSIONS = [
  'lines',
  'fulfillment_orders',
  'packages',
  'payments',
  'returns',
  'timeline',
  'backorders',
  'notes',
  'tasks',
  'invoices',
] as const;
export type OrderExpansion = (typeof ORDER_EXPANSIONS)[number];

export const DATE_FIELDS = ['created_at', 'updated_at', 'delivered_at'] as const;

const IsoTime = z.string().datetime({ offset: true });
/** A comma-separated list in a query string ("a,b"), or the parameter repeated. */
const csv = <T extends z.ZodType>(item: T, max = 20) =>
  z
    .preprocess(
      (v) =>
        v === undefined
          ? undefined
          : [v]
              .flat()
              .flatMap((s) => String(s).split(','))
              .map((s) => s.trim())
              .filter(Boolean),
      z.array(item).min(1).max(max),
    )
    .optional();
const Int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

export const StatusVocabularyParam = StatusVocabularyName.default('dockside');

export const ListOrdersQuery = z.object({
  status: csv(z.string().max(40)).describe('statuses in status_vocabulary, comma-separated'),
  status_vocabulary: StatusVocabularyParam.describe('vocabulary for status filters and the status shown'),
  payment_status: csv(z.string().max(40)),
  fulfillment_status: csv(z.enum(FULFILLMENT_PROGRESS)),
  customer_id: z.string().max(100).optional(),
  customer: z.string().trim().min(1).max(200).optional().describe('customer name or email, partial and case-insensitive'),
  channel: csv(z.string().max(50)),
  warehouse: z.string().uuid().optional().describe('orders with work routed to this warehouse'),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/)
    .optional(),
  from: IsoTime.optional(),
  to: IsoTime.optional(),
  date_field: z.enum(DATE_FIELDS).default('created_at'),
  min_total: Int(0, Number.MAX_SAFE_INTEGER).optional().describe('minor units'),
  max_total: Int(0, Number.MAX_SAFE_INTEGER).optional().describe('minor units'),
  q: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .optional()
    .describe('order number (partial), customer name or email (partial), customer id or external reference (exact)'),
  number: z.string().trim().min(1).max(40).optional().describe('exact order number'),
  sort: z.enum(ORDER_SORTS).default('-created_at'),
  cursor: z.string().max(500).optional(),
  page: Int(1, 100_000).optional().describe('page pagination (1-based) instead of the cursor; the answer then carries totals'),
  limit: Int(1, 200).default(50),
  expand: csv(z.enum(ORDER_EXPANSIONS)),
});
export type ListOrdersQuery = z.output<typeof ListOrdersQuery>;

export const SEARCH_AGGREGATIONS = ['status', 'payment_status', 'fulfillment_status', 'channel', 'currency'] as const;

/** The search body: the same filters as the list, as JSON, plus aggregations. */
export const SearchOrdersRequest = z.strictObject({
  q: z.string().trim().min(1).max(200).optional(),
  number: z.string().trim().min(1).max(40).optional(),
  numberContains: z.string().trim().min(1).max(40).optional(),
  customer: z.string().trim().min(1).max(200).optional(),
  customerId: z.string().max(100).optional(),
  status: z.array(z.string().max(40)).min(1).max(20).optional(),
  statusVocabulary: StatusVocabularyParam,
  paymentStatus: z.array(z.string().max(40)).min(1).max(20).optional(),
  fulfillmentStatus: z.array(z.enum(FULFILLMENT_PROGRESS)).min(1).optional(),
  channel: z.array(z.string().max(50)).min(1).max(20).optional(),
  warehouseId: z.string().uuid().optional(),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/)
    .optional(),
  from: IsoTime.optional(),
  to: IsoTime.optional(),
  dateField: z.enum(DATE_FIELDS).default('created_at'),
  minTotal: z.number().int().min(0).optional(),
  maxTotal: z.number().int().min(0).optional(),
  sort: z.enum(ORDER_SORTS).default('-created_at'),
  cursor: z.string().max(500).optional(),
  page: z.number().int().min(1).max(100_000).optional(),
  limit: z.number().int().min(1).max(200).default(50),
  expand: z.array(z.enum(ORDER_EXPANSIONS)).optional(),
  aggregations: z.array(z.enum(SEARCH_AGGREGATIONS)).optional(),
});

export const GetOrderQuery = z.object({
  expand: csv(z.enum(ORDER_EXPANSIONS)),
  status_vocabulary: StatusVocabularyParam,
});

export const TimelineQuery = z.object({
  type: csv(z.string().max(60)),
  limit: Int(1, 1000).default(500),
  after: Int(0, Number.MAX_SAFE_INTEGER).optional().describe('position of the last event already read'),
});

export const AuditQuery = z.object({
  order_id: z.string().uuid().optional(),
  actor_id: z.string().max(100).optional(),
  actor_kind: z.enum(['user', 'station', 'system', 'api', 'webhook']).optional(),
  type: csv(z.string().max(60)),
  outcome: z.enum(['applied', 'conflicted', 'rejected']).optional(),
  from: IsoTime.optional(),
  to: IsoTime.optional(),
  cursor: z.string().max(100).optional(),
  limit: Int(1, 500).default(100),
});

export const SummaryQuery = z.object({
  from: IsoTime.optional(),
  to: IsoTime.optional(),
  channel: csv(z.string().max(50)),
  warehouse: z.string().uuid().optional(),
  status_vocabulary: StatusVocabularyParam,
});

export const TaskListQuery = z.object({
  status: csv(z.enum(['open', 'in_progress', 'done', 'cancelled'])),
  kind: z.string().max(50).optional(),
  assignee: z.string().max(200).optional(),
  order_id: z.string().uuid().optional(),
  page: Int(1, 100_000).default(1),
  limit: Int(1, 200).default(50),
});

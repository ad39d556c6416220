import { z } from 'zod';
import { HOLD_REASONS } from '../domain/fulfillment-status';
import { StatusVocabularyName } from './status-vocabulary';

/**
 * Bulk work on orders, run as background jobs (seed 003 §11): a status update over many orders,
 * and the reconciliation of an external feed against ours. Both answer per order.
 */
export const BULK_STATUS_MAX_ORDERS = 1000;
export const RECONCILE_MAX_ROWS = 50_000;

/** An order named by its id (UUID) or its number (ORD-YYYYMMDD-NNNNN). */
const OrderRef = z.string().trim().min(1).max(64);

export const BulkStatusRequest = z.strictObject({
  orders: z
    .array(OrderRef)
    .min(1)
    .max(BULK_STATUS_MAX_ORDERS)
    .refine((refs) => new Set(refs).size === refs.length, 'each order once'),
  status: z.string().trim().min(1).max(40),
  vocabulary: StatusVocabularyName.default('dockside'),
  reason: z.string().trim().min(1).max(500).optional(),
  holdReasons: z.array(z.enum(HOLD_REASONS)).min(1).optional(),
});
export type BulkStatusRequest = z.output<typeof BulkStatusRequest>;

/** What happened to one order of a bulk status update. */
export const BulkStatusOutcome = z.enum(['updated', 'unchanged', 'failed']);
export const BulkStatusResult = z.object({
  /** The order as the request named it. */
  order: z.string(),
  orderId: z.string().nullable(),
  orderNumber: z.string().nullable(),
  outcome: BulkStatusOutcome,
  statusBefore: z.string().nullable(),
  statusAfter: z.string().nullable(),
  /** Why it failed: the command's stable code (order_transition_forbidden, not_found...). */
  code: z.string().nullable(),
  message: z.string().nullable(),
});
export type BulkStatusResult = z.infer<typeof BulkStatusResult>;

/** The feed's columns: the order number, its status there (in `vocabulary`) and its total there in minor units. */
export const RECONCILE_COLUMNS = ['order_number', 'status', 'total_minor'] as const;

export const ReconcileQuery = z.strictObject({
  /** The vocabulary the feed's statuses are in; ours are presented in it to compare. */
  vocabulary: StatusVocabularyName.default('dockside'),
  /** Which of our orders the feed covers (created in [from, to)): those missing from it are reported. */
  createdFrom: z.string().datetime({ offset: true }).optional(),
  createdTo: z.string().datetime({ offset: true }).optional(),
});

export const ReconcileRequest = ReconcileQuery.extend({
  /** The feed, as CSV with a header row naming at least RECONCILE_COLUMNS. */
  data: z.string().min(1, 'data is empty'),
});

export const MISMATCH_KINDS = ['missing_here', 'missing_there', 'status_differs', 'amount_differs'] as const;
export const Mismatch = z.object({
  kind: z.enum(MISMATCH_KINDS),
  orderNumber: z.string(),
  orderId: z.string().nullable(),
  /** The feed's row (the header is row 1); null for an order missing from the feed. */
  feedRow: z.number().int().nullable(),
  ourStatus: z.string().nullable(),
  feedStatus: z.string().nullable(),
  ourTotalMinor: z.number().int().nullable(),
  feedTotalMinor: z.number().int().nullable(),
  currency: z.string().nullable(),
});
export type Mismatch = z.infer<typeof Mismatch>;

export const REPORT_FORMATS = ['csv', 'json'] as const;
export const JobDownloadQuery = z.strictObject({
  /** A report's format (bulk status updates, reconciliations); an export is always in its own format. */
  format: z.enum(REPORT_FORMATS).optional(),
});

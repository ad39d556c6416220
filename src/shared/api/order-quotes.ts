import { z } from 'zod';
import { FreeFormObject } from './free-form';
import { BasisPoints, MinorUnits } from '../domain/money';
import { OrderLineInput, type OrderLine, type OrderTotals } from './orders';

const Uuid = z.string().uuid();
const Reason = z.string().trim().min(1).max(500);

/** One line's change inside a quoted edit: the same fields as PATCH /v1/orders/{id}/lines/{lineId}. */
export const QuotedLineChange = z
  .strictObject({
    lineId: Uuid,
    quantity: z.number().int().min(1).max(100_000).optional(),
    unitPriceMinor: MinorUnits.optional(),
    taxRateBps: BasisPoints.optional(),
    discountMinor: MinorUnits.optional(),
    name: z.string().trim().min(1).max(300).optional(),
    metadata: FreeFormObject.optional(),
  })
  .refine((b) => Object.keys(b).some((k) => k !== 'lineId'), 'change at least one field');

/** POST /v1/orders/{id}/quote-change: lines to add, change and remove, priced but not applied. */
export const QuoteChangeRequest = z
  .strictObject({
    add: z.array(OrderLineInput).max(100).default([]),
    change: z.array(QuotedLineChange).max(500).default([]),
    remove: z.array(Uuid).max(500).default([]),
    reason: Reason.optional(),
    /** How long the quote can be applied; 15 minutes unless said. */
    validForMinutes: z.number().int().min(1).max(1440).default(15),
  })
  .refine((b) => b.add.length + b.change.length + b.remove.length > 0, 'quote at least one change')
  .refine((b) => {
    const ids = [...b.change.map((c) => c.lineId), ...b.remove];
    return new Set(ids).size === ids.length;
  }, 'each line once: changed or removed');
export type QuoteChangeRequest = z.output<typeof QuoteChangeRequest>;

/** POST /v1/orders/{id}/apply-quote/{quoteId}. */
export const ApplyQuoteRequest = z.strictObject({
  /** Refund what the edit takes off an order that was paid (true), or leave it as credit on the order. */
  refund: z.boolean().default(true),
  reason: Reason.optional(),
});

export const QuoteIdParams = z.object({ id: z.string().uuid('order ids are UUIDs'), quoteId: z.string().uuid('quote ids are UUIDs') });

/** A line as the quote shows it: before and after for a change, one side only for an add or a removal. */
export interface QuotedLine {
  lineId: string;
  sku: string;
  name: string;
  before: Pick<OrderLine, 'quantity' | 'unitPriceMinor' | 'taxRateBps' | 'discountMinor' | 'taxMinor' | 'totalMinor'> | null;
  after: Pick<OrderLine, 'quantity' | 'unitPriceMinor' | 'taxRateBps' | 'discountMinor' | 'taxMinor' | 'totalMinor'> | null;
  /** after.totalMinor - before.totalMinor (tax included). */
  differenceMinor: number;
  taxDifferenceMinor: number;
}

export type QuoteStatus = 'open' | 'applied' | 'expired' | 'stale';

export interface QuoteView {
  id: string;
  orderId: string;
  /** The order version the quote was priced from; it applies only to that version. */
  orderVersion: number;
  status: QuoteStatus;
  currency: string;
  added: QuotedLine[];
  changed: QuotedLine[];
  removed: QuotedLine[];
  currentTotals: OrderTotals;
  newTotals: OrderTotals;
  /** newTotals.totalMinor - currentTotals.totalMinor. */
  differenceMinor: number;
  taxDifferenceMinor: number;
  /** What the customer owes after the edit (the new balance due). */
  toPayMinor: number;
  /** What goes back to the customer when the edit is applied with refund (paid beyond the new total). */
  toRefundMinor: number;
  reason: string | null;
  createdAt: string;
  expiresAt: string;
  appliedAt: string | null;
}

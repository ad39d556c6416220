import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ApplyQuoteRequest, QuoteChangeRequest, QuoteIdParams } from '../../../shared/api/order-quotes';
import { defineRoute } from '../../http/define-route';
import { actorOf, type RouteContext } from '../../http/route-context';
import { named } from '../../openapi/catalog';
import { OrderSchema, OrderTotalsSchema, RefundSchema, listOf } from '../../openapi/resource-schemas';
import { runOrderCommand } from '../order-command';
import { requireOrderInScope } from '../order-scope';
import { loadOrder } from '../order-store';
import { applyQuote, quoteChange } from '../quotes/quote-commands';
import { loadQuote, quotesOf } from '../quotes/quote-store';
import { OrderIdParams, ROLES, commandResponses, readResponses } from './route-kit';

const TAG = ['Order lifecycle'];

const PricedLine = z.object({
  quantity: z.number().int(),
  unitPriceMinor: z.number().int(),
  taxRateBps: z.number().int(),
  discountMinor: z.number().int(),
  taxMinor: z.number().int(),
  totalMinor: z.number().int(),
});
const QuotedLineSchema = named(
  z.object({
    lineId: z.string().uuid(),
    sku: z.string(),
    name: z.string(),
    before: PricedLine.nullable().describe('the line now; null for an added line'),
    after: PricedLine.nullable().describe('the line after the edit; null for a removed line'),
    differenceMinor: z.number().int(),
    taxDifferenceMinor: z.number().int(),
  }),
  'QuotedLine',
);
export const QuoteSchema = named(
  z.object({
    id: z.string().uuid(),
    orderId: z.string().uuid(),
    orderVersion: z.number().int().describe('the order version the quote priced: it applies only while the order is at it'),
    status: z.enum(['open', 'applied', 'expired', 'stale']),
    currency: z.string(),
    added: z.array(QuotedLineSchema),
    changed: z.array(QuotedLineSchema),
    removed: z.array(QuotedLineSchema),
    currentTotals: OrderTotalsSchema,
    newTotals: OrderTotalsSchema,
    differenceMinor: z.number().int().describe('new total minus current total'),
    taxDifferenceMinor: z.number().int(),
    toPayMinor: z.number().int().describe('what the customer owes after the edit'),
    toRefundMinor: z.number().int().describe('what is refunded when the edit is applied (paid beyond the new total)'),
    reason: z.string().nullable(),
    createdAt: z.string(),
    expiresAt: z.string(),
    appliedAt: z.string().nullable(),
  }),
  'OrderQuote',
);

named(QuoteChangeRequest, 'QuoteChangeRequest');

/** Quoted edits (seed 003 §6): price an edit of the lines, then apply exactly that edit, once, if nothing changed meanwhile. */
export function orderQuoteRoutes(app: FastifyInstance, ctx: RouteContext) {
  const { db } = ctx;
  defineRoute(
    app,
    ctx,
    {
      method: 'POST',
      url: '/v1/orders/:id/quote-change',
      operationId: 'quoteOrderChange',
      tags: TAG,
      roles: ROLES.write,
      scope: 'warehouse',
      params: OrderIdParams,
      body: QuoteChangeRequest,
      idempotent: true,
      ifMatch: true,
      summary: 'Price an edit of the lines (add, change, remove) without applying it: new totals, tax, what to pay or refund, an expiry',
      description:
        'The same checks as the line routes (pending or confirmed orders only). The quote applies to the order version it priced, until it expires (validForMinutes, 15 by default).',
      responses: commandResponses({ description: 'the quote', schema: QuoteSchema, headers: ['ETag', 'Location'] }, 201),
    },
    async ({ request, reply, principal, params, body }) =>
      runOrderCommand(db, request, reply, principal, actorOf(principal, request), params.id, (c) => quoteChange(c, body)),
  );

  defineRoute(
    app,
    ctx,
    {
      method: 'POST',
      url: '/v1/orders/:id/apply-quote/:quoteId',
      operationId: 'applyOrderQuote',
      tags: TAG,
      roles: ROLES.write,
      scope: 'warehouse',
      params: QuoteIdParams,
      body: ApplyQuoteRequest,
      bodyOptional: true,
      idempotent: true,
      ifMatch: true,
      summary:
        'Apply a quoted edit: its line changes (each on the timeline), a refund of what it takes off a paid order, a supplementary invoice or credit note',
      description:
        '409 quote_stale when the order changed since the quote (its version moved), quote_expired after expiresAt, quote_already_applied the second time.',
      responses: commandResponses({
        description: 'the order after the edit, with `quote` (applied) and `refund` (or null)',
        schema: OrderSchema.extend({ quote: QuoteSchema, refund: RefundSchema.nullable() }),
        headers: ['ETag'],
      }),
    },
    async ({ request, reply, principal, params, body }) =>
      runOrderCommand(db, request, reply, principal, actorOf(principal, request), params.id, (c) => applyQuote(c, params.quoteId, body)),
  );

  defineRoute(
    app,
    ctx,
    {
      method: 'GET',
      url: '/v1/orders/:id/quotes',
      operationId: 'listOrderQuotes',
      tags: TAG,
      roles: ROLES.read,
      scope: 'warehouse',
      params: OrderIdParams,
      summary: "The order's quoted edits, newest first, each with its status now (who asked is on the timeline)",
      responses: readResponses({ description: 'the quotes', schema: listOf(QuoteSchema, 'OrderQuoteList') }),
    },
    async ({ principal, params }) => {
      await requireOrderInScope(db, principal, params.id);
      const order = await loadOrder(db, params.id);
      return { data: await quotesOf(db, order.id, order.version) };
    },
  );

  defineRoute(
    app,
    ctx,
    {
      method: 'GET',
      url: '/v1/orders/:id/quotes/:quoteId',
      operationId: 'getOrderQuote',
      tags: TAG,
      roles: ROLES.read,
      scope: 'warehouse',
      params: QuoteIdParams,
      summary: 'A quote and its status now (open, applied, expired, or stale: the order changed since)',
      responses: readResponses({ description: 'the quote', schema: QuoteSchema }),
    },
    async ({ principal, params }) => {
      await requireOrderInScope(db, principal, params.id);
      const order = await loadOrder(db, params.id);
      return (await loadQuote(db, order.id, params.quoteId, order.version)).view;
    },
  );
}

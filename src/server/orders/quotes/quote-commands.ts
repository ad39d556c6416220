import type { z } from 'zod';
import type { ApplyQuoteRequest, QuoteChangeRequest, QuoteView } from '../../../shared/api/order-quotes';
import { correctionLines, issueCorrection } from '../../billing/issue-documents';
import { Problem } from '../../http/problem';
import { recordRefund } from '../../payments/refunds';
import { appendTimeline } from '../../timeline/timeline';
import { addLine, removeLine, updateLine } from '../commands/order-lines';
import type { CommandContext, CommandOutcome } from '../order-command';
import { loadOrder } from '../order-store';
import { previewEdit } from './quote-preview';
import { insertQuote, loadQuote, markQuoteApplied } from './quote-store';

/** Prices an edit (the line commands' own checks and pricing) and keeps it as a quote; the order does not change. */
export async function quoteChange(c: CommandContext, request: QuoteChangeRequest): Promise<CommandOutcome> {
  const preview = previewEdit(c.order, request);
  const stored = await insertQuote(c.tx, preview, request, c.actor, new Date());
  await appendTimeline(c.tx, {
    type: 'order-quote-created',
    orderId: c.order.id,
    entityIds: { quoteId: stored.view.id },
    payload: {
      orderVersion: preview.orderVersion,
      differenceMinor: preview.differenceMinor,
      toPayMinor: preview.toPayMinor,
      toRefundMinor: preview.toRefundMinor,
      expiresAt: stored.view.expiresAt,
      reason: preview.reason,
    },
    actor: c.actor,
  });
  return { status: 201, body: stored.view, headers: { location: `/v1/orders/${c.order.id}/quotes/${stored.view.id}` } };
}

function refuseUnlessOpen(quote: QuoteView, currentVersion: number): void {
  const facts = { quoteId: quote.id, quoteStatus: quote.status, quoteOrderVersion: quote.orderVersion, currentVersion };
  if (quote.status === 'applied') throw new Problem(409, 'quote_already_applied', 'Conflict', 'the quote was applied already', facts);
  if (quote.status === 'expired')
    throw new Problem(409, 'quote_expired', 'Conflict', `the quote expired at ${quote.expiresAt}: ask for a new one`, {
      ...facts,
      expiresAt: quote.expiresAt,
    });
  if (quote.status === 'stale')
    throw new Problem(
      409,
      'quote_stale',
      'Conflict',
      `the quote priced version ${quote.orderVersion} of the order, which is now at version ${currentVersion}: ask for a new one`,
      facts,
    );
}

/**
 * Applies a quote to the order it priced, unchanged since (its version) and before it expires,
 * through the line commands (adds, changes, removals: each on the timeline), then settles the
 * difference: what the edit takes off a paid order is refunded (a credit note), what it adds to an
 * invoiced order is billed on a supplementary invoice.
 */
export async function applyQuote(c: CommandContext, quoteId: string, body: z.output<typeof ApplyQuoteRequest>): Promise<CommandOutcome> {
  const { tx, order } = c;
  const quote = await loadQuote(tx, order.id, quoteId, order.version, true);
  refuseUnlessOpen(quote.view, order.version);
  const reason = body.reason ?? quote.request.reason ?? `quote ${quoteId}`;
  const step = async (run: (at: CommandContext) => Promise<unknown>) => run({ ...c, order: await loadOrder(tx, order.id, true) });
  for (const [i, input] of quote.request.add.entries()) await step((at) => addLine(at, { ...input, reason }, quote.addedLineIds[i]));
  for (const { lineId, ...change } of quote.request.change) await step((at) => updateLine(at, lineId, { ...change, reason }));
  for (const lineId of quote.request.remove) await step((at) => removeLine(at, lineId, reason));

  const edited = await loadOrder(tx, order.id, true);
  const lines = correctionLines([...quote.view.added, ...quote.view.changed, ...quote.view.removed]);
  const toRefund = body.refund ? Math.min(quote.view.toRefundMinor, edited.totals.paidMinor - edited.totals.refundedMinor) : 0;
  const refund =
    toRefund > 0
      ? (await recordRefund(tx, edited, { amountMinor: toRefund, kind: 'cancellation', reason, creditNoteLines: lines }, c.actor)).refund
      : null;
  const documentId = refund ? null : await issueCorrection(tx, edited, lines, c.actor, { reason, quoteId });
  const at = new Date().toISOString();
  await markQuoteApplied(tx, quoteId, at);
  await appendTimeline(tx, {
    type: 'order-quote-applied',
    orderId: order.id,
    entityIds: { quoteId },
    payload: { differenceMinor: quote.view.differenceMinor, refundId: refund?.id ?? null, documentId, reason },
    actor: c.actor,
  });
  return { extra: { quote: { ...quote.view, status: 'applied', appliedAt: at }, refund } };
}

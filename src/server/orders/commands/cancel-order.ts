import type { z } from 'zod';
import type { CancelOrderRequest } from '../../../shared/api/order-commands';
import type { OrderDocument } from '../../../shared/api/orders';
import type { RefundView } from '../../../shared/api/payments';
import { orderCancelRefusalWords } from '../../../shared/words/refusal-words';
import { issueCancellationCreditNote, netInvoicedLines } from '../../billing/cancellation-credit';
import { Problem } from '../../http/problem';
import { recordRefund, refundableOf } from '../../payments/refunds';
import { cancelFulfillment, shippedUnitsOf } from '../fulfillment-effects';
import type { CommandContext, CommandOutcome } from '../order-command';
import { totalsOf } from '../order-math';
import { loadOrder } from '../order-store';
import { moveOrder } from '../order-transition';

/**
 * Cancels an order nothing of which has shipped (delivered orders cannot be cancelled;
 * shipped units need a partial cancel of the rest, or a return). Open and in-progress
 * fulfillment orders are cancelled on the server even if a station is packing one offline (its
 * later events become conflicts for a supervisor); reservations are released (and, without restock, the units picked written off);
 * what was captured is refunded when asked, and what the order was invoiced for is credited.
 */
export async function cancelOrder(
  { tx, order, actor }: Pick<CommandContext, 'tx' | 'order' | 'actor'>,
  body: z.output<typeof CancelOrderRequest>,
): Promise<CommandOutcome> {
  const shipped = await shippedUnitsOf(tx, order.id);
  const at = new Date().toISOString();
  await moveOrder(tx, order, 'cancelled', actor, {
    command: 'cancel',
    reason: body.reason,
    ctx: { shippedUnits: shipped.total },
    patch: {
      holds: [],
      holdDetails: [],
      statusBeforeHold: null,
      cancellation: { reason: body.reason, at, restock: body.restock, refund: body.refund },
      totals: totalsOf({ ...order, status: 'cancelled' }),
    },
    payload: { restock: body.restock, refund: body.refund },
    at,
  }).catch((err: unknown) => {
    throw inWords(err, order);
  });
  const work = await cancelFulfillment(tx, order.id, body.reason, body.restock, actor);
  let refund: RefundView | null = null;
  if (body.refund) {
    const current = await loadOrder(tx, order.id, true);
    const amount = cancelRefundOf(current);
    if (amount > 0)
      refund = (await recordRefund(tx, current, { amountMinor: amount, kind: 'cancellation', reason: body.reason }, actor)).refund;
  }
  // A cancelled order owes nothing: all its documents still bill is credited, refunded or not.
  const creditNoteId = await issueCancellationCreditNote(tx, order, await netInvoicedLines(tx, order.id), actor, {
    reason: body.reason,
    refundId: refund?.id ?? null,
  });
  return {
    extra: {
      cancellationResult: {
        fulfillmentOrdersCancelled: work.fulfillmentOrderIds,
        backordersCancelled: work.backorderIds,
        released: work.released,
        writtenOff: work.writtenOff,
        refund,
        creditNoteId,
      },
    },
  };
}

/** What a cancel refunds when asked: all that was captured and not paid back yet (shipping too). The cancel preview says this amount. */
export function cancelRefundOf(order: OrderDocument): number {
  return refundableOf(order);
}

/** A refused cancel (the order machine's 409: its stable code and fields kept), said in words for whoever asked. */
function inWords(err: unknown, order: OrderDocument): unknown {
  if (!(err instanceof Problem) || err.status !== 409) return err;
  const detail = orderCancelRefusalWords({ code: err.code, message: err.detail ?? err.title }, order);
  return new Problem(err.status, err.code, err.title, detail, err.extra, err.headers);
}

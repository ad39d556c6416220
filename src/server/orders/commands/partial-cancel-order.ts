import type { z } from 'zod';
import type { PartialCancelRequest } from '../../../shared/api/order-commands';
import type { OrderDocument } from '../../../shared/api/orders';
import { issueCancellationCreditNote, cancelledUnitsCredit } from '../../billing/cancellation-credit';
import { Problem, problems } from '../../http/problem';
import { removeLineUnits, type ReleasedUnits } from '../fulfillment-effects';
import type { CommandContext, CommandOutcome } from '../order-command';
import { totalsOf, totalUnits, withoutOrderUnits } from '../order-math';
import { loadOrder } from '../order-store';
import { recordChange } from '../order-transition';
import { cancelOrder } from './cancel-order';
import { refundCancelledUnits } from './refund-cancelled-units';

const PARTIALLY_CANCELLABLE = new Set(['pending', 'confirmed', 'processing', 'partially_shipped', 'on_hold']);

/** True once routing ran: the order has fulfillment orders or backorders whose units must shrink with it. */
export function isRouted(order: OrderDocument): boolean {
  return order.milestones.confirmed !== undefined;
}

/**
 * Cancels some units of some lines (only units not yet picked; refund the cancelled
 * lines; update the total). Each unit leaves with its frozen share of the line's discount and tax,
 * so the total goes down by exactly their price; the refund is the part of it already captured
 * (all of it on a paid order, none on one only authorized); an invoiced order gets a credit note for
 * the units, refunded or not. Cancelling every remaining unit cancels the order.
 */
export async function partialCancelOrder(c: CommandContext, body: z.output<typeof PartialCancelRequest>): Promise<CommandOutcome> {
  const { tx, order, actor } = c;
  if (!PARTIALLY_CANCELLABLE.has(order.status)) {
    const code = order.status === 'cancelled' || order.status === 'refunded' ? 'order_status_final' : 'order_partial_cancel_forbidden';
    throw new Problem(409, code, 'Conflict', `the order is ${order.status}: units can no longer be cancelled (take a return instead)`, {
      currentStatus: order.status,
      currentVersion: order.version,
    });
  }
  for (const item of body.lines) {
    const line = order.lines.find((l) => l.id === item.lineId);
    if (!line) throw problems.unprocessable('order_line_not_found', `line ${item.lineId} is not on the order`);
    if (item.quantity > line.quantity) {
      throw problems.unprocessable(
        'partial_cancel_exceeds_quantity',
        `${line.sku}: ${line.quantity} units are on the order, cannot cancel ${item.quantity}`,
        { lineId: line.id },
      );
    }
  }
  const requested = body.lines.reduce((n, l) => n + l.quantity, 0);
  const credit = await cancelledUnitsCredit(tx, order, body.lines);
  const { changed, removed, removedMinor } = withoutOrderUnits(order, body.lines);
  await recordChange(tx, { ...changed, totals: totalsOf(changed) }, actor, 'order-partially-cancelled', {
    reason: body.reason,
    restock: body.restock,
    refund: body.refund,
    lines: removed,
    removedMinor,
  });
  if (requested === totalUnits(order) && !order.milestones.partially_shipped) {
    // The units leave the lines first, exactly as when they are cancelled one at a time: the
    // same end state has the same totals and counters, however it was reached.
    const outcome = await cancelOrder(
      { ...c, order: await loadOrder(tx, order.id, true) },
      { reason: body.reason, restock: body.restock, refund: body.refund },
    );
    return { extra: { ...outcome.extra, cancelledWholeOrder: true } };
  }
  const released: ReleasedUnits[] = [];
  if (isRouted(order)) {
    for (const item of body.lines) {
      const line = order.lines.find((l) => l.id === item.lineId)!;
      released.push(...(await removeLineUnits(tx, order, line, item.quantity, body.restock, body.reason, actor)));
    }
  }
  const refund = body.refund ? await refundCancelledUnits(tx, order, { removed, removedMinor }, body.reason, actor) : null;
  const creditNoteId = await issueCancellationCreditNote(tx, order, credit, actor, { reason: body.reason, refundId: refund?.id ?? null });
  return { extra: { partialCancellation: { lines: removed, removedMinor, released, refund, creditNoteId } } };
}

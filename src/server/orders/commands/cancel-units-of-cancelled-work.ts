import type { RefundView } from '../../../shared/api/payments';
import type { Actor } from '../../../shared/events/station-events';
import type { Queryable } from '../../db/database';
import { cancelOrderLeftWithNothing } from '../../backorders/cancelled-backorder-order';
import { cancelledUnitsCredit, issueCancellationCreditNote } from '../../billing/cancellation-credit';
import { totalsOf, withoutOrderUnits, type CancelledUnits } from '../order-math';
import { loadOrder } from '../order-store';
import { recordChange } from '../order-transition';
import { refundCancelledUnits } from './refund-cancelled-units';

export interface CancelledWorkUnits {
  lines: CancelledUnits[];
  removedMinor: number;
  refund: RefundView | null;
  cancelledWholeOrder: boolean;
}

/** The work whose cancel takes the units off: a fulfillment order, or a backorder. */
export type CancelledWork = { reason: string } & ({ fulfillmentOrderId: string } | { backorderId: string });

/**
 * The customer's side of a fulfillment order or backorder cancelled at the warehouse (the work
 * and its reservation are gone already): its units will not ship, so they leave the order exactly
 * as a partial cancel takes them (each with its frozen share of discount and tax: the total and the
 * balance due drop by their price), only what was captured for them is refunded, and what they
 * were invoiced for is credited (a credit note, refunded or not). An order left
 * with nothing to ship and nothing shipped is cancelled, what it paid (shipping too) refunded.
 */
export async function cancelUnitsOfCancelledWork(
  tx: Queryable,
  orderId: string,
  units: readonly { lineId: string; quantity: number }[],
  why: CancelledWork,
  actor: Actor,
): Promise<CancelledWorkUnits> {
  const order = await loadOrder(tx, orderId, true);
  // A line never gives more than it holds (units taken off it before, by an edit, say).
  const items = units
    .map((u) => ({ lineId: u.lineId, quantity: Math.min(u.quantity, order.lines.find((l) => l.id === u.lineId)?.quantity ?? 0) }))
    .filter((u) => u.quantity > 0);
  const credit = await cancelledUnitsCredit(tx, order, items);
  const { changed, removed, removedMinor } = withoutOrderUnits(order, items);
  const { reason: given, ...work } = why;
  const reason = `${'backorderId' in work ? 'backorder' : 'fulfillment order'} cancelled: ${given}`;
  if (items.length) {
    await recordChange(tx, { ...changed, totals: totalsOf(changed) }, actor, 'order-partially-cancelled', {
      reason,
      ...work,
      restock: true,
      refund: true,
      lines: removed,
      removedMinor,
    });
  }
  if (await cancelOrderLeftWithNothing(tx, orderId, why.reason, actor, true))
    return { lines: removed, removedMinor, refund: null, cancelledWholeOrder: true };
  const refund = await refundCancelledUnits(tx, order, { removed, removedMinor }, reason, actor);
  await issueCancellationCreditNote(tx, order, credit, actor, { reason, refundId: refund?.id ?? null });
  return { lines: removed, removedMinor, refund, cancelledWholeOrder: false };
}

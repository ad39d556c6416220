import type { OrderDocument } from '../../../shared/api/orders';
import type { RefundView } from '../../../shared/api/payments';
import type { Actor } from '../../../shared/events/station-events';
import type { Queryable } from '../../db/database';
import { recordRefund, refundableOf } from '../../payments/refunds';
import { paidShareOf, type CancelledUnits } from '../order-math';
import { loadOrder } from '../order-store';

/**
 * Pays back, for units just cancelled off an order, only what was captured for them: what was
 * still owed for them is simply no longer owed. `before` is the order as it was before the units
 * left it (its balance due decides the captured part); null when nothing is to go back.
 */
export async function refundCancelledUnits(
  tx: Queryable,
  before: OrderDocument,
  cut: { removed: CancelledUnits[]; removedMinor: number },
  reason: string,
  actor: Actor,
): Promise<RefundView | null> {
  const current = await loadOrder(tx, before.id, true);
  const amount = Math.min(refundableOf(current), paidShareOf(before, cut.removedMinor));
  if (amount <= 0) return null;
  return (await recordRefund(tx, current, { amountMinor: amount, kind: 'cancellation', reason, lines: cut.removed }, actor)).refund;
}

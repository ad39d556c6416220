import type { z } from 'zod';
import type { CloseOrderRequest, DeliverOrderRequest, ReopenOrderRequest } from '../../../shared/api/order-commands';
import { shippedUnitsOf } from '../fulfillment-effects';
import type { CommandContext } from '../order-command';
import { totalUnits } from '../order-math';
import { moveOrder } from '../order-transition';

/** delivered -> completed: the final state once goods arrived and money is settled. */
export async function closeOrder({ tx, order, actor }: CommandContext, body: z.output<typeof CloseOrderRequest>): Promise<void> {
  await moveOrder(tx, order, 'completed', actor, { command: 'close', reason: body.reason ?? null });
}

/** completed -> delivered: admin only, with a reason, for the audit. */
export async function reopenOrder({ tx, order, actor }: CommandContext, body: z.output<typeof ReopenOrderRequest>): Promise<void> {
  await moveOrder(tx, order, 'delivered', actor, { command: 'reopen', reason: body.reason });
}

/** Delivery confirmation: only when every unit shipped (what is not yet shipped cannot have arrived). */
export async function deliverOrder({ tx, order, actor }: CommandContext, body: z.output<typeof DeliverOrderRequest>): Promise<void> {
  const shipped = await shippedUnitsOf(tx, order.id);
  await moveOrder(tx, order, 'delivered', actor, {
    command: 'deliver',
    reason: body.reason ?? null,
    ctx: { shippedUnits: shipped.total, totalUnits: totalUnits(order) },
    at: body.deliveredAt ?? new Date().toISOString(),
  });
}

import type { z } from 'zod';
import type { CloseOrderRequest, DeliverOrderRequest, ReopenOrderRequest } from '../../../shared/api/order-commands';
import { shippedUnitsOf } from '../fulfillment-effects';
import type { CommandContext } from '../order-command';
import { totalUnits } from '../order-math';
import { moveOrder } from '../order-transition';

/** delivered -> completed: the final state once goods arrived and money is settled (seed 003 close). */
export async function closeOrder({ tx, order, actor }: CommandContext, body: z.output<typeof CloseOrderRequest>): Promise<void> {
  await moveOrder(tx, order, 'completed', actor, { command: 'close', reason: body.reason ?? null });
}

/** completed -> delivered: admin only, with a reason, for the audit (seed 003 reopen). */
export async function reopenOrder({ tx, order, actor }: CommandContext, body: z.output<typeof ReopenOrderRequest>): Promise<void> {
  await moveOrder(tx, order, 'delivered', actor, { command: 'reopen', reason: body.reason });
}

/** Delivery confirmation (seed 000 confirmDelivery, seed 001 markOrderDelivered): only when every unit shipped. */
export async function deliverOrder({ tx, order, actor }: CommandContext, body: z.output<typeof DeliverOrderRequest>): Promise<void> {
  const shipped = await shippedUnitsOf(tx, order.id);
  await moveOrder(tx, order, 'delivered', actor, {
    command: 'deliver', reason: body.reason ?? null, ctx: { shippedUnits: shipped.total, totalUnits: totalUnits(order) }, at: body.deliveredAt ?? new Date().toISOString(),
  });
}

import type { z } from 'zod';
import type { ConfirmOrderRequest } from '../../../shared/api/order-commands';
import { problems } from '../../http/problem';
import type { CommandContext, CommandOutcome } from '../order-command';
import { moveOrder } from '../order-transition';
import { routeOrder } from '../routing';

/** pending -> confirmed, then routing (fulfillment orders, reservations, backorders), as creating a paid order does. */
export async function confirmOrder(
  { tx, order, actor, principal }: CommandContext,
  body: z.output<typeof ConfirmOrderRequest>,
): Promise<CommandOutcome> {
  if (body.overridePaymentCheck && principal.role !== 'admin' && principal.role !== 'supervisor') {
    throw problems.forbidden('only a supervisor or an admin may confirm without an authorized payment');
  }
  const confirmed = await moveOrder(tx, order, 'confirmed', actor, {
    command: 'confirm',
    reason: body.reason ?? null,
    // Without a payment status in the context the payment guard does not apply.
    ctx: body.overridePaymentCheck ? { paymentStatus: undefined } : {},
    payload: { overridePaymentCheck: body.overridePaymentCheck, paymentStatus: order.paymentStatus },
  });
  const routing = await routeOrder(tx, confirmed, actor);
  return { extra: { routing: { fulfillmentOrderIds: routing.fulfillmentOrders.map((f) => f.id), backorders: routing.backorders } } };
}

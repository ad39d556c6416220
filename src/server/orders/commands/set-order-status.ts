import type { z } from 'zod';
import type { SetStatusRequest } from '../../../shared/api/order-commands';
import type { HoldReason } from '../../../shared/domain/fulfillment-status';
import { VOCABULARIES, normaliseStatus } from '../status-vocabularies';
import { Problem, problems } from '../../http/problem';
import type { CommandContext, CommandOutcome } from '../order-command';
import { assertTransition } from '../order-transition';
import { cancelOrder } from './cancel-order';
import { closeOrder, deliverOrder } from './close-order';
import { confirmOrder } from './confirm-order';
import { holdOrder, releaseHolds } from './hold-order';

/**
 * "Set the status" as other order APIs ask for it (updateOrderStatus, bulk update-status),
 * in any status vocabulary: the value is mapped onto our model and the command it means is run, with
 * the same checks. Moves the state machine forbids are refused with its codes (every
 * vocabulary's forbidden moves, VOCABULARY_FORBIDDEN_MOVES: delivered -> cancelled, anything out of refunded...); statuses that are
 * derived from fulfillment or refunds are refused with order_status_derived.
 */
export async function setOrderStatus(c: CommandContext, body: z.output<typeof SetStatusRequest>): Promise<CommandOutcome> {
  const { order } = c;
  const value = normaliseStatus(body.vocabulary, body.status);
  if (!value) {
    throw problems.unprocessable(
      'unknown_status',
      `${body.status} is not a ${body.vocabulary} status (${VOCABULARIES[body.vocabulary].orderStatuses.join(', ')})`,
    );
  }
  const target = VOCABULARIES[body.vocabulary].commandTarget[value];
  if (!target)
    throw problems.unprocessable('order_status_not_settable', `${value} is a payment state; it changes through the payment webhook`);
  if (target === order.status) return { extra: { unchanged: true } };
  const reason = body.reason ?? `status set to ${value} (${body.vocabulary})`;

  if (order.status === 'on_hold' && target === order.statusBeforeHold) {
    await releaseHolds(c.tx, order, order.holds as HoldReason[], reason, c.actor);
    return {};
  }
  assertTransition(order, target);
  switch (target) {
    case 'confirmed':
      return confirmOrder(c, { reason, overridePaymentCheck: false });
    case 'on_hold':
      await holdOrder(c, { reasons: body.holdReasons ?? ['other'], note: reason });
      return {};
    case 'cancelled':
      return cancelOrder(c, { reason, restock: true, refund: true });
    case 'delivered':
      await deliverOrder(c, { reason });
      return {};
    case 'completed':
      await closeOrder(c, { reason });
      return {};
    case 'refunded':
      throw new Problem(
        409,
        'order_status_requires_refund',
        'Conflict',
        'an order becomes refunded when what was paid is refunded: POST /v1/orders/{id}/refunds',
      );
    default:
      throw new Problem(
        409,
        'order_status_derived',
        'Conflict',
        `${target} follows from fulfillment progress (stations shipping packages); it is not set by hand`,
        {
          currentStatus: order.status,
          requestedStatus: target,
        },
      );
  }
}

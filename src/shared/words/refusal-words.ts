import type { BackorderStatus } from '../domain/backorder-status';
import type { OrderStatus } from '../domain/order-status';
import type { FulfillmentAdminEvent } from '../events/fulfillment-admin-events';
import type { FulfillmentDocument } from '../sync/fulfillment-document';
import { orderStateWords } from './order-words';

/**
 * Refusals of a supervisor's (or an integrator's) action, said as what happened and what to do,
 * for the person at the desk: "ORD-1042 is being packed at Pack 1: ask them to put it aside
 * first, then move it". The refusal's code is not changed by its words: clients keep reading it.
 */
type Refusal = { code: string; message: string };
type OrderDoc = Pick<FulfillmentDocument, 'orderNumber' | 'status' | 'holds' | 'lease'>;

/** What the action does to the order ("… then move it") and what it would have been ("can no longer be moved"). */
const ORDER_ACTIONS: Record<FulfillmentAdminEvent['type'], { doing: string; done: string }> = {
  'fulfillment-order-held': { doing: 'hold it', done: 'held' },
  'fulfillment-order-released': { doing: 'release it', done: 'released' },
  'fulfillment-order-assigned': { doing: 'give it to a station', done: 'given to a station' },
  'fulfillment-order-unclaimed': { doing: 'take it back', done: 'taken back' },
  'fulfillment-order-moved': { doing: 'move it', done: 'moved' },
  'fulfillment-order-cancelled': { doing: 'cancel it', done: 'cancelled' },
  'package-recorded': { doing: 'put the parcel on it', done: 'given a parcel' },
  'package-labelled': { doing: 'label its parcel', done: 'labelled' },
  'package-relabelled': { doing: 'relabel its parcel', done: 'relabelled' },
  'package-voided': { doing: 'unpack its parcel', done: 'unpacked' },
  'package-tracking-updated': { doing: 'update its parcel', done: 'updated' },
};

const ENDED: readonly OrderDoc['status'][] = ['closed', 'cancelled', 'incomplete'];

/** A refusal of an action on a fulfillment order, in words, from the order as it stands. Unknown codes keep their message. */
export function orderRefusalWords(refusal: Refusal, doc: OrderDoc, action: FulfillmentAdminEvent['type']): string {
  const n = doc.orderNumber;
  const state = orderStateWords(doc);
  const { doing, done } = ORDER_ACTIONS[action];
  switch (refusal.code) {
    case 'fulfillment_order_in_progress_elsewhere':
      return `${n} is ${state}: ask them to put it aside first, then ${doing}`;
    case 'fulfillment_order_on_hold':
      return `${n} is ${state}: release the hold first, then ${doing}`;
    case 'fulfillment_order_not_on_hold':
      return `${n} is not on hold (it is ${state}): there is no hold to release`;
    case 'hold_reason_not_present':
      return `${n} is ${state}, ${refusal.message}: release only what it is held for`;
    case 'fulfillment_order_not_claimed':
      // Shipped, cancelled or moved meanwhile: it has ended, whoever held it last.
      if (ENDED.includes(doc.status)) return `${n} is ${state}, so it can no longer be ${done}`;
      return `${n} is ${state}: no station has it, so there is nothing to take back`;
    case 'fulfillment_order_work_started':
      return `Items of ${n} were already picked or packed here: finish it here, or put them back on the shelf and unpack its boxes before moving it`;
    case 'fulfillment_order_same_warehouse':
      return `${n} is already at that warehouse: choose another warehouse, or one of its stations`;
    case 'fulfillment_order_moved_already':
      return `${n} was moved to another warehouse meanwhile: refresh to see where it is now`;
    case 'fulfillment_order_partly_shipped':
      return `Part of ${n} has already shipped, so it can no longer be ${done}`;
    case 'fulfillment_order_status_final':
    case 'fulfillment_order_transition_forbidden':
    case `fulfillment_order_${doc.status}`:
      return `${n} is ${state}, so it can no longer be ${done}`;
    default:
      return refusal.message;
  }
}

/** A backorder's state as a sentence ends it: "2 × MUG-01 for ORD-1042 was …". */
const BACKORDER_STATE: Record<BackorderStatus, string> = {
  waiting: 'is waiting for stock',
  allocated: 'has stock held for it',
  released: 'was already released to be packed',
  reassigned: 'was already reassigned to another warehouse',
  cancelled: 'was already cancelled',
};

/** A refusal of an action on a backorder that is no longer in a state to take it ("… there is nothing left to reassign"). */
export function backorderRefusalWords(
  b: { quantity: number; sku: string; orderNumber: string; status: BackorderStatus },
  action: 'reassign' | 'release' | 'cancel' | 'move',
): string {
  const which = `${b.quantity} × ${b.sku} for ${b.orderNumber}`;
  if (b.status === 'waiting' && action === 'release')
    return `${which} is still waiting for stock: release it once stock is held for it, or reassign it to a warehouse that has some`;
  return `${which} ${BACKORDER_STATE[b.status]}: there is nothing left to ${action}; refresh to see where it is`;
}

/** Why an order's backorders cannot ship yet, and what would let them. */
const ORDER_NOT_SHIPPING: Partial<Record<OrderStatus, string>> = {
  pending: 'is not confirmed yet: its backorders ship once it is',
  on_hold: 'is on hold: release the order first, then its backorders can ship',
};

export function orderNotReleasableWords(orderNumber: string, status: OrderStatus): string {
  const why = ORDER_NOT_SHIPPING[status] ?? `is ${status.replaceAll('_', ' ')}: nothing more of it ships, so cancel the backorder instead`;
  return `${orderNumber} ${why}`;
}

const SHIPPED_WHOLE: readonly OrderStatus[] = ['shipped', 'delivered', 'completed'];

/**
 * A refusal to cancel a customer's order, in words: what became of it and what can be done
 * instead ("ORD-1042 has already shipped, …: take a return instead"). Unknown codes keep their message.
 */
export function orderCancelRefusalWords(refusal: Refusal, order: { number: string; status: OrderStatus }): string {
  const n = order.number;
  switch (refusal.code) {
    case 'order_status_final':
      return `${n} was already ${order.status === 'refunded' ? 'refunded' : 'cancelled'}: there is nothing left to cancel`;
    case 'order_already_shipped':
    case 'order_transition_forbidden':
      return SHIPPED_WHOLE.includes(order.status)
        ? `${n} has already shipped, so it can no longer be cancelled: take a return instead`
        : `Part of ${n} has already shipped, so it can no longer be cancelled as a whole: cancel the units left with a partial cancel, or take a return`;
    default:
      return refusal.message;
  }
}

/**
 * A task that changed after the person resolving it read it (more events joined it, or someone
 * else worked it), said so they read it again first: what it says now, or that it was closed.
 */
export function taskChangedWords(task: { title: string; status: string }): string {
  if (task.status === 'done' || task.status === 'cancelled')
    return `This task was ${task.status === 'done' ? 'resolved' : 'cancelled'} by someone else after it was shown to you: "${task.title}". Nothing is left to resolve`;
  return `This task changed after it was shown to you. It now reads: "${task.title}". Read it again before you resolve it`;
}

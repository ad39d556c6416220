import { defineMachine } from './state-machine';

export const ORDER_STATUSES = [
  'pending',
  'confirmed',
  'processing',
  'partially_shipped',
  'shipped',
  'delivered',
  'completed',
  'on_hold',
  'cancelled',
  'refunded',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export interface OrderTransitionContext {
  /** Status the order had before it was put on hold; release goes back there. */
  statusBeforeHold?: OrderStatus | null;
  paymentStatus?: PaymentStatus;
  /** Units already shipped (physical facts) across all packages. */
  shippedUnits?: number;
  totalUnits?: number;
}

export const orderMachine = defineMachine<OrderStatus, OrderTransitionContext>({
  entity: 'order',
  statuses: ORDER_STATUSES,
  initial: 'pending',
  transitions: {
    pending: ['confirmed', 'on_hold', 'cancelled'],
    confirmed: ['processing', 'partially_shipped', 'shipped', 'on_hold', 'cancelled'],
    processing: ['partially_shipped', 'shipped', 'on_hold', 'cancelled', 'confirmed'],
    partially_shipped: ['shipped', 'on_hold', 'delivered'],
    shipped: ['delivered', 'refunded'],
    delivered: ['completed', 'refunded'],
    completed: ['delivered', 'refunded'],
    on_hold: ['pending', 'confirmed', 'processing', 'partially_shipped', 'cancelled'],
    cancelled: [],
    refunded: [],
  },
  guards: {
    'pending->confirmed': (c) =>
      c.paymentStatus && !['authorized', 'paid'].includes(c.paymentStatus)
        ? { code: 'order_payment_required', message: `payment is ${c.paymentStatus}; it must be authorized or paid to confirm` }
        : null,
    'partially_shipped->delivered': (c) =>
      c.shippedUnits !== undefined && c.totalUnits !== undefined && c.shippedUnits < c.totalUnits
        ? { code: 'order_not_fully_shipped', message: 'some units have not shipped yet' }
        : null,
    'on_hold->pending': releaseTo('pending'),
    'on_hold->confirmed': releaseTo('confirmed'),
    'on_hold->processing': releaseTo('processing'),
    'on_hold->partially_shipped': releaseTo('partially_shipped'),
    'confirmed->cancelled': notShipped,
    'processing->cancelled': notShipped,
    'on_hold->cancelled': notShipped,
  },
});

function releaseTo(target: OrderStatus) {
  return (c: OrderTransitionContext) =>
    c.statusBeforeHold && c.statusBeforeHold !== target
      ? { code: 'order_release_target_mismatch', message: `order was ${c.statusBeforeHold} before the hold, not ${target}` }
      : null;
}

function notShipped(c: OrderTransitionContext) {
  return (c.shippedUnits ?? 0) > 0
    ? { code: 'order_already_shipped', message: 'units have shipped; cancel the rest with a partial cancel or take a return' }
    : null;
}

export const PAYMENT_STATUSES = ['pending', 'authorized', 'paid', 'partially_refunded', 'refunded', 'failed'] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

export const paymentMachine = defineMachine<PaymentStatus>({
  entity: 'payment',
  statuses: PAYMENT_STATUSES,
  initial: 'pending',
  transitions: {
    pending: ['authorized', 'paid', 'failed'],
    authorized: ['paid', 'failed'],
    paid: ['partially_refunded', 'refunded'],
    partially_refunded: ['partially_refunded', 'refunded'],
    refunded: [],
    failed: ['pending'],
  },
});

export const ORDER_TYPES = ['regular', 'pre_order', 'mixed'] as const;
export type OrderType = (typeof ORDER_TYPES)[number];

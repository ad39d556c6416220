import { ORDER_STATUSES, PAYMENT_STATUSES, type OrderStatus, type PaymentStatus } from '../../shared/domain/order-status';
import type { StatusVocabulary } from '../../shared/api/status-vocabulary';

export { STATUS_VOCABULARIES, type StatusVocabulary } from '../../shared/api/status-vocabulary';

/**
 * Other order systems name order statuses differently. Our model (docs/architecture.md, Domain) is
 * the source of record; each other vocabulary is a presentation of it. One of their values can
 * stand for several of our states (order-management's PROCESSING is confirmed, processing or
 * partially shipped), so presenting is a function and filtering by such a value is the set of our
 * states that present as it.
 */

export interface OrderState {
  status: OrderStatus;
  paymentStatus: PaymentStatus;
  statusBeforeHold: OrderStatus | null;
}

export interface Vocabulary {
  id: StatusVocabulary;
  description: string;
  orderStatuses: readonly string[];
  paymentStatuses: readonly string[];
  presentStatus(state: OrderState): string;
  presentPayment(state: OrderState): string;
  /** The status of ours a request naming this value asks for (null: not something an order is moved to). */
  commandTarget: Readonly<Record<string, OrderStatus | null>>;
}

/** Vocabularies without a hold status show a held order as the status it will return to. */
function beneath(state: OrderState): OrderState {
  return state.status === 'on_hold' ? { ...state, status: state.statusBeforeHold ?? 'pending' } : state;
}

const identityTargets = Object.fromEntries(ORDER_STATUSES.map((s) => [s, s])) as Record<OrderStatus, OrderStatus>;

const dockside: Vocabulary = {
  id: 'dockside',
  description: 'The model of docs/architecture.md (the default).',
  orderStatuses: ORDER_STATUSES,
  paymentStatuses: PAYMENT_STATUSES,
  presentStatus: (s) => s.status,
  presentPayment: (s) => s.paymentStatus,
  commandTarget: identityTargets,
};

const orderLifecycleMap: Record<OrderStatus, string> = {
  pending: 'pending',
  confirmed: 'confirmed',
  processing: 'processing',
  partially_shipped: 'processing',
  shipped: 'shipped',
  delivered: 'delivered',
  completed: 'delivered',
  on_hold: 'pending',
  cancelled: 'cancelled',
  refunded: 'refunded',
};
const orderLifecycle: Vocabulary = {
  id: 'order-lifecycle',
  description: 'A plain order lifecycle: pending, confirmed, processing, shipped, delivered, cancelled, refunded.',
  orderStatuses: ['pending', 'confirmed', 'processing', 'shipped', 'delivered', 'cancelled', 'refunded'],
  paymentStatuses: PAYMENT_STATUSES,
  presentStatus: (s) => orderLifecycleMap[beneath(s).status],
  presentPayment: (s) => s.paymentStatus,
  commandTarget: {
    pending: 'pending',
    confirmed: 'confirmed',
    processing: 'processing',
    shipped: 'shipped',
    delivered: 'delivered',
    cancelled: 'cancelled',
    refunded: 'refunded',
  },
};

const orderManagementMap: Record<OrderStatus, string> = {
  pending: 'PENDING',
  confirmed: 'PROCESSING',
  processing: 'PROCESSING',
  partially_shipped: 'PROCESSING',
  shipped: 'SHIPPED',
  delivered: 'DELIVERED',
  completed: 'DELIVERED',
  on_hold: 'PENDING',
  cancelled: 'CANCELLED',
  refunded: 'REFUNDED',
};
const orderManagementPayment: Record<PaymentStatus, string> = {
  pending: 'PENDING',
  authorized: 'PENDING',
  paid: 'PAID',
  partially_refunded: 'REFUNDED',
  refunded: 'REFUNDED',
  failed: 'FAILED',
};
const orderManagement: Vocabulary = {
  id: 'order-management',
  description:
    'An order management module, in capitals: PENDING, PROCESSING, SHIPPED, DELIVERED, CANCELLED, REFUNDED; payments PENDING, PAID, COMPLETED, FAILED, REFUNDED.',
  orderStatuses: ['PENDING', 'PROCESSING', 'SHIPPED', 'DELIVERED', 'CANCELLED', 'REFUNDED'],
  paymentStatuses: ['PENDING', 'PAID', 'COMPLETED', 'FAILED', 'REFUNDED'],
  presentStatus: (s) => orderManagementMap[beneath(s).status],
  // "Payment fully processed": paid, and the order it paid for is closed.
  presentPayment: (s) => (s.paymentStatus === 'paid' && s.status === 'completed' ? 'COMPLETED' : orderManagementPayment[s.paymentStatus]),
  commandTarget: {
    PENDING: 'pending',
    PROCESSING: 'confirmed',
    SHIPPED: 'shipped',
    DELIVERED: 'delivered',
    CANCELLED: 'cancelled',
    REFUNDED: 'refunded',
  },
};

const fulfillmentRoutingMap: Record<OrderStatus, string> = {
  pending: 'pending',
  confirmed: 'awaiting_fulfillment',
  processing: 'awaiting_fulfillment',
  partially_shipped: 'partially_fulfilled',
  shipped: 'fulfilled',
  delivered: 'delivered',
  completed: 'delivered',
  on_hold: 'pending',
  cancelled: 'cancelled',
  refunded: 'refunded',
};
const fulfillmentRouting: Vocabulary = {
  id: 'fulfillment-routing',
  description:
    'Warehouse routing, split shipments and backorders: pending, payment_processing, paid, awaiting_fulfillment, partially_fulfilled, fulfilled, delivered, cancelled, refunded.',
  orderStatuses: [
    'pending',
    'payment_processing',
    'paid',
    'awaiting_fulfillment',
    'partially_fulfilled',
    'fulfilled',
    'delivered',
    'cancelled',
    'refunded',
  ],
  paymentStatuses: PAYMENT_STATUSES,
  presentStatus: (state) => {
    const s = beneath(state);
    // Before confirmation this vocabulary tells the payment's progress; confirming routes at once, so "paid" only shows while not yet confirmed.
    if (s.status === 'pending' && s.paymentStatus === 'authorized') return 'payment_processing';
    if (s.status === 'pending' && s.paymentStatus === 'paid') return 'paid';
    return fulfillmentRoutingMap[s.status];
  },
  presentPayment: (s) => s.paymentStatus,
  commandTarget: {
    pending: 'pending',
    payment_processing: null,
    paid: 'confirmed',
    awaiting_fulfillment: 'confirmed',
    partially_fulfilled: 'partially_shipped',
    fulfilled: 'shipped',
    delivered: 'delivered',
    cancelled: 'cancelled',
    refunded: 'refunded',
  },
};

const omsRestMap: Record<OrderStatus, string> = {
  pending: 'pending',
  confirmed: 'confirmed',
  processing: 'confirmed',
  partially_shipped: 'confirmed',
  shipped: 'confirmed',
  delivered: 'confirmed',
  completed: 'completed',
  on_hold: 'on_hold',
  cancelled: 'cancelled',
  refunded: 'completed',
};
const omsRest: Vocabulary = {
  id: 'oms-rest',
  description:
    'An order management service REST API: created, pending, confirmed, on_hold, cancelled, completed. We have no drafts, so "created" is never shown.',
  orderStatuses: ['created', 'pending', 'confirmed', 'on_hold', 'cancelled', 'completed'],
  paymentStatuses: PAYMENT_STATUSES,
  presentStatus: (s) => omsRestMap[s.status],
  presentPayment: (s) => s.paymentStatus,
  commandTarget: {
    created: 'pending',
    pending: 'pending',
    confirmed: 'confirmed',
    on_hold: 'on_hold',
    cancelled: 'cancelled',
    completed: 'completed',
  },
};

export const VOCABULARIES: Readonly<Record<StatusVocabulary, Vocabulary>> = {
  dockside,
  'order-lifecycle': orderLifecycle,
  'order-management': orderManagement,
  'fulfillment-routing': fulfillmentRouting,
  'oms-rest': omsRest,
};

/** Every state an order can be in, for reverse lookups. */
export function allOrderStates(): OrderState[] {
  const states: OrderState[] = [];
  for (const status of ORDER_STATUSES) {
    const befores: (OrderStatus | null)[] = status === 'on_hold' ? ORDER_STATUSES.filter((s) => s !== 'on_hold') : [null];
    for (const paymentStatus of PAYMENT_STATUSES)
      for (const statusBeforeHold of befores) states.push({ status, paymentStatus, statusBeforeHold });
  }
  return states;
}

/** The vocabulary's own spelling of a value given in any case, or null when it is not one of its statuses. */
export function normaliseStatus(vocabulary: StatusVocabulary, value: string): string | null {
  return VOCABULARIES[vocabulary].orderStatuses.find((s) => s.toLowerCase() === value.trim().toLowerCase()) ?? null;
}

/** Our states that present as `value` in `vocabulary` (empty when none do, e.g. oms-rest's "created"). */
export function statesPresentedAs(vocabulary: StatusVocabulary, value: string): OrderState[] {
  const v = VOCABULARIES[vocabulary];
  return allOrderStates().filter((s) => v.presentStatus(s) === value);
}

export function paymentStatesPresentedAs(vocabulary: StatusVocabulary, value: string): OrderState[] {
  const v = VOCABULARIES[vocabulary];
  return allOrderStates().filter((s) => v.presentPayment(s) === value);
}

/** A state as one string, the form the server filters on: status|paymentStatus|statusBeforeHold. */
export function stateKey(s: OrderState): string {
  return `${s.status}|${s.paymentStatus}|${s.statusBeforeHold ?? ''}`;
}

/**
 * Moves each vocabulary's system forbids, in its own words (docs/architecture.md wins where one allows
 * more, e.g. order-lifecycle lets a shipped order be cancelled; we take a return instead). Every one must be refused.
 */
export const VOCABULARY_FORBIDDEN_MOVES: readonly { vocabulary: StatusVocabulary; from: OrderStatus; to: OrderStatus; why: string }[] = [
  { vocabulary: 'order-lifecycle', from: 'delivered', to: 'cancelled', why: 'cannot cancel delivered orders' },
  { vocabulary: 'order-lifecycle', from: 'refunded', to: 'pending', why: 'cannot change refunded orders' },
  { vocabulary: 'order-lifecycle', from: 'refunded', to: 'confirmed', why: 'cannot change refunded orders' },
  { vocabulary: 'order-lifecycle', from: 'refunded', to: 'shipped', why: 'cannot change refunded orders' },
  { vocabulary: 'order-lifecycle', from: 'refunded', to: 'delivered', why: 'cannot change refunded orders' },
  { vocabulary: 'order-lifecycle', from: 'refunded', to: 'cancelled', why: 'cannot change refunded orders' },
  { vocabulary: 'order-lifecycle', from: 'cancelled', to: 'confirmed', why: 'cancelled is terminal' },
  { vocabulary: 'order-lifecycle', from: 'cancelled', to: 'pending', why: 'cancelled is terminal' },
  { vocabulary: 'order-lifecycle', from: 'pending', to: 'shipped', why: 'pending moves only to confirmed or cancelled' },
  { vocabulary: 'order-lifecycle', from: 'pending', to: 'delivered', why: 'pending moves only to confirmed or cancelled' },
  { vocabulary: 'order-management', from: 'shipped', to: 'cancelled', why: 'only pending or processing orders are cancellable' },
  { vocabulary: 'order-management', from: 'delivered', to: 'pending', why: 'no way back from delivered' },
  {
    vocabulary: 'fulfillment-routing',
    from: 'partially_shipped',
    to: 'cancelled',
    why: 'partially_fulfilled moves only to fulfilled (cancel the rest with a partial cancel)',
  },
  { vocabulary: 'fulfillment-routing', from: 'shipped', to: 'cancelled', why: 'fulfilled moves only to delivered or refunded' },
  { vocabulary: 'fulfillment-routing', from: 'delivered', to: 'shipped', why: 'delivered moves only to refunded' },
  { vocabulary: 'fulfillment-routing', from: 'cancelled', to: 'pending', why: 'cancelled is terminal' },
  { vocabulary: 'oms-rest', from: 'completed', to: 'cancelled', why: 'completed is final (reopen first, admin only)' },
  { vocabulary: 'oms-rest', from: 'cancelled', to: 'confirmed', why: 'a cancelled order is not confirmed again' },
];

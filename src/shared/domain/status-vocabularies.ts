import { ORDER_STATUSES, PAYMENT_STATUSES, type OrderStatus, type PaymentStatus } from './order-status';

/**
 * The seeds each name order statuses differently. Our model (docs/architecture.md, Domain) is the source of record;
 * each seed's enumeration is a presentation of it. A seed value can stand for several of our
 * states (seed 001's PROCESSING is confirmed, processing or partially shipped), so presenting is a
 * function and filtering by a seed value is the set of our states that present as it.
 */
export const STATUS_VOCABULARIES = ['dockside', 'seed000', 'seed001', 'seed002', 'seed003'] as const;
export type StatusVocabulary = (typeof STATUS_VOCABULARIES)[number];

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

/** Seeds without a hold status show a held order as the status it will return to. */
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

const seed000Map: Record<OrderStatus, string> = {
  pending: 'pending', confirmed: 'confirmed', processing: 'processing', partially_shipped: 'processing', shipped: 'shipped',
  delivered: 'delivered', completed: 'delivered', on_hold: 'pending', cancelled: 'cancelled', refunded: 'refunded',
};
const seed000: Vocabulary = {
  id: 'seed000',
  description: 'Seed 000 (orders system): pending, confirmed, processing, shipped, delivered, cancelled, refunded.',
  orderStatuses: ['pending', 'confirmed', 'processing', 'shipped', 'delivered', 'cancelled', 'refunded'],
  paymentStatuses: PAYMENT_STATUSES,
  presentStatus: (s) => seed000Map[beneath(s).status],
  presentPayment: (s) => s.paymentStatus,
  commandTarget: { pending: 'pending', confirmed: 'confirmed', processing: 'processing', shipped: 'shipped', delivered: 'delivered', cancelled: 'cancelled', refunded: 'refunded' },
};

const seed001Map: Record<OrderStatus, string> = {
  pending: 'PENDING', confirmed: 'PROCESSING', processing: 'PROCESSING', partially_shipped: 'PROCESSING', shipped: 'SHIPPED',
  delivered: 'DELIVERED', completed: 'DELIVERED', on_hold: 'PENDING', cancelled: 'CANCELLED', refunded: 'REFUNDED',
};
const seed001Payment: Record<PaymentStatus, string> = {
  pending: 'PENDING', authorized: 'PENDING', paid: 'PAID', partially_refunded: 'REFUNDED', refunded: 'REFUNDED', failed: 'FAILED',
};
const seed001: Vocabulary = {
  id: 'seed001',
  description: 'Seed 001 (order module): PENDING, PROCESSING, SHIPPED, DELIVERED, CANCELLED, REFUNDED; payments PENDING, PAID, COMPLETED, FAILED, REFUNDED.',
  orderStatuses: ['PENDING', 'PROCESSING', 'SHIPPED', 'DELIVERED', 'CANCELLED', 'REFUNDED'],
  paymentStatuses: ['PENDING', 'PAID', 'COMPLETED', 'FAILED', 'REFUNDED'],
  presentStatus: (s) => seed001Map[beneath(s).status],
  // "Payment fully processed": paid, and the order it paid for is closed.
  presentPayment: (s) => (s.paymentStatus === 'paid' && s.status === 'completed' ? 'COMPLETED' : seed001Payment[s.paymentStatus]),
  commandTarget: { PENDING: 'pending', PROCESSING: 'confirmed', SHIPPED: 'shipped', DELIVERED: 'delivered', CANCELLED: 'cancelled', REFUNDED: 'refunded' },
};

const seed002Map: Record<OrderStatus, string> = {
  pending: 'pending', confirmed: 'awaiting_fulfillment', processing: 'awaiting_fulfillment', partially_shipped: 'partially_fulfilled',
  shipped: 'fulfilled', delivered: 'delivered', completed: 'delivered', on_hold: 'pending', cancelled: 'cancelled', refunded: 'refunded',
};
const seed002: Vocabulary = {
  id: 'seed002',
  description: 'Seed 002 (routing and backorders): pending, payment_processing, paid, awaiting_fulfillment, partially_fulfilled, fulfilled, delivered, cancelled, refunded.',
  orderStatuses: ['pending', 'payment_processing', 'paid', 'awaiting_fulfillment', 'partially_fulfilled', 'fulfilled', 'delivered', 'cancelled', 'refunded'],
  paymentStatuses: PAYMENT_STATUSES,
  presentStatus: (state) => {
    const s = beneath(state);
    // Before confirmation seed 002 tells the payment's progress; confirming routes at once, so "paid" only shows while not yet confirmed.
    if (s.status === 'pending' && s.paymentStatus === 'authorized') return 'payment_processing';
    if (s.status === 'pending' && s.paymentStatus === 'paid') return 'paid';
    return seed002Map[s.status];
  },
  presentPayment: (s) => s.paymentStatus,
  commandTarget: {
    pending: 'pending', payment_processing: null, paid: 'confirmed', awaiting_fulfillment: 'confirmed', partially_fulfilled: 'partially_shipped',
    fulfilled: 'shipped', delivered: 'delivered', cancelled: 'cancelled', refunded: 'refunded',
  },
};

const seed003Map: Record<OrderStatus, string> = {
  pending: 'pending', confirmed: 'confirmed', processing: 'confirmed', partially_shipped: 'confirmed', shipped: 'confirmed',
  delivered: 'confirmed', completed: 'completed', on_hold: 'on_hold', cancelled: 'cancelled', refunded: 'completed',
};
const seed003: Vocabulary = {
  id: 'seed003',
  description: 'Seed 003 (REST API surface): created, pending, confirmed, on_hold, cancelled, completed. We have no drafts, so "created" is never shown.',
  orderStatuses: ['created', 'pending', 'confirmed', 'on_hold', 'cancelled', 'completed'],
  paymentStatuses: PAYMENT_STATUSES,
  presentStatus: (s) => seed003Map[s.status],
  presentPayment: (s) => s.paymentStatus,
  commandTarget: { created: 'pending', pending: 'pending', confirmed: 'confirmed', on_hold: 'on_hold', cancelled: 'cancelled', completed: 'completed' },
};

export const VOCABULARIES: Readonly<Record<StatusVocabulary, Vocabulary>> = { dockside, seed000, seed001, seed002, seed003 };

/** Every state an order can be in, for reverse lookups. */
export function allOrderStates(): OrderState[] {
  const states: OrderState[] = [];
  for (const status of ORDER_STATUSES) {
    const befores: (OrderStatus | null)[] = status === 'on_hold' ? ORDER_STATUSES.filter((s) => s !== 'on_hold') : [null];
    for (const paymentStatus of PAYMENT_STATUSES) for (const statusBeforeHold of befores) states.push({ status, paymentStatus, statusBeforeHold });
  }
  return states;
}

/** The vocabulary's own spelling of a value given in any case, or null when it is not one of its statuses. */
export function normaliseStatus(vocabulary: StatusVocabulary, value: string): string | null {
  return VOCABULARIES[vocabulary].orderStatuses.find((s) => s.toLowerCase() === value.trim().toLowerCase()) ?? null;
}

/** Our states that present as `value` in `vocabulary` (empty when none do, e.g. seed 003's "created"). */
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
 * Moves the seeds forbid, in each seed's own words (docs/architecture.md wins where seeds allow more, e.g.
 * seed 000 lets a shipped order be cancelled; we take a return instead). Every one must be refused.
 */
export const SEED_FORBIDDEN_MOVES: readonly { vocabulary: StatusVocabulary; from: OrderStatus; to: OrderStatus; why: string }[] = [
  { vocabulary: 'seed000', from: 'delivered', to: 'cancelled', why: 'seed 000: cannot cancel delivered orders' },
  { vocabulary: 'seed000', from: 'refunded', to: 'pending', why: 'seed 000: cannot change refunded orders' },
  { vocabulary: 'seed000', from: 'refunded', to: 'confirmed', why: 'seed 000: cannot change refunded orders' },
  { vocabulary: 'seed000', from: 'refunded', to: 'shipped', why: 'seed 000: cannot change refunded orders' },
  { vocabulary: 'seed000', from: 'refunded', to: 'delivered', why: 'seed 000: cannot change refunded orders' },
  { vocabulary: 'seed000', from: 'refunded', to: 'cancelled', why: 'seed 000: cannot change refunded orders' },
  { vocabulary: 'seed000', from: 'cancelled', to: 'confirmed', why: 'seed 000: cancelled is terminal' },
  { vocabulary: 'seed000', from: 'cancelled', to: 'pending', why: 'seed 000: cancelled is terminal' },
  { vocabulary: 'seed000', from: 'pending', to: 'shipped', why: 'seed 000: pending moves only to confirmed or cancelled' },
  { vocabulary: 'seed000', from: 'pending', to: 'delivered', why: 'seed 000: pending moves only to confirmed or cancelled' },
  { vocabulary: 'seed001', from: 'shipped', to: 'cancelled', why: 'seed 001: only pending or processing orders are cancellable' },
  { vocabulary: 'seed001', from: 'delivered', to: 'pending', why: 'seed 001: no way back from delivered' },
  { vocabulary: 'seed002', from: 'partially_shipped', to: 'cancelled', why: 'seed 002: partially_fulfilled moves only to fulfilled (cancel the rest with a partial cancel)' },
  { vocabulary: 'seed002', from: 'shipped', to: 'cancelled', why: 'seed 002: fulfilled moves only to delivered or refunded' },
  { vocabulary: 'seed002', from: 'delivered', to: 'shipped', why: 'seed 002: delivered moves only to refunded' },
  { vocabulary: 'seed002', from: 'cancelled', to: 'pending', why: 'seed 002: cancelled is terminal' },
  { vocabulary: 'seed003', from: 'completed', to: 'cancelled', why: 'seed 003: completed is final (reopen first, admin only)' },
  { vocabulary: 'seed003', from: 'cancelled', to: 'confirmed', why: 'seed 003: a cancelled order is not confirmed again' },
];

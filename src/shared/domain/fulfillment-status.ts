import { defineMachine } from './state-machine';

/** A fulfillment order is the work routed to one warehouse (Shopify's FulfillmentOrder). */
export const FULFILLMENT_STATUSES = ['open', 'in_progress', 'on_hold', 'closed', 'cancelled', 'incomplete'] as const;
export type FulfillmentStatus = (typeof FULFILLMENT_STATUSES)[number];

export interface FulfillmentTransitionContext {
  /** The station asking, and the one holding the claim. */
  stationId?: string | null;
  claimedByStationId?: string | null;
  unshippedUnits?: number;
  shippedUnits?: number;
}

export const fulfillmentMachine = defineMachine<FulfillmentStatus, FulfillmentTransitionContext>({
  entity: 'fulfillment_order',
  statuses: FULFILLMENT_STATUSES,
  initial: 'open',
  transitions: {
    open: ['in_progress', 'on_hold', 'cancelled', 'incomplete', 'closed'],
    in_progress: ['open', 'closed', 'on_hold', 'cancelled', 'incomplete'],
    on_hold: ['open', 'in_progress', 'cancelled'],
    closed: [],
    cancelled: [],
    incomplete: [],
  },
  guards: {
    'in_progress->incomplete': (c) =>
      c.claimedByStationId && c.stationId !== c.claimedByStationId
        ? { code: 'fulfillment_order_in_progress_elsewhere', message: 'another station is packing this order' }
        : null,
    'in_progress->open': (c) =>
      (c.shippedUnits ?? 0) > 0 ? { code: 'fulfillment_order_partly_shipped', message: 'units have already shipped' } : null,
    'in_progress->closed': allShipped,
    'open->closed': allShipped,
    'in_progress->cancelled': (c) =>
      (c.shippedUnits ?? 0) > 0 ? { code: 'fulfillment_order_partly_shipped', message: 'units have already shipped' } : null,
  },
});

function allShipped(c: FulfillmentTransitionContext) {
  return (c.unshippedUnits ?? 0) > 0
    ? { code: 'fulfillment_order_units_unshipped', message: `${c.unshippedUnits} units are not shipped yet` }
    : null;
}

export const HOLD_REASONS = [
  'awaiting_payment',
  'high_risk_of_fraud',
  'incorrect_address',
  'inventory_out_of_stock',
  'supervisor',
  'other',
] as const;
export type HoldReason = (typeof HOLD_REASONS)[number];

/** Hold reasons as people read them: "incorrect address, supervisor" (not the codes). */
export function holdReasonsText(reasons: readonly string[]): string {
  return reasons.map((r) => r.replaceAll('_', ' ')).join(', ');
}

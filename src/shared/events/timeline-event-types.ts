import { ORDER_STATUSES } from '../domain/order-status';

/**
 * Every type of event the timeline records: what webhooks may subscribe to (besides the dotted
 * forms and order.<status>), and what the station's Activity screen has words for. The server
 * refuses, in its tests, to write a type missing here (timeline.ts).
 */
export const TIMELINE_EVENT_TYPES = [
  // orders
  'order-created',
  'order-updated',
  'order-status-changed',
  'order-line-added',
  'order-line-updated',
  'order-line-removed',
  'order-partially-cancelled',
  'order-hold-placed',
  'order-hold-released',
  'order-duplicated',
  'replacement-order-created',
  'note-added',
  'order-quote-created',
  'order-quote-applied',
  // payments and refunds
  'payment-received',
  'payment-status-changed',
  'payment-event-rejected',
  'refund-requested',
  'refund-created',
  'refund-failed',
  'invoice-issued',
  'credit-note-issued',
  // fulfillment
  'fulfillment-order-created',
  'fulfillment-order-claimed',
  'fulfillment-order-assigned',
  'fulfillment-order-unclaimed',
  'fulfillment-order-held',
  'fulfillment-order-released',
  'fulfillment-order-moved',
  'fulfillment-order-cancelled',
  'fulfillment-order-lines-reduced',
  'fulfillment-order-ship-to-changed',
  'item-picked',
  'pick-shorted',
  'item-verified',
  'package-created',
  'label-printed',
  'package-shipped',
  'package-recorded',
  'package-labelled',
  'package-relabelled',
  'package-voided',
  'package-tracking-updated',
  'carrier-label-bought',
  'carrier-label-voided',
  'reservations-released',
  'channel-routing-set',
  // backorders and stock
  'line-backordered',
  'backorder-allocated',
  'backorder-released',
  'backorder-reassigned',
  'backorder-cancelled',
  'backorder-prioritized',
  'backorder-moved',
  'inventory-received',
  'inventory-counted',
  'bin-stock-adjusted',
  'parcel-written-off',
  'bin-removed',
  'supplier-created',
  'supplier-product-set',
  // returns
  'return-created',
  'return-requested',
  'return-authorized',
  'return-received',
  'return-units-received',
  'return-inspected',
  'return-unit-inspected',
  'return-regraded',
  'return-unit-regraded',
  'return-inspection-completed',
  'return-completed',
  'return-rejected',
  'return-cancelled',
  'return-exchange-created',
  // supervisor tasks
  'task-created',
  'task-updated',
  // settings and automation policies (the policy is the actor of what it does)
  'settings-changed',
  'policy-applied',
  'customer-data-anonymized',
  // a station event whose content could not be read as one of its kinds (kept, rejected, for the record)
  'invalid-station-event',
] as const;
export type TimelineEventType = (typeof TIMELINE_EVENT_TYPES)[number];

const KNOWN = new Set<string>(TIMELINE_EVENT_TYPES);
export const isTimelineEventType = (type: string): type is TimelineEventType => KNOWN.has(type);

/** Every name a webhook can subscribe to: each type, its dotted form, and order.<status>. */
export const WEBHOOK_EVENT_NAMES: ReadonlySet<string> = new Set([
  ...TIMELINE_EVENT_TYPES,
  ...TIMELINE_EVENT_TYPES.map((t) => t.replace(/-/g, '.')),
  ...ORDER_STATUSES.map((s) => `order.${s}`),
  'order.status.changed',
]);

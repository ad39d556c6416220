import type { NotificationEvent, NotificationLocale } from '../../shared/api/notifications';
import { NOTIFICATION_LOCALES } from '../../shared/api/notifications';
import type { OrderDocument } from '../../shared/api/orders';
import type { FulfillmentLine, PackageDoc } from '../../shared/sync/fulfillment-document';
import type { Queryable } from '../db/database';
import { toIso } from '../db/database';
import { loadOrder } from '../orders/order-store';
import type { NotificationRow } from './notification-store';
import { trackingUrl } from './tracking-links';

export interface ShipmentFacts {
  carrier: string | null;
  trackingNumbers: string[];
  /** The carrier's tracking page when the carrier is one we know. */
  trackingUrl: string | null;
  items: { name: string; quantity: number }[];
}

/** Everything a notification says, read when it is sent (the order as it is then, the fact as it was recorded). */
export interface NotificationFacts {
  event: NotificationEvent;
  resend: boolean;
  locale: NotificationLocale;
  orderNumber: string;
  customerName: string;
  email: string | null;
  phone: string | null;
  currency: string;
  totalMinor: number;
  /** Fulfillment orders the order is split into (more than one: it arrives in several shipments). */
  plannedShipments: number;
  shipments: ShipmentFacts[];
  backorders: { name: string; sku: string; quantity: number; expectedDate: string | null }[];
  refund: { amountMinor: number; currency: string } | null;
  /** The order's parts (one per fulfillment order not cancelled), and whether each has shipped. */
  parts: { items: { name: string; quantity: number }[]; shipped: boolean }[];
  /** Units not shipped yet: in parts still being prepared, or on backorder. */
  remaining: { name: string; quantity: number }[];
  /** The return (RMA) number of a return notification. */
  returnNumber: string | null;
  /** What a cancellation pays back, when the order was paid and the cancellation refunds it. */
  cancellationRefundMinor: number | null;
}

const SENT_PACKAGE = new Set(['shipped', 'in_transit', 'delivered', 'exception']);

/** The order's language: metadata `locale` (or `language`), as `de` or `de-AT`, when we have templates for it. */
export function localeOf(order: OrderDocument, fallback: NotificationLocale): NotificationLocale {
  const raw = order.metadata?.locale ?? order.metadata?.language;
  if (typeof raw !== 'string') return fallback;
  const lang = raw.trim().toLowerCase().split(/[-_]/)[0];
  return (NOTIFICATION_LOCALES as readonly string[]).includes(lang ?? '') ? (lang as NotificationLocale) : fallback;
}

export async function notificationFacts(db: Queryable, n: NotificationRow, defaultLocale: NotificationLocale): Promise<NotificationFacts> {
  const order = await loadOrder(db, n.order_id);
  const names = new Map(order.lines.map((l) => [l.id, l.name]));
  const [event] = n.timeline_event_id
    ? await db.query<{ payload: Record<string, unknown> }>('select payload from timeline_events where id = $1', [n.timeline_event_id])
    : [];
  const fos = await db.query<{ doc: { status: string; packages: PackageDoc[]; lines: FulfillmentLine[] } }>(
    'select doc from fulfillment_orders where order_id = $1 order by created_at',
    [order.id],
  );
  const details = await db.query<{ package_id: string; tracking_numbers: string[] }>(
    'select package_id, tracking_numbers from package_details where order_id = $1',
    [order.id],
  );
  const numbersOf = new Map(details.map((d) => [d.package_id, d.tracking_numbers]));
  const shipments = fos
    .flatMap((f) => f.doc.packages ?? [])
    .filter((p) => SENT_PACKAGE.has(p.status))
    .map((p): ShipmentFacts => {
      const numbers = numbersOf.get(p.id)?.length ? numbersOf.get(p.id)! : p.trackingNumber ? [p.trackingNumber] : [];
      return {
        carrier: p.carrier,
        trackingNumbers: numbers,
        trackingUrl: numbers[0] ? trackingUrl(p.carrier, numbers[0]) : null,
        items: p.contents.map((c) => ({ name: names.get(c.lineId) ?? 'item', quantity: c.quantity })),
      };
    });
  const needsBackorders = ['order.backordered', 'order.partially_shipped', 'order.split'].includes(n.event);
  const backorders = needsBackorders ? await waitingBackorders(db, order, names) : [];
  const active = fos.filter((f) => f.doc.status !== 'cancelled' && f.doc.status !== 'incomplete');
  const parts = active.map((f) => ({
    items: f.doc.lines.map((l) => ({ name: l.name, quantity: l.quantity })),
    shipped: f.doc.lines.every((l) => l.shipped >= l.quantity),
  }));
  const remaining = [
    ...active.flatMap((f) =>
      f.doc.lines.filter((l) => l.shipped < l.quantity).map((l) => ({ name: l.name, quantity: l.quantity - l.shipped })),
    ),
    ...backorders.map((b) => ({ name: b.name, quantity: b.quantity })),
  ];
  const returnNumber = n.event.startsWith('order.return_') && typeof event?.payload.number === 'string' ? event.payload.number : null;
  const cancellationRefundMinor =
    n.event === 'order.cancelled' && order.cancellation?.refund && order.totals.paidMinor > 0 ? order.totals.paidMinor : null;
  const refund =
    n.event === 'order.refunded' && event && typeof event.payload.amountMinor === 'number'
      ? { amountMinor: event.payload.amountMinor, currency: String(event.payload.currency ?? order.currency) }
      : null;
  return {
    event: n.event,
    resend: n.requested_by !== null,
    locale: localeOf(order, defaultLocale),
    orderNumber: order.number,
    customerName: order.customer.name,
    email: order.customer.email ?? order.shippingAddress.email ?? null,
    phone: order.shippingAddress.phone ?? order.billingAddress?.phone ?? null,
    currency: order.currency,
    totalMinor: order.totals.totalMinor,
    plannedShipments: fos.length,
    shipments,
    backorders: n.event === 'order.backordered' ? backorders : [],
    refund,
    parts,
    remaining,
    returnNumber,
    cancellationRefundMinor,
  };
}

/**
 * The order's waiting backorders. The expected date is known when a supplier lists the SKU with a
 * lead time: the backorder's date plus the shortest lead time.
 */
async function waitingBackorders(
  db: Queryable,
  order: OrderDocument,
  names: Map<string, string>,
): Promise<NotificationFacts['backorders']> {
  const rows = await db.query<{ line_id: string; sku: string; quantity: number; created_at: unknown; lead_days: number | null }>(
    `select b.line_id, b.sku, b.quantity, b.created_at,
            (select min(p.lead_time_days) from supplier_products p join suppliers s on s.id = p.supplier_id where s.active and p.sku = b.sku) as lead_days
       from backorders b where b.order_id = $1 and b.status = 'waiting' order by b.created_at, b.sku`,
    [order.id],
  );
  return rows.map((r) => ({
    name: names.get(r.line_id) ?? r.sku,
    sku: r.sku,
    quantity: r.quantity,
    expectedDate:
      r.lead_days === null ? null : new Date(Date.parse(toIso(r.created_at)) + Number(r.lead_days) * 86_400_000).toISOString().slice(0, 10),
  }));
}

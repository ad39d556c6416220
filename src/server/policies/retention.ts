import type { OrderDocument } from '../../shared/api/orders';
import type { Address } from '../../shared/domain/address';
import { fulfillmentOrdersOfForUpdate, saveFulfillmentOrders } from '../fulfillment/fulfillment-store';
import { forgetNotificationRecipients } from '../notifications/notification-store';
import { saveOrder } from '../orders/order-store';
import { appendTimeline } from '../timeline/timeline';
import { ORDERS_PER_RUN, actOnOrders, policyActor, recordPolicyApplied, type AutomationPolicy } from './policy-kit';

const CLOSED = ['completed', 'cancelled', 'refunded'];
const ANONYMISED = 'Anonymised';

/** What is left of an address: its country (tax and statistics need it), nothing that names or reaches a person. */
const anonymisedAddress = (a: Address): Address => ({ name: ANONYMISED, line1: ANONYMISED, city: ANONYMISED, country: a.country });

/** When the order reached the status it is closed in. */
const closedAt = (order: OrderDocument) => Date.parse(order.milestones[order.status] ?? order.updatedAt);

/**
 * Personal-data retention: the customer's name, email, phone and addresses are removed from an
 * order closed (completed, cancelled, refunded) `anonymizeAfterDays` ago, from its fulfillment
 * orders (which replicate the change to stations) and from its notification log. Amounts, lines
 * and the timeline's facts stay for the books.
 */
export const retentionPolicy: AutomationPolicy = {
  name: 'retention',
  async run({ db, settings, now }) {
    const rule = settings.policies.retention;
    const cutoff = new Date(now.getTime() - rule.anonymizeAfterDays * 86_400_000);
    const ids = await db.query<{ id: string }>(
      `select id from orders
        where status = any($1::text[]) and doc->>'anonymizedAt' is null
          and coalesce((doc->'milestones'->>status)::timestamptz, updated_at) < $2
        order by updated_at limit $3`,
      [CLOSED, cutoff.toISOString(), ORDERS_PER_RUN],
    );
    const actor = policyActor('retention', `anonymise customers of orders closed ${rule.anonymizeAfterDays} days ago`);
    return actOnOrders(
      db,
      ids.map((r) => r.id),
      async (tx, order) => {
        if (!CLOSED.includes(order.status) || order.anonymizedAt || closedAt(order) >= cutoff.getTime()) return false;
        const reason = `closed (${order.status}) more than ${rule.anonymizeAfterDays} days ago`;
        await recordPolicyApplied(tx, order, actor, { policy: 'retention', action: 'anonymize', rule, reason });
        await saveOrder(tx, {
          ...order,
          customer: { ...order.customer, name: ANONYMISED, email: null },
          shippingAddress: anonymisedAddress(order.shippingAddress),
          // Documents from before billing addresses were required may lack one.
          billingAddress: order.billingAddress ? anonymisedAddress(order.billingAddress) : order.billingAddress,
          anonymizedAt: now.toISOString(),
        });
        const fos = await fulfillmentOrdersOfForUpdate(tx, order.id);
        await saveFulfillmentOrders(
          tx,
          fos.map((f) => ({ ...f, customerName: ANONYMISED, shipTo: anonymisedAddress(f.shipTo), updatedAt: now.toISOString() })),
        );
        await forgetNotificationRecipients(tx, order.id);
        await appendTimeline(tx, {
          type: 'customer-data-anonymized',
          orderId: order.id,
          payload: { fields: ['customer.name', 'customer.email', 'shippingAddress', 'billingAddress', 'fulfillmentOrders.shipTo'], reason },
          actor,
        });
        return true;
      },
    );
  },
};

import type { z } from 'zod';
import type { UpdateOrderRequest } from '../../../shared/api/order-commands';
import { fulfillmentOrdersOfForUpdate, saveFulfillmentOrder } from '../../fulfillment/fulfillment-store';
import { Problem } from '../../http/problem';
import type { CommandContext } from '../order-command';
import { recordChange } from '../order-transition';
import { appendTimeline } from '../../timeline/timeline';

const FINAL = new Set(['cancelled', 'refunded', 'completed']);

/**
 * PATCH of addresses, customer contact, external reference and metadata.
 * The ship-to address can change until a station starts on the order; open fulfillment
 * orders get it too, so the label prints the new one.
 */
export async function updateOrder({ tx, order, actor }: CommandContext, body: z.output<typeof UpdateOrderRequest>): Promise<void> {
  if (FINAL.has(order.status)) {
    throw new Problem(409, 'order_not_editable', 'Conflict', `the order is ${order.status}`, {
      currentStatus: order.status,
      currentVersion: order.version,
    });
  }
  const fos = body.shippingAddress ? await fulfillmentOrdersOfForUpdate(tx, order.id) : [];
  if (body.shippingAddress) {
    const started = fos.filter((f) => f.status === 'in_progress' || f.status === 'closed' || f.packages.length > 0);
    if (started.length || !['pending', 'confirmed', 'on_hold'].includes(order.status)) {
      throw new Problem(
        409,
        'order_address_locked',
        'Conflict',
        'a station has started on this order: the ship-to address can no longer change',
        { currentVersion: order.version },
      );
    }
  }
  const changed = {
    ...order,
    shippingAddress: body.shippingAddress ?? order.shippingAddress,
    billingAddress: body.billingAddress ?? order.billingAddress,
    customer: {
      ...order.customer,
      name: body.customer?.name ?? order.customer.name,
      email: body.customer?.email === undefined ? order.customer.email : body.customer.email,
    },
    externalReference: body.externalReference === undefined ? order.externalReference : body.externalReference,
    metadata: body.metadata ?? order.metadata,
  };
  const fields = (['shippingAddress', 'billingAddress', 'customer', 'externalReference', 'metadata'] as const).filter(
    (k) => JSON.stringify(changed[k]) !== JSON.stringify(order[k]),
  );
  await recordChange(tx, changed, actor, 'order-updated', {
    fields,
    reason: body.reason ?? null,
    changes: Object.fromEntries(fields.map((k) => [k, { from: order[k], to: changed[k] }])),
  });
  if (body.shippingAddress) {
    for (const fo of fos.filter((f) => f.status === 'open' || f.status === 'on_hold')) {
      await saveFulfillmentOrder(tx, {
        ...fo,
        shipTo: body.shippingAddress,
        customerName: changed.customer.name,
        updatedAt: new Date().toISOString(),
      });
      await appendTimeline(tx, {
        type: 'fulfillment-order-ship-to-changed',
        orderId: order.id,
        fulfillmentOrderId: fo.id,
        entityIds: { fulfillmentOrderId: fo.id },
        payload: { reason: body.reason ?? null },
        actor,
      });
    }
  }
}

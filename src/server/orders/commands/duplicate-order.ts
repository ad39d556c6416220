import type { z } from 'zod';
import type { DuplicateOrderRequest } from '../../../shared/api/order-commands';
import { CreateOrderRequest } from '../../../shared/api/orders';
import { etagOf } from '../../http/etag';
import { parseWith, problems } from '../../http/problem';
import { createOrderIn } from '../create-order';
import type { CommandContext, CommandOutcome } from '../order-command';
import { presentOrder } from '../order-view';
import { appendTimeline } from '../../timeline/timeline';

/** A new pending order with the same customer, addresses, lines (units still ordered, at their frozen prices) and metadata. */
export async function duplicateOrder(
  { tx, order, actor }: CommandContext,
  body: z.output<typeof DuplicateOrderRequest>,
  orderNumberPrefix: string,
): Promise<CommandOutcome> {
  const unknown = (body.lineIds ?? []).filter((id) => !order.lines.some((l) => l.id === id));
  if (unknown.length) throw problems.unprocessable('order_line_not_found', `lines ${unknown.join(', ')} are not on the order`);
  const lines = order.lines.filter((l) => l.quantity > 0 && (!body.lineIds || body.lineIds.includes(l.id)));
  if (!lines.length) throw problems.unprocessable('order_has_no_lines', 'no line of the order has units left to copy');
  const input = parseWith(CreateOrderRequest, {
    externalReference: undefined,
    channel: body.channel ?? order.channel,
    currency: order.currency,
    customer: { id: order.customer.id ?? undefined, name: order.customer.name, email: order.customer.email ?? undefined },
    shippingAddress: order.shippingAddress,
    billingAddress: order.billingAddress,
    // The discount is per line: copy the share belonging to the units copied.
    lines: lines.map((l) => ({
      sku: l.sku,
      barcode: l.barcode ?? undefined,
      name: l.name,
      quantity: l.quantity,
      unitPriceMinor: l.unitPriceMinor,
      taxRateBps: l.taxRateBps,
      discountMinor: l.discountMinor,
      metadata: l.metadata,
    })),
    shippingMinor: order.totals.shippingMinor,
    discountCode: order.discountCode ?? undefined,
    orderType: order.orderType,
    payment: { status: 'pending' },
    metadata: order.metadata,
  });
  const { order: copy } = await createOrderIn(tx, input, actor, { orderNumberPrefix, duplicatedFrom: order.id });
  await appendTimeline(tx, {
    type: 'order-duplicated',
    orderId: order.id,
    entityIds: { duplicateOrderId: copy.id },
    payload: { duplicateOrderId: copy.id, number: copy.number, reason: body.reason ?? null },
    actor,
  });
  return {
    status: 201,
    body: await presentOrder(tx, copy, { expand: new Set(), vocabulary: 'dockside' }),
    headers: { location: `/v1/orders/${copy.id}`, etag: etagOf(copy.version) },
  };
}

import type { Queryable } from '../db/database';
import type { OrderDocument, OrderLine } from '../../shared/api/orders';
import type { ReturnDocument } from '../../shared/api/returns';
import type { Actor } from '../../shared/events/station-events';
import { formatDocumentNumber, utcDay } from '../../shared/domain/order-number';
import { lineAmounts, orderTotals } from '../../shared/domain/order-totals';
import { refundForUnits } from '../../shared/domain/refund';
import { insertOrder, nextDocumentSequence } from '../orders/order-store';
import { routeOrder } from '../orders/routing';
import { appendTimeline } from '../timeline/timeline';

export interface ExchangeItem {
  /** The original order line whose units come back. */
  line: OrderLine;
  quantity: number;
  sku: string;
  name: string;
  barcode: string | null;
}

/**
 * An exchange ships a replacement order: the new items at the original line's frozen price,
 * discount share and tax rate, paid in full by the returned units (no new charge, no refund for
 * them). It is confirmed and routed at once, like any paid order.
 */
export async function createReplacementOrder(
  tx: Queryable,
  original: OrderDocument,
  ret: ReturnDocument,
  items: readonly ExchangeItem[],
  actor: Actor,
  orderNumberPrefix: string,
): Promise<OrderDocument> {
  const now = new Date();
  const iso = now.toISOString();
  const lines: OrderLine[] = items.map((item) => {
    const frozen = {
      lineId: item.line.id,
      sku: item.line.sku,
      quantity: item.line.quantity,
      unitPriceMinor: item.line.unitPriceMinor,
      discountMinor: item.line.discountMinor,
      taxMinor: item.line.taxMinor,
    };
    const discountMinor = refundForUnits(frozen, 0, item.quantity).discountMinor;
    const priced = { quantity: item.quantity, unitPriceMinor: item.line.unitPriceMinor, taxRateBps: item.line.taxRateBps, discountMinor };
    const a = lineAmounts(priced);
    return {
      id: crypto.randomUUID(),
      sku: item.sku,
      barcode: item.barcode,
      name: item.name,
      ...priced,
      taxMinor: a.taxMinor,
      totalMinor: a.totalMinor,
      metadata: { exchangeFor: { orderLineId: item.line.id, sku: item.line.sku } },
      cancelledQuantity: 0,
      refundedQuantity: 0,
    };
  });
  const total = orderTotals(lines, 0).totalMinor;
  const sequence = await nextDocumentSequence(tx, orderNumberPrefix, utcDay(now));
  const order: OrderDocument = {
    ...original,
    id: crypto.randomUUID(),
    number: formatDocumentNumber(orderNumberPrefix, utcDay(now), sequence),
    status: 'confirmed',
    statusBeforeHold: null,
    holds: [],
    paymentStatus: 'paid',
    externalReference: ret.number,
    lines,
    totals: orderTotals(lines, 0, 0, total),
    discountCode: null,
    metadata: { replacementFor: { orderId: original.id, orderNumber: original.number, returnId: ret.id, returnNumber: ret.number } },
    version: 1,
    milestones: { pending: iso, confirmed: iso },
    createdAt: iso,
    updatedAt: iso,
  };
  await insertOrder(tx, order);
  const reason = `exchange for ${ret.number}`;
  await appendTimeline(tx, {
    type: 'order-created',
    orderId: order.id,
    entityIds: { returnId: ret.id, originalOrderId: original.id },
    payload: { number: order.number, totalMinor: total, currency: order.currency, lines: lines.length, reason },
    actor,
    occurredAt: iso,
  });
  await appendTimeline(tx, {
    type: 'order-status-changed',
    orderId: order.id,
    payload: { from: 'pending', to: 'confirmed', reason: 'paid by the returned items' },
    actor,
    occurredAt: iso,
  });
  await appendTimeline(tx, {
    type: 'replacement-order-created',
    orderId: original.id,
    entityIds: { returnId: ret.id, replacementOrderId: order.id },
    payload: { number: order.number, lines: lines.map((l) => ({ sku: l.sku, quantity: l.quantity })), reason },
    actor,
  });
  await routeOrder(tx, order, actor);
  return order;
}

import type { z } from 'zod';
import { CreateOrderRequest, type OrderDocument } from '../../shared/api/orders';
import { confirmingPaymentStatuses } from '../../shared/api/settings';
import { formatDocumentNumber, utcDay } from '../../shared/domain/order-number';
import { lineAmounts, orderTotals } from '../../shared/domain/order-totals';
import type { Actor } from '../../shared/events/station-events';
import { sha256 } from '../auth/secrets';
import type { Database, Queryable } from '../db/database';
import { parseWith } from '../http/problem';
import { upsertPayment } from '../payments/payment-store';
import { insertOrder, nextDocumentSequence, saveOrder } from './order-store';
import { routeOrder, type RoutingResult } from './routing';
import { appendTimeline } from '../timeline/timeline';
import { issueInvoice } from '../billing/issue-documents';
import { readSettings } from '../settings/settings-store';

export const PRICING_ENGINE_VERSION = 'dockside-pricing/1';

export interface CreateOrderOptions {
  orderNumberPrefix: string;
  now?: Date;
  /** Set when the order is a copy of another (duplicate). */
  duplicatedFrom?: string;
}

/** Creates an order atomically: number, lines, totals, frozen snapshots, timeline; routes it when payment is already secured and the auto-confirm policy confirms on it. */
export async function createOrder(
  db: Database,
  body: unknown,
  actor: Actor,
  options: CreateOrderOptions,
): Promise<{ order: OrderDocument; routing: RoutingResult | null }> {
  const input = parseWith(CreateOrderRequest, body);
  return db.transaction((tx) => createOrderIn(tx, input, actor, options));
}

/** The same inside the caller's transaction (the API's idempotent create, duplicate). */
export async function createOrderIn(
  tx: Queryable,
  input: z.output<typeof CreateOrderRequest>,
  actor: Actor,
  options: CreateOrderOptions,
): Promise<{ order: OrderDocument; routing: RoutingResult | null }> {
  const now = options.now ?? new Date();
  const iso = now.toISOString();
  const sequence = await nextDocumentSequence(tx, options.orderNumberPrefix, utcDay(now));
  const lines = input.lines.map((l) => {
    const a = lineAmounts(l);
    return {
      id: crypto.randomUUID(),
      sku: l.sku,
      barcode: l.barcode ?? null,
      name: l.name,
      quantity: l.quantity,
      unitPriceMinor: l.unitPriceMinor,
      taxRateBps: l.taxRateBps,
      discountMinor: l.discountMinor,
      taxMinor: a.taxMinor,
      totalMinor: a.totalMinor,
      metadata: l.metadata ?? {},
      cancelledQuantity: 0,
      refundedQuantity: 0,
    };
  });
  const paidMinor = input.payment.status === 'paid' ? (input.payment.amountMinor ?? orderTotals(lines, input.shippingMinor).totalMinor) : 0;
  const totals = { ...orderTotals(lines, input.shippingMinor, 0, paidMinor), refundedForCancellationsMinor: 0 };
  const variants = Object.fromEntries(lines.map((l) => [l.sku, { unitPriceMinor: l.unitPriceMinor, taxRateBps: l.taxRateBps }]));
  const appliedDiscounts = lines
    .filter((l) => l.discountMinor > 0)
    .map((l) => ({ lineId: l.id, sku: l.sku, amountMinor: l.discountMinor, code: input.discountCode ?? null }));
  let order: OrderDocument = {
    id: crypto.randomUUID(),
    number: formatDocumentNumber(options.orderNumberPrefix, utcDay(now), sequence),
    status: 'pending',
    statusBeforeHold: null,
    holds: [],
    paymentStatus: input.payment.status,
    orderType: input.orderType,
    channel: input.channel,
    externalReference: input.externalReference ?? null,
    currency: input.currency,
    customer: { id: input.customer.id ?? null, name: input.customer.name, email: input.customer.email ?? null },
    shippingAddress: input.shippingAddress,
    billingAddress: input.billingAddress ?? input.shippingAddress,
    lines,
    totals,
    discountCode: input.discountCode ?? null,
    discountSnapshot: {
      engineVersion: PRICING_ENGINE_VERSION,
      timestamp: iso,
      ruleHash: sha256(JSON.stringify({ code: input.discountCode ?? null, appliedDiscounts })),
      rules: [],
      appliedDiscounts,
    },
    pricingSnapshot: { engineVersion: PRICING_ENGINE_VERSION, timestamp: iso, ruleHash: sha256(JSON.stringify(variants)), variants },
    metadata: input.metadata ?? {},
    version: 1,
    milestones: { pending: iso },
    createdAt: iso,
    updatedAt: iso,
    holdDetails: [],
    duplicatedFrom: options.duplicatedFrom ?? null,
    cancellation: null,
  };
  await insertOrder(tx, order);
  await appendTimeline(tx, {
    type: 'order-created',
    orderId: order.id,
    payload: {
      number: order.number,
      totalMinor: totals.totalMinor,
      currency: order.currency,
      lines: lines.length,
      duplicatedFrom: options.duplicatedFrom ?? null,
    },
    actor,
    occurredAt: iso,
  });
  // Payment taken at checkout: keep the gateway's reference for reconciliation.
  if (input.payment.status !== 'pending' && input.payment.reference) {
    await upsertPayment(tx, {
      orderId: order.id,
      provider: 'checkout',
      reference: input.payment.reference,
      status: input.payment.status === 'paid' ? 'captured' : 'authorized',
      amountMinor: input.payment.amountMinor ?? totals.totalMinor,
      currency: order.currency,
    });
  }

  let routing: RoutingResult | null = null;
  // Payment secured at checkout confirms the order as the auto-confirm policy says: off, or on
  // captures only, an order waits for a person (or its capture) like one paid later.
  if (await confirmsAtCheckout(tx, input.payment.status)) {
    order = await saveOrder(tx, { ...order, status: 'confirmed', milestones: { ...order.milestones, confirmed: iso } });
    await appendTimeline(tx, {
      type: 'order-status-changed',
      orderId: order.id,
      payload: { from: 'pending', to: 'confirmed', reason: `payment ${input.payment.status}`, command: 'create' },
      actor,
      occurredAt: iso,
    });
    routing = await routeOrder(tx, order, actor);
  }
  if (order.paymentStatus === 'paid') await issueInvoice(tx, order, actor, 'paid at checkout');
  return { order, routing };
}

async function confirmsAtCheckout(tx: Queryable, paymentStatus: string): Promise<boolean> {
  if (paymentStatus === 'pending') return false;
  const { settings } = await readSettings(tx);
  return confirmingPaymentStatuses(settings.policies.autoConfirm).includes(paymentStatus);
}

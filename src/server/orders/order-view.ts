import type { OrderExpansion, FulfillmentProgress } from '../../shared/api/order-queries';
import type { OrderDocument } from '../../shared/api/orders';
import { VOCABULARIES, type StatusVocabulary } from './status-vocabularies';
import type { FulfillmentDocument } from '../../shared/sync/fulfillment-document';
import type { Queryable } from '../db/database';
import { toIso } from '../db/database';
import { fulfillmentOrdersOf } from '../fulfillment/fulfillment-store';
import { paymentsOf, refundsOf } from '../payments/payment-store';
import { billingDocumentsOf } from '../billing/billing-store';
import { notesOf } from './notes';
import { tasksOf } from '../tasks/task-store';
import { readTimeline } from '../timeline/timeline';

/** Fulfillment orders that count toward progress: not cancelled, not moved away (incomplete). */
export const LIVE_FOR_PROGRESS = `f.status not in ('cancelled', 'incomplete')`;

/** Derived, never typed in: units shipped against units still ordered. Kept equal to the SQL in order-query.ts. */
export function fulfillmentProgressOf(
  order: Pick<OrderDocument, 'lines'>,
  fulfillmentOrders: readonly FulfillmentDocument[],
): FulfillmentProgress {
  const units = order.lines.reduce((n, l) => n + l.quantity, 0);
  const shipped = fulfillmentOrders
    .filter((f) => f.status !== 'cancelled' && f.status !== 'incomplete')
    .reduce((n, f) => n + f.lines.reduce((m, l) => m + l.shipped, 0), 0);
  if (shipped === 0) return 'unfulfilled';
  return shipped >= units ? 'fulfilled' : 'partially_fulfilled';
}

/** The status fields as a vocabulary presents them; our own values stay under `canonical`. */
export function presentStatus(order: Pick<OrderDocument, 'status' | 'paymentStatus' | 'statusBeforeHold'>, vocabulary: StatusVocabulary) {
  if (vocabulary === 'dockside') return { status: order.status, paymentStatus: order.paymentStatus };
  const v = VOCABULARIES[vocabulary];
  const state = {
    status: order.status,
    paymentStatus: order.paymentStatus,
    statusBeforeHold: order.status === 'on_hold' ? order.statusBeforeHold : null,
  };
  return {
    status: v.presentStatus(state),
    paymentStatus: v.presentPayment(state),
    statusVocabulary: vocabulary,
    canonical: { status: order.status, paymentStatus: order.paymentStatus },
  };
}

export interface PresentOptions {
  expand: ReadonlySet<OrderExpansion>;
  vocabulary: StatusVocabulary;
}

/** The full order: its document, its fulfillment orders and derived progress, and what `expand` asks for. */
export async function presentOrder(q: Queryable, order: OrderDocument, options: PresentOptions): Promise<Record<string, unknown>> {
  const fulfillmentOrders = await fulfillmentOrdersOf(q, order.id);
  return {
    ...order,
    ...presentStatus(order, options.vocabulary),
    fulfillmentStatus: fulfillmentProgressOf(order, fulfillmentOrders),
    fulfillmentOrders,
    ...(await expansions(q, order, fulfillmentOrders, options.expand)),
  };
}

/** A list row: everything but lines and snapshots unless lines are expanded. */
export async function presentSummary(
  q: Queryable,
  order: OrderDocument,
  fulfillmentStatus: FulfillmentProgress,
  options: PresentOptions,
): Promise<Record<string, unknown>> {
  const { lines, discountSnapshot: _d, pricingSnapshot: _p, ...rest } = order;
  const expand = new Set(options.expand);
  const base: Record<string, unknown> = {
    ...rest,
    ...presentStatus(order, options.vocabulary),
    fulfillmentStatus,
    lineCount: lines.length,
  };
  if (expand.has('lines')) base.lines = lines;
  expand.delete('lines');
  if (!expand.size) return base;
  const fulfillmentOrders = await fulfillmentOrdersOf(q, order.id);
  if (expand.has('fulfillment_orders')) base.fulfillmentOrders = fulfillmentOrders;
  expand.delete('fulfillment_orders');
  return { ...base, ...(await expansions(q, order, fulfillmentOrders, expand)) };
}

async function expansions(
  q: Queryable,
  order: OrderDocument,
  fulfillmentOrders: FulfillmentDocument[],
  expand: ReadonlySet<OrderExpansion>,
) {
  const out: Record<string, unknown> = {};
  if (expand.has('packages')) {
    out.packages = fulfillmentOrders.flatMap((f) =>
      f.packages.map((p) => ({ ...p, fulfillmentOrderId: f.id, warehouseId: f.warehouseId })),
    );
  }
  if (expand.has('payments')) {
    out.payments = await paymentsOf(q, order.id);
    out.refunds = await refundsOf(q, order.id);
  }
  if (expand.has('returns')) out.returns = await returnsOf(q, order.id);
  if (expand.has('timeline')) out.timeline = await readTimeline(q, order.id);
  if (expand.has('backorders')) out.backorders = await backordersOf(q, order.id);
  if (expand.has('notes')) out.notes = await notesOf(q, order.id);
  if (expand.has('tasks')) out.tasks = await tasksOf(q, { orderId: order.id });
  if (expand.has('invoices')) out.invoices = await billingDocumentsOf(q, order.id);
  return out;
}

export async function backordersOf(q: Queryable, orderId: string) {
  const rows = await q.query<{
    id: string;
    line_id: string;
    sku: string;
    quantity: number;
    status: string;
    warehouse_id: string | null;
    created_at: unknown;
    updated_at: unknown;
  }>(
    'select id, line_id, sku, quantity, status, warehouse_id, created_at, updated_at from backorders where order_id = $1 order by created_at, id',
    [orderId],
  );
  return rows.map((r) => ({
    id: r.id,
    lineId: r.line_id,
    sku: r.sku,
    quantity: Number(r.quantity),
    status: r.status,
    warehouseId: r.warehouse_id,
    createdAt: toIso(r.created_at),
    updatedAt: toIso(r.updated_at),
  }));
}

/** Returns (RMA) of the order, read from the returns module's tables (migration 0003). */
export async function returnsOf(q: Queryable, orderId: string) {
  const rows = await q.query<{ r: Record<string, unknown> }>(
    `select to_jsonb(r) || jsonb_build_object('lines', coalesce((select jsonb_agg(to_jsonb(l) order by l.position) from return_lines l where l.return_id = r.id), '[]'::jsonb)) as r
       from returns r where r.order_id = $1 order by r.created_at, r.id`,
    [orderId],
  );
  return rows.map((row) => camelKeys(row.r));
}

function camelKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(camelKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([k, v]) => [
      k.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()),
      camelKeys(v),
    ]),
  );
}

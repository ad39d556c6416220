import { sql } from 'kysely';
import type { OrderStatus, PaymentStatus } from '../../shared/domain/order-status';
import { VOCABULARIES, type StatusVocabulary } from './status-vocabularies';
import type { Queryable } from '../db/database';
import { toInt } from '../db/database';
import { anyText, qb, runQuery } from '../db/query-builder';
import { routedTo } from '../fulfillment/routed-to';

export interface SummaryFilter {
  from?: string;
  to?: string;
  channels?: string[];
  warehouseId?: string | null;
  vocabulary: StatusVocabulary;
}

interface Group {
  status: OrderStatus;
  payment_status: PaymentStatus;
  before: string;
  currency: string;
  n: unknown;
  total: unknown;
  refunded: unknown;
}

/**
 * The order summary integrators ask for (an OrderStats block and a per-status summary): counts per status, revenue and average order
 * value. Money is never summed across currencies: revenue is per currency. Revenue counts what
 * orders that were not cancelled are worth, less what was refunded; the average order value is
 * over those orders.
 */
export async function orderSummary(q: Queryable, f: SummaryFilter) {
  const rows = (await runQuery(
    q,
    qb
      .selectFrom('orders as o')
      .select((eb) => [
        'o.status',
        'o.payment_status',
        sql<string>`case when o.status = 'on_hold' then coalesce(o.doc->>'statusBeforeHold', '') else '' end`.as('before'),
        'o.currency',
        eb.fn.countAll().as('n'),
        sql`coalesce(sum(o.total_minor), 0)`.as('total'),
        sql`coalesce(sum((o.doc->'totals'->>'refundedMinor')::bigint), 0)`.as('refunded'),
      ])
      .$if(!!f.from, (s) => s.where('o.created_at', '>=', sql<string>`${f.from}::timestamptz`))
      .$if(!!f.to, (s) => s.where('o.created_at', '<', sql<string>`${f.to}::timestamptz`))
      .$if(!!f.channels?.length, (s) => s.where('o.channel', '=', anyText(f.channels!)))
      .$if(!!f.warehouseId, (s) => s.where(routedTo('o.id', f.warehouseId!)))
      .groupBy([sql.lit(1), sql.lit(2), sql.lit(3), sql.lit(4)]),
  )) as Group[];
  const v = VOCABULARIES[f.vocabulary];
  const countsByStatus: Record<string, number> = Object.fromEntries(v.orderStatuses.map((s) => [s, 0]));
  const perCurrency = new Map<string, { orders: number; counted: number; grossMinor: number; refundedMinor: number }>();
  let ordersCount = 0;
  let cancelled = 0;
  for (const r of rows) {
    const n = toInt(r.n);
    ordersCount += n;
    const shown = v.presentStatus({
      status: r.status,
      paymentStatus: r.payment_status,
      statusBeforeHold: (r.before || null) as OrderStatus | null,
    });
    countsByStatus[shown] = (countsByStatus[shown] ?? 0) + n;
    const c = perCurrency.get(r.currency) ?? { orders: 0, counted: 0, grossMinor: 0, refundedMinor: 0 };
    c.orders += n;
    if (r.status === 'cancelled') cancelled += n;
    else {
      c.counted += n;
      c.grossMinor += toInt(r.total);
      c.refundedMinor += toInt(r.refunded);
    }
    perCurrency.set(r.currency, c);
  }
  const revenue = [...perCurrency]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currency, c]) => ({
      currency,
      orders: c.orders,
      revenueMinor: c.grossMinor - c.refundedMinor,
      grossMinor: c.grossMinor,
      refundedMinor: c.refundedMinor,
      averageOrderValueMinor: c.counted ? Math.round(c.grossMinor / c.counted) : 0,
    }));
  // The flat OrderStats block, counted in order-management's statuses, for the currency with the most orders.
  const main = [...revenue].sort((a, b) => b.orders - a.orders)[0];
  const orderManagement = VOCABULARIES['order-management'];
  const orderManagementCounts: Record<string, number> = {};
  for (const r of rows) {
    const shown = orderManagement.presentStatus({
      status: r.status,
      paymentStatus: r.payment_status,
      statusBeforeHold: (r.before || null) as OrderStatus | null,
    });
    orderManagementCounts[shown] = (orderManagementCounts[shown] ?? 0) + toInt(r.n);
  }
  return {
    statusVocabulary: f.vocabulary,
    ordersCount,
    countsByStatus,
    cancellationRate: ordersCount ? cancelled / ordersCount : 0,
    revenue,
    orderStats: {
      currency: main?.currency ?? null,
      totalOrders: ordersCount,
      pendingOrders: orderManagementCounts.PENDING ?? 0,
      processingOrders: orderManagementCounts.PROCESSING ?? 0,
      shippedOrders: orderManagementCounts.SHIPPED ?? 0,
      deliveredOrders: orderManagementCounts.DELIVERED ?? 0,
      cancelledOrders: orderManagementCounts.CANCELLED ?? 0,
      totalRevenue: main?.revenueMinor ?? 0,
      averageOrderValue: main?.averageOrderValueMinor ?? 0,
    },
  };
}

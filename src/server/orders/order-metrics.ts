import { ORDER_STATUSES } from '../../shared/domain/order-status';
import type { Queryable } from '../db/database';
import { toInt } from '../db/database';

/**
 * The order metrics (status distribution, durations, cancellation rate, average order value) in the Prometheus text format (0.0.4), computed from the database at
 * scrape time so every server process behind a load balancer reports the same numbers.
 */
export const DURATION_BUCKETS_SECONDS = [60, 300, 900, 1800, 3600, 7200, 14_400, 28_800, 86_400, 172_800, 259_200, 604_800, 1_209_600];

const ms = (a: string, b: string) =>
  `extract(epoch from ((o.doc->'milestones'->>'${b}')::timestamptz - (o.doc->'milestones'->>'${a}')::timestamptz))`;

const HISTOGRAMS = [
  {
    name: 'dockside_order_processing_duration_seconds',
    help: 'Time from confirmation to the last unit shipped.',
    expr: ms('confirmed', 'shipped'),
  },
  { name: 'dockside_order_shipping_duration_seconds', help: 'Time from shipped to delivered.', expr: ms('shipped', 'delivered') },
  { name: 'dockside_order_delivery_duration_seconds', help: 'Time from order creation to delivery.', expr: ms('pending', 'delivered') },
];

function esc(label: string): string {
  return label.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

async function histogram(q: Queryable, h: (typeof HISTOGRAMS)[number]): Promise<string[]> {
  const buckets = DURATION_BUCKETS_SECONDS.map((b, i) => `count(*) filter (where d <= ${b}) as b${i}`).join(', ');
  const [row] = await q.query<Record<string, unknown>>(
    `select ${buckets}, count(*) as n, coalesce(sum(d), 0) as s from (select ${h.expr} as d from orders o) x where d is not null`,
  );
  const lines = [`# HELP ${h.name} ${h.help}`, `# TYPE ${h.name} histogram`];
  DURATION_BUCKETS_SECONDS.forEach((b, i) => lines.push(`${h.name}_bucket{le="${b}"} ${toInt(row?.[`b${i}`])}`));
  lines.push(`${h.name}_bucket{le="+Inf"} ${toInt(row?.n)}`, `${h.name}_sum ${Number(row?.s ?? 0)}`, `${h.name}_count ${toInt(row?.n)}`);
  return lines;
}

export async function orderMetrics(q: Queryable): Promise<string> {
  const out: string[] = [];
  const byStatus = await q.query<{ status: string; n: unknown }>('select status, count(*) as n from orders group by status');
  const counts = new Map(byStatus.map((r) => [r.status, toInt(r.n)]));
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  out.push('# HELP dockside_order_status_distribution Orders by current status.', '# TYPE dockside_order_status_distribution gauge');
  for (const s of ORDER_STATUSES) out.push(`dockside_order_status_distribution{status="${s}"} ${counts.get(s) ?? 0}`);

  out.push('# HELP dockside_orders Orders on record.', '# TYPE dockside_orders gauge', `dockside_orders ${total}`);
  out.push(
    '# HELP dockside_order_cancellation_rate Share of orders that are cancelled.',
    '# TYPE dockside_order_cancellation_rate gauge',
    `dockside_order_cancellation_rate ${total ? (counts.get('cancelled') ?? 0) / total : 0}`,
  );
  const [confirmed] = await q.query<{ n: unknown }>(
    `select count(*) as n from orders o where (o.doc->'milestones'->>'confirmed') is not null`,
  );
  out.push(
    '# HELP dockside_order_conversion_rate Share of orders that reached confirmation (payment secured).',
    '# TYPE dockside_order_conversion_rate gauge',
    `dockside_order_conversion_rate ${total ? toInt(confirmed?.n) / total : 0}`,
  );

  const money = await q.query<{ currency: string; n: unknown; total: unknown; refunded: unknown }>(
    `select currency, count(*) as n, sum(total_minor) as total, coalesce(sum((doc->'totals'->>'refundedMinor')::bigint), 0) as refunded
       from orders where status <> 'cancelled' group by currency order by currency`,
  );
  out.push(
    '# HELP dockside_order_average_value_minor Average order value in minor units, orders not cancelled.',
    '# TYPE dockside_order_average_value_minor gauge',
  );
  for (const m of money)
    out.push(
      `dockside_order_average_value_minor{currency="${esc(m.currency)}"} ${toInt(m.n) ? Math.round(toInt(m.total) / toInt(m.n)) : 0}`,
    );
  out.push(
    '# HELP dockside_order_revenue_minor Order value less refunds in minor units, orders not cancelled.',
    '# TYPE dockside_order_revenue_minor gauge',
  );
  for (const m of money) out.push(`dockside_order_revenue_minor{currency="${esc(m.currency)}"} ${toInt(m.total) - toInt(m.refunded)}`);

  for (const h of HISTOGRAMS) out.push(...(await histogram(q, h)));
  return `${out.join('\n')}\n`;
}

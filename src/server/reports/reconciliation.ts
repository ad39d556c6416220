import { sql, type SqlBool } from 'kysely';
import { z } from 'zod';
import type { Queryable } from '../db/database';
import { toInt, toIso } from '../db/database';
import { runQuery } from '../db/query-builder';
import { routedTo } from '../fulfillment/routed-to';

/**
 * Reconciliation: what needs a human because the data disagrees with itself.
 *  - stuck orders: in a working status longer than that status's threshold;
 *  - payment mismatches: payment status contradicts order status or totals;
 *  - packages shipped without a tracking number;
 *  - inventory: reserved stock that does not match the unshipped work holding it, or stock
 *    reserved beyond what is on hand;
 *  - status mismatches: order status that contradicts its fulfillment progress.
 */
export const DEFAULT_STUCK_HOURS: Record<string, number> = {
  pending: 24,
  confirmed: 24,
  processing: 48,
  partially_shipped: 72,
  on_hold: 72,
  shipped: 14 * 24,
};

export const ReconciliationQuery = z.object({
  /** One threshold for every working status, in hours. */
  olderThanHours: z.coerce
    .number()
    .min(0)
    .max(24 * 365)
    .optional(),
  /** Per-status thresholds, e.g. `processing:12,on_hold:48`; they win over olderThanHours. */
  thresholds: z
    .string()
    .max(500)
    .regex(/^([a-z_]+:\d+(\.\d+)?)(,[a-z_]+:\d+(\.\d+)?)*$/, 'status:hours pairs separated by commas')
    .optional(),
  warehouseId: z.string().uuid().optional(),
  /** Rows listed per section (each section still reports its full count). */
  limit: z.coerce.number().int().min(1).max(5000).default(200),
});

export interface Section<T> {
  count: number;
  truncated: boolean;
  items: T[];
}

export interface ReconciliationReport {
  generatedAt: string;
  warehouseId: string | null;
  thresholdsHours: Record<string, number>;
  summary: Record<'stuckOrders' | 'paymentMismatches' | 'packagesWithoutTracking' | 'inventoryMismatches' | 'statusMismatches', number>;
  stuckOrders: Section<{
    orderId: string;
    number: string;
    status: string;
    paymentStatus: string;
    since: string;
    hoursInStatus: number;
    thresholdHours: number;
  }>;
  paymentMismatches: Section<{
    orderId: string;
    number: string;
    status: string;
    paymentStatus: string;
    code: string;
    message: string;
    balanceDueMinor: number;
    currency: string;
  }>;
  packagesWithoutTracking: Section<{
    orderId: string;
    number: string;
    fulfillmentOrderId: string;
    warehouseId: string;
    packageId: string;
    packageStatus: string;
    carrier: string | null;
    shippedAt: string | null;
  }>;
  inventoryMismatches: Section<{
    warehouseId: string;
    warehouseCode: string;
    sku: string;
    onHand: number;
    reserved: number;
    expectedReserved: number;
    code: string;
    message: string;
  }>;
  statusMismatches: Section<{
    orderId: string;
    number: string;
    status: string;
    code: string;
    message: string;
    orderedUnits: number;
    shippedUnits: number;
    openWork: number;
  }>;
}

const WORKING_FO = sql`('open', 'in_progress', 'on_hold')`;

function section<T>(rows: (T & { total_count?: unknown })[], limit: number, map: (r: T) => unknown): Section<never> {
  const count = rows.length ? toInt(rows[0]!.total_count) : 0;
  return { count, truncated: count > limit, items: rows.map((r) => map(r)) as never[] };
}

export async function reconciliationReport(
  db: Queryable,
  q: z.output<typeof ReconciliationQuery>,
  scopeWarehouseId: string | null,
): Promise<ReconciliationReport> {
  const warehouseId = scopeWarehouseId ?? q.warehouseId ?? null;
  const thresholds: Record<string, number> = { ...DEFAULT_STUCK_HOURS };
  if (q.olderThanHours !== undefined) for (const k of Object.keys(thresholds)) thresholds[k] = q.olderThanHours;
  for (const pair of q.thresholds?.split(',') ?? []) {
    const [status, hours] = pair.split(':');
    thresholds[status!] = Number(hours);
  }
  const limit = q.limit;
  // Orders in scope: every order, or those with work routed to the warehouse.
  const inScope = (orderIdColumn: string) => (warehouseId ? routedTo(orderIdColumn, warehouseId) : sql<SqlBool>`true`);
  const scope: CheckScope = { db, warehouseId, limit, inScope, thresholds };

  const report: ReconciliationReport = {
    generatedAt: new Date().toISOString(),
    warehouseId,
    thresholdsHours: thresholds,
    summary: { stuckOrders: 0, paymentMismatches: 0, packagesWithoutTracking: 0, inventoryMismatches: 0, statusMismatches: 0 },
    stuckOrders: await stuckOrders(scope),
    paymentMismatches: await paymentMismatches(scope),
    packagesWithoutTracking: await packagesWithoutTracking(scope),
    inventoryMismatches: await inventoryMismatches(scope),
    statusMismatches: await statusMismatches(scope),
  };
  report.summary = {
    stuckOrders: report.stuckOrders.count,
    paymentMismatches: report.paymentMismatches.count,
    packagesWithoutTracking: report.packagesWithoutTracking.count,
    inventoryMismatches: report.inventoryMismatches.count,
    statusMismatches: report.statusMismatches.count,
  };
  return report;
}

/** What every check reads: the database, the warehouse (or all), the page size, and the stuck-order thresholds. */
interface CheckScope {
  db: Queryable;
  warehouseId: string | null;
  limit: number;
  inScope: (orderIdColumn: string) => ReturnType<typeof sql<SqlBool>>;
  thresholds: Record<string, number>;
}

/** Orders in a working status longer than its threshold. */
async function stuckOrders({ db, limit, inScope, thresholds }: CheckScope): Promise<ReconciliationReport['stuckOrders']> {
  const statuses = Object.keys(thresholds);
  const stuck = await runQuery(
    db,
    sql<{
      id: string;
      number: string;
      status: string;
      payment_status: string;
      since: unknown;
      hours: number;
      threshold: number;
      total_count: unknown;
    }>`with t as (select unnest(${statuses}::text[]) as status, unnest(${statuses.map((s) => thresholds[s])}::float8[]) as hours),
          s as (select o.id, o.number, o.status, o.payment_status, t.hours as threshold,
                       coalesce((o.doc->'milestones'->>o.status)::timestamptz, o.updated_at) as since
                  from orders o join t on t.status = o.status
                 where ${inScope('o.id')})
     select s.*, extract(epoch from (now() - s.since)) / 3600 as hours, count(*) over () as total_count
       from s where s.since < now() - s.threshold * interval '1 hour'
      order by s.since, s.id limit ${limit}`,
  );
  return section(stuck, limit, (r) => ({
    orderId: r.id,
    number: r.number,
    status: r.status,
    paymentStatus: r.payment_status,
    since: toIso(r.since),
    hoursInStatus: Math.round(Number(r.hours) * 10) / 10,
    thresholdHours: Number(r.threshold),
  }));
}

/** Payment status that contradicts the order status or totals. */
async function paymentMismatches({ db, limit, inScope }: CheckScope): Promise<ReconciliationReport['paymentMismatches']> {
  const payments = await runQuery(
    db,
    sql<{
      id: string;
      number: string;
      status: string;
      payment_status: string;
      code: string;
      balance: unknown;
      currency: string;
      total_count: unknown;
    }>`with m as (
       select o.id, o.number, o.status, o.payment_status, o.currency, o.created_at,
              coalesce((o.doc->'totals'->>'balanceDueMinor')::bigint, 0) as balance,
              case
                when o.status in ('confirmed', 'processing', 'partially_shipped', 'shipped', 'delivered', 'completed')
                     and o.payment_status in ('pending', 'failed') then 'fulfilling_unpaid'
                when o.status = 'pending' and o.payment_status in ('authorized', 'paid') then 'paid_but_unconfirmed'
                when o.status = 'refunded' and o.payment_status <> 'refunded' then 'refunded_order_payment_not_refunded'
                when o.payment_status = 'refunded' and o.status not in ('refunded', 'cancelled') then 'payment_refunded_order_active'
                when o.status = 'cancelled' and o.payment_status = 'paid' then 'cancelled_not_refunded'
                when o.status = 'cancelled' and o.payment_status = 'authorized' then 'cancelled_authorization_open'
                when o.payment_status = 'paid' and coalesce((o.doc->'totals'->>'balanceDueMinor')::bigint, 0) > 0 then 'paid_with_balance_due'
              end as code
         from orders o where ${inScope('o.id')})
     select m.*, count(*) over () as total_count from m where code is not null order by created_at, id limit ${limit}`,
  );
  return section(payments, limit, (r) => ({
    orderId: r.id,
    number: r.number,
    status: r.status,
    paymentStatus: r.payment_status,
    code: r.code,
    message: PAYMENT_MESSAGES[r.code] ?? r.code,
    balanceDueMinor: toInt(r.balance),
    currency: r.currency,
  }));
}

/** Packages shipped without a tracking number. */
async function packagesWithoutTracking({ db, warehouseId, limit }: CheckScope): Promise<ReconciliationReport['packagesWithoutTracking']> {
  const packages = await runQuery(
    db,
    sql<{
      order_id: string;
      number: string;
      fo_id: string;
      warehouse_id: string;
      package_id: string;
      package_status: string;
      carrier: string | null;
      shipped_at: string | null;
      total_count: unknown;
    }>`select f.order_id, f.doc->>'orderNumber' as number, f.id as fo_id, f.warehouse_id, p->>'id' as package_id, p->>'status' as package_status,
            p->>'carrier' as carrier, p->>'shippedAt' as shipped_at, count(*) over () as total_count
       from fulfillment_orders f cross join lateral jsonb_array_elements(coalesce(f.doc->'packages', '[]'::jsonb)) p
      where p->>'status' in ('shipped', 'in_transit', 'delivered', 'exception', 'returned_to_sender')
        and coalesce(nullif(trim(p->>'trackingNumber'), ''), '') = ''
        ${warehouseId ? sql`and f.warehouse_id = ${warehouseId}` : sql``}
      order by p->>'shippedAt' nulls last, f.id limit ${limit}`,
  );
  return section(packages, limit, (r) => ({
    orderId: r.order_id,
    number: r.number,
    fulfillmentOrderId: r.fo_id,
    warehouseId: r.warehouse_id,
    packageId: r.package_id,
    packageStatus: r.package_status,
    carrier: r.carrier,
    shippedAt: r.shipped_at,
  }));
}

/** Reserved stock that does not match the unshipped work holding it, or exceeds what is on hand. */
async function inventoryMismatches({ db, warehouseId, limit }: CheckScope): Promise<ReconciliationReport['inventoryMismatches']> {
  // Reserved stock should be exactly the unshipped units of working fulfillment orders, plus
  // backorder quantities allocated (reserved) but not yet released into a fulfillment order.
  const inventory = await runQuery(
    db,
    sql<{
      warehouse_id: string;
      code: string;
      sku: string;
      on_hand: number;
      reserved: number;
      expected: unknown;
      mismatch: string;
      total_count: unknown;
    }>`with expected as (
       select warehouse_id, sku, sum(units)::bigint as units from (
         select f.warehouse_id, l->>'sku' as sku, (l->>'quantity')::int - coalesce((l->>'shipped')::int, 0) as units
           from fulfillment_orders f cross join lateral jsonb_array_elements(f.doc->'lines') l
          where f.status in ${WORKING_FO}
         union all
         select b.warehouse_id, b.sku, b.quantity from backorders b where b.status = 'allocated' and b.warehouse_id is not null
       ) u group by warehouse_id, sku),
     joined as (
       select coalesce(i.warehouse_id, e.warehouse_id) as warehouse_id, coalesce(i.sku, e.sku) as sku,
              coalesce(i.on_hand, 0) as on_hand, coalesce(i.reserved, 0) as reserved, coalesce(e.units, 0) as expected
         from inventory i full outer join expected e on e.warehouse_id = i.warehouse_id and e.sku = i.sku),
     m as (
       select j.*, case when j.reserved <> j.expected then 'reserved_mismatch' when j.reserved > j.on_hand then 'overcommitted' end as mismatch
         from joined j ${warehouseId ? sql`where j.warehouse_id = ${warehouseId}` : sql``})
     -- Dropship suppliers hold none of our stock: their work reserves nothing here.
     select m.*, w.code, count(*) over () as total_count from m join warehouses w on w.id = m.warehouse_id
      where m.mismatch is not null and w.kind = 'warehouse' order by w.code, m.sku limit ${limit}`,
  );
  return section(inventory, limit, (r) => {
    const expected = toInt(r.expected);
    return {
      warehouseId: r.warehouse_id,
      warehouseCode: r.code,
      sku: r.sku,
      onHand: r.on_hand,
      reserved: r.reserved,
      expectedReserved: expected,
      code: r.mismatch,
      message:
        r.mismatch === 'overcommitted'
          ? `${r.reserved} reserved but only ${r.on_hand} on hand`
          : `${r.reserved} reserved, but open work holds ${expected} unshipped units`,
    };
  });
}

/** Order status that contradicts its fulfillment progress. */
async function statusMismatches({ db, limit, inScope }: CheckScope): Promise<ReconciliationReport['statusMismatches']> {
  const status = await runQuery(
    db,
    sql<{
      id: string;
      number: string;
      status: string;
      ordered: unknown;
      shipped: unknown;
      open_work: unknown;
      routed: unknown;
      waiting: unknown;
      code: string;
      total_count: unknown;
    }>`with progress as (
       select o.id, o.number, o.status, o.created_at,
              (select coalesce(sum((l->>'quantity')::int), 0) from jsonb_array_elements(o.doc->'lines') l) as ordered,
              coalesce(sum((select coalesce(sum((l->>'shipped')::int), 0) from jsonb_array_elements(f.doc->'lines') l)), 0) as shipped,
              count(f.id) filter (where f.status in ${WORKING_FO}) as open_work,
              count(f.id) as routed,
              (select count(*) from backorders b where b.order_id = o.id and b.status in ('waiting', 'allocated')) as waiting
         from orders o left join fulfillment_orders f on f.order_id = o.id
        where o.status not in ('pending') and ${inScope('o.id')}
        group by o.id),
     m as (
       select p.*, case
           when p.status in ('shipped', 'delivered', 'completed') and p.shipped < p.ordered and p.waiting = 0 and p.open_work > 0 then 'shipped_with_work_open'
           when p.status in ('confirmed', 'processing') and p.shipped > 0 then 'shipment_not_reflected'
           when p.status = 'cancelled' and p.open_work > 0 then 'cancelled_with_open_work'
           when p.status in ('confirmed', 'processing') and p.routed = 0 and p.waiting = 0 then 'confirmed_but_unrouted'
         end as code
         from progress p)
     select m.*, count(*) over () as total_count from m where code is not null order by created_at, id limit ${limit}`,
  );
  return section(status, limit, (r) => ({
    orderId: r.id,
    number: r.number,
    status: r.status,
    code: r.code,
    message: STATUS_MESSAGES[r.code] ?? r.code,
    orderedUnits: toInt(r.ordered),
    shippedUnits: toInt(r.shipped),
    openWork: toInt(r.open_work),
  }));
}

const PAYMENT_MESSAGES: Record<string, string> = {
  fulfilling_unpaid: 'the order is being fulfilled but its payment is not secured',
  paid_but_unconfirmed: 'payment is secured but the order is still pending',
  refunded_order_payment_not_refunded: 'the order is refunded but its payment is not',
  payment_refunded_order_active: 'the payment was refunded but the order is still active',
  cancelled_not_refunded: 'the order was cancelled but its payment was kept',
  cancelled_authorization_open: 'the order was cancelled but its payment authorization was not voided',
  paid_with_balance_due: 'the payment is marked paid but a balance is still due',
};

const STATUS_MESSAGES: Record<string, string> = {
  shipped_with_work_open: 'the order says shipped but fulfillment work is still open',
  shipment_not_reflected: 'units have shipped but the order status does not show it',
  cancelled_with_open_work: 'the order is cancelled but a warehouse still has open work for it',
  confirmed_but_unrouted: 'the order is confirmed but nothing was routed or backordered',
};

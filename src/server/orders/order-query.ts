import type { FulfillmentProgress, OrderSort } from '../../shared/api/order-queries';
import type { OrderDocument } from '../../shared/api/orders';
import {
  VOCABULARIES,
  normaliseStatus,
  paymentStatesPresentedAs,
  stateKey,
  statesPresentedAs,
  type StatusVocabulary,
} from './status-vocabularies';
import { expressionBuilder, sql, type AliasableExpression, type Expression, type SelectQueryBuilder, type SqlBool } from 'kysely';
import type { Queryable } from '../db/database';
import { toInt } from '../db/database';
import { anyText, qb, runQuery, firstRow } from '../db/query-builder';
import type { DB } from '../db/schema';
import { routedTo } from '../fulfillment/routed-to';
import { Problem, problems } from '../http/problem';

/** Filters of the order list and search, normalised from the query string or the search body. */
export interface OrderFilter {
  vocabulary: StatusVocabulary;
  status?: string[];
  paymentStatus?: string[];
  fulfillmentStatus?: FulfillmentProgress[];
  customerId?: string;
  customer?: string;
  channels?: string[];
  warehouseId?: string;
  currency?: string;
  from?: string;
  to?: string;
  dateField: 'created_at' | 'updated_at' | 'delivered_at';
  minTotal?: number;
  maxTotal?: number;
  q?: string;
  number?: string;
  numberContains?: string;
  /** The caller's own warehouse scope, never from the query. */
  scopeWarehouseId?: string | null;
}

export interface Page {
  sort: OrderSort;
  limit: number;
  cursor?: string;
  page?: number;
}

type OrdersDb = DB & { o: DB['orders'] };
/** Builds conditions on orders `o` outside any one query, so a list, its count and its aggregates share them. */
const orders = expressionBuilder<OrdersDb, 'o'>();

/** The order's state as one string (see stateKey in status-vocabularies.ts). */
const STATE_KEY = sql<string>`(o.status || '|' || o.payment_status || '|' || case when o.status = 'on_hold' then coalesce(o.doc->>'statusBeforeHold', '') else '' end)`;

/** Derived fulfillment progress, the SQL twin of fulfillmentProgressOf in order-view.ts: `fs` and `ou` joined laterally to `o`. */
const SHIPPED_UNITS = sql<{ shipped: number }>`(select coalesce(sum((l->>'shipped')::int), 0) as shipped
      from fulfillment_orders f cross join lateral jsonb_array_elements(f.doc->'lines') l
     where f.order_id = o.id and f.status not in ('cancelled', 'incomplete'))`;
const ORDERED_UNITS = sql<{
  units: number;
}>`(select coalesce(sum((l->>'quantity')::int), 0) as units from jsonb_array_elements(o.doc->'lines') l)`;
const PROGRESS = sql<FulfillmentProgress>`(case when fs.shipped = 0 then 'unfulfilled' when fs.shipped >= ou.units then 'fulfilled' else 'partially_fulfilled' end)`;

/** `query` (over orders as `o`) with the progress joins. */
function withProgress<O>(query: SelectQueryBuilder<OrdersDb, 'o', O>) {
  return query
    .leftJoinLateral(SHIPPED_UNITS.as('fs'), (join) => join.onTrue())
    .innerJoinLateral(ORDERED_UNITS.as('ou'), (join) => join.onTrue());
}

/** `query` restricted to the orders all `conditions` hold for (no where clause when there are none). */
function whereAll<Q extends { where(e: Expression<SqlBool>): unknown }>(query: Q, conditions: Expression<SqlBool>[]): Q {
  if (!conditions.length) return query;
  return query.where(conditions.length === 1 ? conditions[0]! : orders.and(conditions)) as Q;
}

const SORT_COLUMNS: Record<
  string,
  { ref: 'o.created_at' | 'o.updated_at' | 'o.total_minor' | 'o.number'; cast: string; read: (r: Row) => string }
> = {
  created_at: { ref: 'o.created_at', cast: 'timestamptz', read: (r) => new Date(r.created_at as string).toISOString() },
  updated_at: { ref: 'o.updated_at', cast: 'timestamptz', read: (r) => new Date(r.updated_at as string).toISOString() },
  total: { ref: 'o.total_minor', cast: 'bigint', read: (r) => String(r.total_minor) },
  number: { ref: 'o.number', cast: 'text', read: (r) => r.number as string },
};

interface Row {
  doc: OrderDocument;
  progress: FulfillmentProgress;
  created_at: unknown;
  updated_at: unknown;
  total_minor: unknown;
  number: unknown;
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function statusKeys(vocabulary: StatusVocabulary, values: readonly string[], payment: boolean): string[] {
  const keys: string[] = [];
  for (const raw of values) {
    const v = VOCABULARIES[vocabulary];
    const value = payment ? v.paymentStatuses.find((s) => s.toLowerCase() === raw.toLowerCase()) : normaliseStatus(vocabulary, raw);
    if (!value) {
      const known = payment ? v.paymentStatuses : v.orderStatuses;
      throw new Problem(
        400,
        'validation_failed',
        'The request is not valid',
        `${raw} is not a ${vocabulary} ${payment ? 'payment ' : ''}status (${known.join(', ')})`,
        {
          errors: [{ path: payment ? 'payment_status' : 'status', message: `unknown status ${raw}`, code: 'invalid_value' }],
        },
      );
    }
    keys.push(...(payment ? paymentStatesPresentedAs(vocabulary, value) : statesPresentedAs(vocabulary, value)).map(stateKey));
  }
  return keys;
}

/** The filter's conditions on orders `o`; the fulfillment status one needs `withProgress`. */
export function orderConditions(f: OrderFilter): Expression<SqlBool>[] {
  if (f.minTotal !== undefined && f.maxTotal !== undefined && f.minTotal > f.maxTotal)
    throw problems.validation([{ code: 'custom', path: ['min_total'], message: 'min_total is above max_total', input: f.minTotal }]);
  return [...statusConditions(f), ...whoAndWhereConditions(f), ...rangeConditions(f), ...textConditions(f)];
}

/** Order, payment and fulfillment status, in the filter's vocabulary. */
function statusConditions(f: OrderFilter): Expression<SqlBool>[] {
  const eb = orders;
  const c: Expression<SqlBool>[] = [];
  if (f.status?.length) {
    const keys = statusKeys(f.vocabulary, f.status, false);
    // The plain status column first: it can use the (status, created_at) index; the key decides.
    const statuses = [...new Set(keys.map((k) => k.split('|')[0]!))];
    c.push(statuses.length === 1 ? eb('o.status', '=', statuses[0]!) : eb('o.status', '=', anyText(statuses)));
    c.push(eb(STATE_KEY, '=', anyText(keys)));
  }
  if (f.paymentStatus?.length) c.push(eb(STATE_KEY, '=', anyText(statusKeys(f.vocabulary, f.paymentStatus, true))));
  if (f.fulfillmentStatus?.length) c.push(eb(PROGRESS, '=', anyText(f.fulfillmentStatus)));
  return c;
}

/** The customer, channel, currency and warehouse (the one asked for, and the caller's scope). */
function whoAndWhereConditions(f: OrderFilter): Expression<SqlBool>[] {
  const eb = orders;
  const c: Expression<SqlBool>[] = [];
  if (f.customerId) c.push(eb('o.customer_id', '=', f.customerId));
  if (f.customer) {
    const like = `%${escapeLike(f.customer)}%`;
    c.push(eb.or([eb('o.customer_name', 'ilike', like), eb('o.customer_email', 'ilike', like)]));
  }
  if (f.channels?.length) c.push(eb('o.channel', '=', anyText(f.channels)));
  if (f.currency) c.push(eb('o.currency', '=', f.currency));
  if (f.warehouseId) c.push(routedTo('o.id', f.warehouseId));
  if (f.scopeWarehouseId) c.push(routedTo('o.id', f.scopeWarehouseId));
  return c;
}

/** Dates and totals. */
function rangeConditions(f: OrderFilter): Expression<SqlBool>[] {
  const eb = orders;
  const c: Expression<SqlBool>[] = [];
  const date = f.dateField === 'delivered_at' ? sql<string>`(o.doc->'milestones'->>'delivered')::timestamptz` : eb.ref(`o.${f.dateField}`);
  if (f.from) c.push(eb(date, '>=', sql<string>`${f.from}::timestamptz`));
  if (f.to) c.push(eb(date, '<', sql<string>`${f.to}::timestamptz`));
  if (f.minTotal !== undefined) c.push(eb('o.total_minor', '>=', f.minTotal));
  if (f.maxTotal !== undefined) c.push(eb('o.total_minor', '<=', f.maxTotal));
  return c;
}

/** The order number (exact or a part of it) and the free-text search. */
function textConditions(f: OrderFilter): Expression<SqlBool>[] {
  const eb = orders;
  const c: Expression<SqlBool>[] = [];
  if (f.number) c.push(eb('o.number', '=', f.number.toUpperCase()));
  if (f.numberContains) c.push(eb('o.number', 'ilike', `%${escapeLike(f.numberContains)}%`));
  if (f.q) {
    const like = `%${escapeLike(f.q)}%`;
    c.push(
      eb.or([
        eb('o.number', 'ilike', like),
        eb('o.customer_name', 'ilike', like),
        eb('o.customer_email', 'ilike', like),
        eb('o.customer_id', '=', f.q),
        eb(sql<string>`o.doc->>'externalReference'`, '=', f.q),
      ]),
    );
  }
  return c;
}

/** Opaque keyset cursor: the sort it belongs to, the last row's sort value and id. */
function encodeCursor(sort: OrderSort, value: string, id: string): string {
  return Buffer.from(JSON.stringify({ s: sort, v: value, id })).toString('base64url');
}

function decodeCursor(sort: OrderSort, cursor: string): { v: string; id: string } {
  try {
    const c = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { s?: string; v?: string; id?: string };
    if (c.s === sort && typeof c.v === 'string' && typeof c.id === 'string' && /^[0-9a-f-]{36}$/i.test(c.id)) return { v: c.v, id: c.id };
  } catch {
    /* falls through */
  }
  throw new Problem(
    400,
    'invalid_cursor',
    'Bad cursor',
    'the cursor is not one this list returned for this sort order; start again without it',
  );
}

export interface OrderPage {
  rows: { order: OrderDocument; fulfillmentStatus: FulfillmentProgress }[];
  pagination: { limit: number; nextCursor: string | null; hasMore: boolean; page?: number; totalItems?: number; totalPages?: number };
}

/** One page of orders: keyset (cursor) pagination by default, page numbers with totals when `page` is given. */
export async function listOrders(q: Queryable, filter: OrderFilter, page: Page): Promise<OrderPage> {
  const conditions = orderConditions(filter);
  const desc = page.sort.startsWith('-');
  const col = SORT_COLUMNS[page.sort.replace(/^-/, '')]!;
  const dir = desc ? 'desc' : 'asc';
  const cursor = page.cursor && page.page === undefined ? decodeCursor(page.sort, page.cursor) : null;
  const after = cursor
    ? [orders(sql`(${orders.ref(col.ref)}, o.id)`, desc ? '<' : '>', sql`(${cursor.v}::${sql.raw(col.cast)}, ${cursor.id}::uuid)`)]
    : [];
  const offset = page.page !== undefined ? (page.page - 1) * page.limit : 0;
  const columns = ['o.doc', 'o.created_at', 'o.updated_at', 'o.total_minor', 'o.number'] as const;
  // The derived progress costs a scan of each order's fulfillment lines: unless a filter needs it,
  // take the page first and derive it for those rows only (else every matching order pays).
  const needsProgress = !!filter.fulfillmentStatus?.length;
  const query = needsProgress
    ? whereAll(withProgress(qb.selectFrom('orders as o')), [...conditions, ...after])
        .select([...columns, PROGRESS.as('progress')])
        .orderBy(col.ref, dir)
        .orderBy('o.id', dir)
        .limit(page.limit + 1)
        .offset(offset)
    : withProgress(
        qb.selectFrom(
          whereAll(qb.selectFrom('orders as o').selectAll('o'), [...conditions, ...after])
            .orderBy(col.ref, dir)
            .orderBy('o.id', dir)
            .limit(page.limit + 1)
            .offset(offset)
            .as('o'),
        ),
      )
        .select([...columns, PROGRESS.as('progress')])
        .orderBy(col.ref, dir)
        .orderBy('o.id', dir);
  const rows = (await runQuery(q, query)) as Row[];
  const hasMore = rows.length > page.limit;
  const pageRows = rows.slice(0, page.limit);
  const last = pageRows.at(-1);
  const pagination: OrderPage['pagination'] = {
    limit: page.limit,
    hasMore,
    nextCursor: hasMore && last && page.page === undefined ? encodeCursor(page.sort, col.read(last), last.doc.id) : null,
  };
  if (page.page !== undefined) {
    const count = await firstRow(
      q,
      whereAll(withProgress(qb.selectFrom('orders as o')), conditions).select((eb) => eb.fn.countAll().as('n')),
    );
    const total = toInt(count?.n);
    Object.assign(pagination, { page: page.page, totalItems: total, totalPages: Math.ceil(total / page.limit) });
  }
  return { rows: pageRows.map((r) => ({ order: r.doc, fulfillmentStatus: r.progress })), pagination };
}

const AGGREGATIONS: Record<string, AliasableExpression<string>> = {
  status: STATE_KEY,
  payment_status: STATE_KEY,
  fulfillment_status: PROGRESS,
  channel: orders.ref('o.channel'),
  currency: orders.ref('o.currency'),
};

/** Counts per value of a field over the filtered orders; statuses as the filter's vocabulary presents them. */
export async function aggregateOrders(
  q: Queryable,
  filter: OrderFilter,
  fields: readonly string[],
): Promise<Record<string, Record<string, number>>> {
  const filtered = whereAll(withProgress(qb.selectFrom('orders as o')), orderConditions(filter));
  const out: Record<string, Record<string, number>> = {};
  const v = VOCABULARIES[filter.vocabulary];
  for (const field of fields) {
    const rows = await runQuery(q, filtered.select((eb) => [AGGREGATIONS[field]!.as('k'), eb.fn.countAll().as('n')]).groupBy(sql.lit(1)));
    const counts: Record<string, number> = {};
    for (const r of rows) {
      let key = r.k;
      if (field === 'status' || field === 'payment_status') {
        const [status, paymentStatus, before] = r.k.split('|') as [never, never, string];
        const state = { status, paymentStatus, statusBeforeHold: (before || null) as never };
        key = field === 'status' ? v.presentStatus(state) : v.presentPayment(state);
      }
      counts[key] = (counts[key] ?? 0) + toInt(r.n);
    }
    out[field] = counts;
  }
  return out;
}

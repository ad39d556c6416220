import type { FulfillmentProgress, OrderSort } from '../../shared/api/order-queries';
import type { OrderDocument } from '../../shared/api/orders';
import {
  VOCABULARIES, normaliseStatus, paymentStatesPresentedAs, stateKey, statesPresentedAs, type StatusVocabulary,
} from './status-vocabularies';
import type { Queryable } from '../db/database';
import { toInt } from '../db/database';
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

/** The order's state as one string (see stateKey in status-vocabularies.ts). */
const STATE_KEY_SQL = `(o.status || '|' || o.payment_status || '|' || case when o.status = 'on_hold' then coalesce(o.doc->>'statusBeforeHold', '') else '' end)`;

/** Derived fulfillment progress, the SQL twin of fulfillmentProgressOf in order-view.ts. */
const PROGRESS_JOINS = `
  left join lateral (
    select coalesce(sum((l->>'shipped')::int), 0) as shipped
      from fulfillment_orders f cross join lateral jsonb_array_elements(f.doc->'lines') l
     where f.order_id = o.id and f.status not in ('cancelled', 'incomplete')
  ) fs on true
  cross join lateral (select coalesce(sum((l->>'quantity')::int), 0) as units from jsonb_array_elements(o.doc->'lines') l) ou`;
const PROGRESS_SQL = `(case when fs.shipped = 0 then 'unfulfilled' when fs.shipped >= ou.units then 'fulfilled' else 'partially_fulfilled' end)`;

const SORT_COLUMNS: Record<string, { sql: string; cast: string; read: (r: Row) => string }> = {
  created_at: { sql: 'o.created_at', cast: 'timestamptz', read: (r) => new Date(r.created_at as string).toISOString() },
  updated_at: { sql: 'o.updated_at', cast: 'timestamptz', read: (r) => new Date(r.updated_at as string).toISOString() },
  total: { sql: 'o.total_minor', cast: 'bigint', read: (r) => String(r.total_minor) },
  number: { sql: 'o.number', cast: 'text', read: (r) => r.number as string },
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
      throw new Problem(400, 'validation_failed', 'The request is not valid', `${raw} is not a ${vocabulary} ${payment ? 'payment ' : ''}status (${known.join(', ')})`, {
        errors: [{ path: payment ? 'payment_status' : 'status', message: `unknown status ${raw}`, code: 'invalid_value' }],
      });
    }
    keys.push(...(payment ? paymentStatesPresentedAs(vocabulary, value) : statesPresentedAs(vocabulary, value)).map(stateKey));
  }
  return keys;
}

export function buildWhere(f: OrderFilter): { where: string; params: unknown[] } {
  const clauses: string[] = [];
  const params: unknown[] = [];
  const p = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  if (f.status?.length) {
    const keys = statusKeys(f.vocabulary, f.status, false);
    // The plain status column first: it can use the (status, created_at) index; the key decides.
    const statuses = [...new Set(keys.map((k) => k.split('|')[0]!))];
    clauses.push(statuses.length === 1 ? `o.status = ${p(statuses[0])}` : `o.status = any(${p(statuses)}::text[])`);
    clauses.push(`${STATE_KEY_SQL} = any(${p(keys)}::text[])`);
  }
  if (f.paymentStatus?.length) clauses.push(`${STATE_KEY_SQL} = any(${p(statusKeys(f.vocabulary, f.paymentStatus, true))}::text[])`);
  if (f.fulfillmentStatus?.length) clauses.push(`${PROGRESS_SQL} = any(${p(f.fulfillmentStatus)}::text[])`);
  if (f.customerId) clauses.push(`o.customer_id = ${p(f.customerId)}`);
  if (f.customer) {
    const like = p(`%${escapeLike(f.customer)}%`);
    clauses.push(`(o.customer_name ilike ${like} or o.customer_email ilike ${like})`);
  }
  if (f.channels?.length) clauses.push(`o.channel = any(${p(f.channels)}::text[])`);
  if (f.currency) clauses.push(`o.currency = ${p(f.currency)}`);
  if (f.warehouseId) clauses.push(`exists (select 1 from fulfillment_orders fw where fw.order_id = o.id and fw.warehouse_id = ${p(f.warehouseId)})`);
  if (f.scopeWarehouseId) clauses.push(`exists (select 1 from fulfillment_orders fx where fx.order_id = o.id and fx.warehouse_id = ${p(f.scopeWarehouseId)})`);
  const dateSql = f.dateField === 'delivered_at' ? `(o.doc->'milestones'->>'delivered')::timestamptz` : `o.${f.dateField}`;
  if (f.from) clauses.push(`${dateSql} >= ${p(f.from)}::timestamptz`);
  if (f.to) clauses.push(`${dateSql} < ${p(f.to)}::timestamptz`);
  if (f.minTotal !== undefined) clauses.push(`o.total_minor >= ${p(f.minTotal)}`);
  if (f.maxTotal !== undefined) clauses.push(`o.total_minor <= ${p(f.maxTotal)}`);
  if (f.number) clauses.push(`o.number = ${p(f.number.toUpperCase())}`);
  if (f.numberContains) clauses.push(`o.number ilike ${p(`%${escapeLike(f.numberContains)}%`)}`);
  if (f.q) {
    const like = p(`%${escapeLike(f.q)}%`);
    const exact = p(f.q);
    clauses.push(`(o.number ilike ${like} or o.customer_name ilike ${like} or o.customer_email ilike ${like} or o.customer_id = ${exact} or o.doc->>'externalReference' = ${exact})`);
  }
  if (f.minTotal !== undefined && f.maxTotal !== undefined && f.minTotal > f.maxTotal) throw problems.validation([{ code: 'custom', path: ['min_total'], message: 'min_total is above max_total', input: f.minTotal }]);
  return { where: clauses.length ? `where ${clauses.join(' and ')}` : '', params };
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
  throw new Problem(400, 'invalid_cursor', 'Bad cursor', 'the cursor is not one this list returned for this sort order; start again without it');
}

export interface OrderPage {
  rows: { order: OrderDocument; fulfillmentStatus: FulfillmentProgress }[];
  pagination: { limit: number; nextCursor: string | null; hasMore: boolean; page?: number; totalItems?: number; totalPages?: number };
}

/** One page of orders: keyset (cursor) pagination by default, page numbers with totals when `page` is given. */
export async function listOrders(q: Queryable, filter: OrderFilter, page: Page): Promise<OrderPage> {
  const { where, params } = buildWhere(filter);
  const desc = page.sort.startsWith('-');
  const col = SORT_COLUMNS[page.sort.replace(/^-/, '')]!;
  const dir = desc ? 'desc' : 'asc';
  const clauses = where ? [where.slice('where '.length)] : [];
  if (page.cursor && page.page === undefined) {
    const c = decodeCursor(page.sort, page.cursor);
    params.push(c.v, c.id);
    clauses.push(`(${col.sql}, o.id) ${desc ? '<' : '>'} ($${params.length - 1}::${col.cast}, $${params.length}::uuid)`);
  }
  const offset = page.page !== undefined ? (page.page - 1) * page.limit : 0;
  params.push(page.limit + 1, offset);
  const whereSql = clauses.length ? `where ${clauses.join(' and ')}` : '';
  // The derived progress costs a scan of each order's fulfillment lines: unless a filter needs it,
  // take the page first and derive it for those rows only (else every matching order pays).
  const needsProgress = /\bfs\.|\bou\./.test(whereSql);
  const rows = await q.query<Row>(
    needsProgress
      ? `select o.doc, o.created_at, o.updated_at, o.total_minor, o.number, ${PROGRESS_SQL} as progress
           from orders o ${PROGRESS_JOINS}
           ${whereSql}
          order by ${col.sql} ${dir}, o.id ${dir}
          limit $${params.length - 1} offset $${params.length}`
      : `select o.doc, o.created_at, o.updated_at, o.total_minor, o.number, ${PROGRESS_SQL} as progress
           from (select o.* from orders o ${whereSql}
                  order by ${col.sql} ${dir}, o.id ${dir}
                  limit $${params.length - 1} offset $${params.length}) o ${PROGRESS_JOINS}
          order by ${col.sql} ${dir}, o.id ${dir}`,
    params,
  );
  const hasMore = rows.length > page.limit;
  const pageRows = rows.slice(0, page.limit);
  const last = pageRows.at(-1);
  const pagination: OrderPage['pagination'] = {
    limit: page.limit,
    hasMore,
    nextCursor: hasMore && last && page.page === undefined ? encodeCursor(page.sort, col.read(last), last.doc.id) : null,
  };
  if (page.page !== undefined) {
    const [count] = await q.query<{ n: unknown }>(`select count(*) as n from orders o ${PROGRESS_JOINS} ${where}`, params.slice(0, params.length - 2));
    const total = toInt(count?.n);
    Object.assign(pagination, { page: page.page, totalItems: total, totalPages: Math.ceil(total / page.limit) });
  }
  return { rows: pageRows.map((r) => ({ order: r.doc, fulfillmentStatus: r.progress })), pagination };
}

export const AGGREGATION_SQL: Record<string, string> = {
  status: STATE_KEY_SQL,
  payment_status: STATE_KEY_SQL,
  fulfillment_status: PROGRESS_SQL,
  channel: 'o.channel',
  currency: 'o.currency',
};

/** Counts per value of a field over the filtered orders; statuses as the filter's vocabulary presents them. */
export async function aggregateOrders(q: Queryable, filter: OrderFilter, fields: readonly string[]): Promise<Record<string, Record<string, number>>> {
  const { where, params } = buildWhere(filter);
  const out: Record<string, Record<string, number>> = {};
  const v = VOCABULARIES[filter.vocabulary];
  for (const field of fields) {
    const rows = await q.query<{ k: string; n: unknown }>(`select ${AGGREGATION_SQL[field]} as k, count(*) as n from orders o ${PROGRESS_JOINS} ${where} group by 1`, params);
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

/**
 * What building SQL with kysely (compile only, run through our Queryable) costs against the
 * hand-built string it replaced, for a typical filtered order list: status, channels, a date
 * range and the caller's warehouse scope, newest first, 50 rows, on PGlite with bulk-seeded orders.
 * Prints build time per query (no database) and end-to-end time per list (build + run) for both.
 */
import { openDatabase, type Queryable } from '../src/server/db/database';
import { migrate } from '../src/server/db/migrate';
import { seedBulkOrders } from '../src/server/demo/seed-bulk';
import { CHANNELS } from '../src/server/demo/catalogue';
import { listOrders, type OrderFilter } from '../src/server/orders/order-query';
import { stateKey, statesPresentedAs } from '../src/server/orders/status-vocabularies';
import { writeResult } from './server-kit';

const ORDERS = Number(process.env.BENCH_BUILDER_ORDERS ?? 3000);
const BUILDS = 20_000;
const RUNS = Number(process.env.BENCH_BUILDER_RUNS ?? 300);

const PROGRESS_JOINS = `
  left join lateral (
    select coalesce(sum((l->>'shipped')::int), 0) as shipped
      from fulfillment_orders f cross join lateral jsonb_array_elements(f.doc->'lines') l
     where f.order_id = o.id and f.status not in ('cancelled', 'incomplete')
  ) fs on true
  cross join lateral (select coalesce(sum((l->>'quantity')::int), 0) as units from jsonb_array_elements(o.doc->'lines') l) ou`;
const PROGRESS_SQL = `(case when fs.shipped = 0 then 'unfulfilled' when fs.shipped >= ou.units then 'fulfilled' else 'partially_fulfilled' end)`;
const STATE_KEY_SQL = `(o.status || '|' || o.payment_status || '|' || case when o.status = 'on_hold' then coalesce(o.doc->>'statusBeforeHold', '') else '' end)`;

/** The list query as order-query.ts built it by hand before the builder (same filter, same shape). */
function handBuilt(f: OrderFilter, limit: number): { sql: string; params: unknown[] } {
  const clauses: string[] = [];
  const params: unknown[] = [];
  const p = (value: unknown) => (params.push(value), `$${params.length}`);
  const keys = statesPresentedAs(f.vocabulary, f.status![0]! as never).map(stateKey);
  const statuses = [...new Set(keys.map((k) => k.split('|')[0]!))];
  clauses.push(statuses.length === 1 ? `o.status = ${p(statuses[0])}` : `o.status = any(${p(statuses)}::text[])`);
  clauses.push(`${STATE_KEY_SQL} = any(${p(keys)}::text[])`);
  clauses.push(`o.channel = any(${p(f.channels)}::text[])`);
  clauses.push(`exists (select 1 from fulfillment_orders fx where fx.order_id = o.id and fx.warehouse_id = ${p(f.scopeWarehouseId)})`);
  clauses.push(`o.created_at >= ${p(f.from)}::timestamptz`);
  params.push(limit + 1, 0);
  return {
    sql: `select o.doc, o.created_at, o.updated_at, o.total_minor, o.number, ${PROGRESS_SQL} as progress
           from (select o.* from orders o where ${clauses.join(' and ')}
                  order by o.created_at desc, o.id desc
                  limit $${params.length - 1} offset $${params.length}) o ${PROGRESS_JOINS}
          order by o.created_at desc, o.id desc`,
    params,
  };
}

const stats = (ms: number[]) => {
  const s = [...ms].sort((a, b) => a - b);
  return {
    medianMs: +s[Math.floor(s.length / 2)]!.toFixed(3),
    meanMs: +(s.reduce((a, b) => a + b, 0) / s.length).toFixed(3),
    p90Ms: +s[Math.floor(s.length * 0.9)]!.toFixed(3),
  };
};

const db = await openDatabase({ dataDir: null });
await migrate(db);
const warehouseId = crypto.randomUUID();
await db.query(`insert into warehouses (id, code, name, priority) values ($1, 'BENCH-1', 'Bench', 10)`, [warehouseId]);
await seedBulkOrders(db, { warehouseId, count: ORDERS });

const filter: OrderFilter = {
  vocabulary: 'dockside',
  dateField: 'created_at',
  status: ['confirmed'],
  channels: [...new Set(CHANNELS)].slice(0, 2),
  from: new Date(Date.now() - 30 * 86400_000).toISOString(),
  scopeWarehouseId: warehouseId,
};
const page = { sort: '-created_at' as const, limit: 50 };

// Build only: a Queryable that answers nothing, so only building (and compiling) is timed.
const noDb: Queryable = { query: async () => [], exec: async () => {} };
let t = performance.now();
for (let i = 0; i < BUILDS; i++) await listOrders(noDb, filter, page);
const builderBuildUs = ((performance.now() - t) * 1000) / BUILDS;
t = performance.now();
for (let i = 0; i < BUILDS; i++) handBuilt(filter, page.limit);
const handBuildUs = ((performance.now() - t) * 1000) / BUILDS;

// Both return the same rows.
const viaBuilder = await listOrders(db, filter, page);
const { sql, params } = handBuilt(filter, page.limit);
const viaHand = await db.query<{ doc: { id: string } }>(sql, params);
if (JSON.stringify(viaBuilder.rows.map((r) => r.order.id)) !== JSON.stringify(viaHand.slice(0, page.limit).map((r) => r.doc.id)))
  throw new Error('the two queries disagree');

// End to end, interleaved so both see the same machine load.
const builderMs: number[] = [];
const handMs: number[] = [];
for (let i = 0; i < RUNS; i++) {
  t = performance.now();
  await listOrders(db, filter, page);
  builderMs.push(performance.now() - t);
  t = performance.now();
  const h = handBuilt(filter, page.limit);
  await db.query(h.sql, h.params);
  handMs.push(performance.now() - t);
}
await db.close();

const out = {
  orders: ORDERS,
  rowsPerList: viaBuilder.rows.length,
  buildOnly: { builderMicroseconds: +builderBuildUs.toFixed(1), handBuiltMicroseconds: +handBuildUs.toFixed(1) },
  endToEnd: { runs: RUNS, builder: stats(builderMs), handBuilt: stats(handMs) },
};
const overheadUs = builderBuildUs - handBuildUs;
console.log(
  `order list (${out.rowsPerList} rows of ${ORDERS} orders, PGlite): building costs ${out.buildOnly.builderMicroseconds} µs with kysely vs ${out.buildOnly.handBuiltMicroseconds} µs by hand (+${overheadUs.toFixed(1)} µs)`,
);
console.log(
  `end to end median ${out.endToEnd.builder.medianMs} ms via the builder vs ${out.endToEnd.handBuilt.medianMs} ms hand-built; the builder adds ${((overheadUs / 1000 / out.endToEnd.handBuilt.medianMs) * 100).toFixed(2)}% of a list's time`,
);
writeResult('order-query-builder', out);

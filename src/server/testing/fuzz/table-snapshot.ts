import type { Database } from '../../db/database';

/**
 * What a refused request must leave as it found: the row count of every table, and the content
 * of the tables that hold the business's state (a refused command that bumped an order's
 * version or moved stock before failing changed no count, but it did write half of itself).
 * Columns a read touches by design (a credential's last use, a station's last contact) are left out.
 */
const CONTENT_TABLES = [
  'orders',
  'fulfillment_orders',
  'package_details',
  'inventory',
  'backorders',
  'returns',
  'return_lines',
  'payments',
  'refunds',
  'users',
  'warehouses',
  'webhooks',
  'suppliers',
  'supplier_products',
  'channel_routing',
];

export type TableSnapshot = Record<string, string>;

export interface TableSnapshotter {
  /** Taken once no background work is queued (a queued export or import writes on its own time). */
  take(): Promise<TableSnapshot>;
}

export async function tableSnapshotter(db: Database): Promise<TableSnapshotter> {
  const tables = (
    await db.query<{ table_name: string }>(
      "select table_name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE' and table_name <> 'schema_migrations' order by 1",
    )
  ).map((r) => r.table_name);
  const content = CONTENT_TABLES.filter((t) => tables.includes(t));
  const parts = [
    ...tables.map((t) => `(select count(*) from ${t})::text as "count:${t}"`),
    ...content.map((t) => `(select coalesce(md5(string_agg(x::text, '|' order by x::text)), '') from ${t} x) as "rows:${t}"`),
  ];
  const pending = tables.includes('jobs') ? "(select count(*) from jobs where status in ('queued', 'running'))" : '0';
  const sql = `select ${pending}::int as pending, ${parts.join(', ')}`;
  return {
    async take() {
      for (;;) {
        const [{ pending: queued, ...row }] = (await db.query<Record<string, unknown>>(sql)) as [Record<string, unknown>];
        if (Number(queued) === 0) return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, String(v)]));
        await new Promise((r) => setTimeout(r, 50));
      }
    },
  };
}

/** The keys whose values differ between two snapshots, e.g. ["count:orders", "rows:inventory"]. */
export function snapshotDifferences(before: TableSnapshot, after: TableSnapshot): string[] {
  return Object.keys(after).filter((k) => before[k] !== after[k]);
}

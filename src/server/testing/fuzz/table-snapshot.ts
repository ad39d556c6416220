import type { Database } from '../../db/database';

/**
 * What a refused request must leave as it found: the row count of every table, and the content
 * of the tables that hold the business's state (a refused command that bumped an order's
 * version or moved stock before failing changed no count, but it did write half of itself).
 * Columns a read touches by design (a credential's last use, a station's last contact) are left out.
 */
const CONTENT_TABLES = ['orders', 'fulfillment_orders', 'package_details', 'inventory', 'backorders', 'returns', 'return_lines', 'payments', 'refunds', 'users', 'warehouses', 'webhooks', 'suppliers', 'supplier_products', 'channel_routing'];

export type TableSnapshot = Record<string, string>;

export interface TableSnapshotter {
  take(): Promise<TableSnapshot>;
  /** Work queued for the background (jobs) that would write between two snapshots. */
  pendingBackgroundWork(): Promise<number>;
}

export async function tableSnapshotter(db: Database): Promise<TableSnapshotter> {
  const tables = (await db.query<{ table_name: string }>("select table_name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE' and table_name <> 'schema_migrations' order by 1")).map((r) => r.table_name);
  const content = CONTENT_TABLES.filter((t) => tables.includes(t));
  const parts = [
    ...tables.map((t) => `(select count(*) from ${t})::text as "count:${t}"`),
    ...content.map((t) => `(select coalesce(md5(string_agg(x::text, '|' order by x::text)), '') from ${t} x) as "rows:${t}"`),
  ];
  const sql = `select ${parts.join(', ')}`;
  return {
    async take() {
      const [row] = await db.query<Record<string, unknown>>(sql);
      return Object.fromEntries(Object.entries(row!).map(([k, v]) => [k, String(v)]));
    },
    async pendingBackgroundWork() {
      if (!tables.includes('jobs')) return 0;
      const [row] = await db.query<{ n: unknown }>("select count(*) as n from jobs where status in ('queued', 'running')");
      return Number(row?.n ?? 0);
    },
  };
}

/** The keys whose values differ between two snapshots, e.g. ["count:orders", "rows:inventory"]. */
export function snapshotDifferences(before: TableSnapshot, after: TableSnapshot): string[] {
  return Object.keys(after).filter((k) => before[k] !== after[k]);
}

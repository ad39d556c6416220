/**
 * One small seam over the two PostgreSQL engines we run on: PGlite (embedded, default) and a
 * real PostgreSQL through `pg` (DATABASE_URL). Repositories write plain SQL against `Queryable`.
 */
export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Runs several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export interface Database extends Queryable {
  readonly engine: 'pglite' | 'postgres';
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /** LISTEN on a channel; the callback gets each NOTIFY payload after its transaction commits. */
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

export interface DatabaseConfig {
  /** postgres://... to use a PostgreSQL server; otherwise PGlite in `dataDir` (or in memory when null). */
  databaseUrl?: string | null;
  dataDir?: string | null;
  /** Connections in the PostgreSQL pool. */
  poolSize?: number;
}

export async function openDatabase(config: DatabaseConfig): Promise<Database> {
  if (config.databaseUrl) {
    const { openPostgres } = await import('./postgres-database');
    return openPostgres(config.databaseUrl, config.poolSize);
  }
  const { openPglite } = await import('./pglite-database');
  return openPglite(config.dataDir ?? null);
}

/** int8 arrives as a number from PGlite and as a string from pg; read counters through this. */
export function toInt(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' || typeof value === 'bigint') return Number(value);
  if (value === null || value === undefined) return 0;
  throw new Error(`not an integer: ${String(value)}`);
}

export function toIso(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'string') return new Date(value).toISOString();
  throw new Error(`not a timestamp: ${String(value)}`);
}

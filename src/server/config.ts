import { resolve } from 'node:path';

export interface ServerConfig {
  port: number;
  host: string;
  /** PGlite data directory; ignored when databaseUrl is set. null = in memory. */
  dataDir: string | null;
  databaseUrl: string | null;
  bootstrapToken: string | undefined;
  orderNumberPrefix: string;
  returnNumberPrefix: string;
  /** The live stream sends a comment this often so proxies and stations notice a dead link. */
  heartbeatMs: number;
  /** How long a station's hold on a fulfillment order lasts unless it renews it (see src/server/leases). */
  leaseTtlMs: number;
  /** How often holds that ran out untouched go back to their warehouse's pool. */
  leaseSweepMs: number;
  /** The clock leases are granted and lapse by (tests move it forward); the system clock when absent. */
  now?: () => Date;
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  return {
    port: Number(env.PORT ?? 4000),
    host: env.HOST ?? '127.0.0.1',
    dataDir: env.DOCKSIDE_DATA_DIR === ':memory:' ? null : resolve(env.DOCKSIDE_DATA_DIR ?? '.data/server'),
    databaseUrl: env.DATABASE_URL || null,
    bootstrapToken: env.DOCKSIDE_BOOTSTRAP_TOKEN || undefined,
    orderNumberPrefix: env.DOCKSIDE_ORDER_PREFIX ?? 'ORD',
    returnNumberPrefix: env.DOCKSIDE_RMA_PREFIX ?? 'RMA',
    heartbeatMs: Number(env.DOCKSIDE_HEARTBEAT_MS ?? 15_000),
    leaseTtlMs: Number(env.DOCKSIDE_LEASE_TTL_MINUTES ?? 8 * 60) * 60_000,
    leaseSweepMs: Number(env.DOCKSIDE_LEASE_SWEEP_MS ?? 60_000),
  };
}

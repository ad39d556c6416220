import type { FailedAuthLimits } from '../auth/failed-auth-limiter';
import type { DestinationStream } from 'pino';
import { inject } from 'vitest';
import { createCentralServer, type CentralServer } from '../app';
import { configFromEnv, type ServerConfig } from '../config';
import { openDatabase, type Database } from '../db/database';
import { openPgliteFromTemplate, seedPgliteDataDir } from './database-templates';
import { createTestDatabase, testDatabaseUrl, type TestDatabase } from './test-database';
import { apiClient, type ApiClient } from './test-support';

export const TEST_ADMIN_TOKEN = 'dks_test_admin_token_0123456789abcdef';

export interface TestServer {
  server: CentralServer;
  url: string;
  /** The PostgreSQL database this server runs on (its own, made for it), or null on PGlite. */
  databaseUrl: string | null;
  /** Calls the API over real HTTP as the admin (see apiClient). */
  api: ApiClient;
  close(): Promise<void>;
}

/**
 * A real central server on 127.0.0.1 over PGlite (in opened unless dataDir is given), or, when
 * DOCKSIDE_TEST_DATABASE_URL is set, over a fresh PostgreSQL database created for this call and
 * dropped by close(). Pass `databaseUrl` to use a given database as it is.
 * Its own database starts as a copy of the run's migrated template (global-setup.ts), so the
 * server's own migrate() finds nothing to do; so does a given PGlite dataDir that holds no
 * database yet (one that does is opened as it is).
 */
export async function startTestServer(
  overrides: Partial<ServerConfig> = {},
  options: {
    logDestination?: DestinationStream;
    failedAuthLimits?: FailedAuthLimits;
    /** Wraps the server's database (on either engine): a test may hold back what LISTEN delivers, say. */
    database?: (db: Database) => Database;
  } = {},
): Promise<TestServer> {
  let own: TestDatabase | null = null;
  const base = testDatabaseUrl();
  if (overrides.databaseUrl === undefined && base)
    own = await createTestDatabase(base, 'dockside_t', { template: inject('postgresTemplate') });
  // The environment's settings (a test may set DOCKSIDE_WEBHOOK_* first), quiet logs unless DOCKSIDE_LOG_LEVEL asks.
  const config: ServerConfig = {
    ...configFromEnv(process.env),
    logLevel: process.env.DOCKSIDE_LOG_LEVEL ? configFromEnv(process.env).logLevel : 'silent',
    port: 0,
    host: '127.0.0.1',
    dataDir: null,
    databaseUrl: own?.url ?? null,
    bootstrapToken: TEST_ADMIN_TOKEN,
    orderNumberPrefix: 'ORD',
    returnNumberPrefix: 'RMA',
    heartbeatMs: 15_000,
    leaseTtlMs: 8 * 60 * 60_000,
    leaseSweepMs: 60_000,
    ...overrides,
  };
  // The database this opens and closes itself (PGlite in memory, or one a wrapper is given); else the server opens its own.
  let opened: Database | null = null;
  let server: CentralServer;
  try {
    if (!config.databaseUrl && !config.dataDir) opened = await openTemplatePglite();
    if (!config.databaseUrl && config.dataDir && inject('pgliteTemplate')) seedPgliteDataDir(config.dataDir, inject('pgliteTemplate'));
    if (options.database && !opened) opened = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
    server = await createCentralServer(config, {
      ...(opened ? { db: options.database ? options.database(opened) : opened } : {}),
      logDestination: options.logDestination,
      ...(options.failedAuthLimits ? { failedAuthLimits: options.failedAuthLimits } : {}),
    });
    await server.app.listen({ port: 0, host: '127.0.0.1' });
  } catch (err) {
    await opened?.close().catch(() => {});
    await own?.drop().catch(() => {});
    throw err;
  }
  const address = server.app.server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return {
    server,
    url,
    databaseUrl: config.databaseUrl,
    api: apiClient(url, TEST_ADMIN_TOKEN),
    async close() {
      await server.close();
      await opened?.close();
      await own?.drop();
    },
  };
}

/** An in-memory PGlite loaded from the run's migrated dump; null when no global setup provided one. */
async function openTemplatePglite(): Promise<Database | null> {
  const path = inject('pgliteTemplate');
  return path ? openPgliteFromTemplate(path) : null;
}

export const sampleAddress = { name: 'Ada Lovelace', line1: '12 St James Square', city: 'London', postalCode: 'SW1Y 4JH', country: 'GB' };

/** A warehouse with stock, an enrolled station, ready for orders. */
export async function setUpWarehouse(t: TestServer, code = 'LON-1', stock: Record<string, number> = { 'SKU-MUG': 100, 'SKU-TEE': 100 }) {
  const wh = await t.api('POST', '/v1/warehouses', { body: { code, name: `Warehouse ${code}`, priority: 10 } });
  if (wh.status !== 201) throw new Error(`warehouse: ${JSON.stringify(wh.body)}`);
  for (const [sku, onHand] of Object.entries(stock)) await t.api('PUT', `/v1/inventory/${wh.body.id}/${sku}`, { body: { onHand } });
  const st = await t.api('POST', '/v1/stations', { body: { name: `Pack 1 ${code}`, warehouseId: wh.body.id } });
  const enrolled = await t.api('POST', '/v1/stations/enroll', { body: { code: st.body.enrollmentCode }, token: null });
  if (enrolled.status !== 201) throw new Error(`enroll: ${JSON.stringify(enrolled.body)}`);
  return {
    warehouseId: wh.body.id as string,
    stationId: enrolled.body.stationId as string,
    stationToken: enrolled.body.credential as string,
  };
}

export function sampleOrder(overrides: Record<string, unknown> = {}) {
  return {
    currency: 'GBP',
    channel: 'web',
    customer: { name: 'Ada Lovelace', email: 'ada@example.com' },
    shippingAddress: sampleAddress,
    lines: [
      { sku: 'SKU-MUG', barcode: '5012345678900', name: 'Enamel mug', quantity: 2, unitPriceMinor: 1250, taxRateBps: 2000 },
      { sku: 'SKU-TEE', barcode: '5012345678917', name: 'Cotton tee', quantity: 1, unitPriceMinor: 2000, taxRateBps: 2000 },
    ],
    shippingMinor: 499,
    payment: { status: 'paid' },
    ...overrides,
  };
}

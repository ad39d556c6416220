import pg from 'pg';

/** A throwaway database on a PostgreSQL server: its URL, and drop() to remove it. */
export interface TestDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

/**
 * Creates a database next to the one `baseUrl` names (which is only used to connect): empty, or
 * a copy of `template` (a database nobody is connected to). Each test file gets its own, so files
 * running in parallel never see each other's rows, sequences or migrations.
 */
export async function createTestDatabase(
  baseUrl: string,
  prefix = 'dockside_t',
  options: { template?: string | null } = {},
): Promise<TestDatabase> {
  const name = `${prefix}_${Date.now().toString(36)}_${crypto.randomUUID().replace(/-/g, '').slice(0, 10)}`;
  const source = options.template ? `template ${pg.escapeIdentifier(options.template)}` : `template template0 encoding 'UTF8'`;
  await admin(baseUrl, `create database ${pg.escapeIdentifier(name)} ${source}`);
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    async drop() {
      // FORCE (PostgreSQL 13+) ends sessions a test left behind, e.g. a LISTEN client.
      await admin(baseUrl, `drop database if exists ${pg.escapeIdentifier(name)} with (force)`);
    },
  };
}

async function admin(baseUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: baseUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** The PostgreSQL the tests should run on, or null to use in-memory PGlite. */
export function testDatabaseUrl(): string | null {
  return process.env.DOCKSIDE_TEST_DATABASE_URL || null;
}

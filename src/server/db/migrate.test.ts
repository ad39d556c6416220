import { describe, expect, it } from 'vitest';
import { createTestDatabase, testDatabaseUrl } from '../testing/test-database';
import { openDatabase } from './database';
import { migrate } from './migrate';
import { migrations } from './migrations/index';

const pgUrl = testDatabaseUrl();

describe('migrations', () => {
  it('apply once, and a second run applies nothing', async () => {
    const db = await openDatabase({ dataDir: null });
    try {
      expect(await migrate(db)).toEqual(migrations.map((m) => m.id));
      expect(await migrate(db)).toEqual([]);
    } finally {
      await db.close();
    }
  }, 90_000); // A brand-new PGlite (initdb in WebAssembly) took 27 s on loaded cores.

  // Several server processes starting together on an empty PostgreSQL (a deploy of N replicas).
  it.skipIf(!pgUrl)(`run by four processes at once on an empty PostgreSQL: one applies them, none fails${pgUrl ? '' : ' (skipped: DOCKSIDE_TEST_DATABASE_URL is unset; npm test sets it)'}`, async () => {
    const target = await createTestDatabase(pgUrl!, 'dockside_mig');
    const dbs = await Promise.all([1, 2, 3, 4].map(() => openDatabase({ databaseUrl: target.url })));
    try {
      const results = await Promise.all(dbs.map((db) => migrate(db)));
      expect(results.filter((r) => r.length > 0)).toEqual([migrations.map((m) => m.id)]);
      const rows = await dbs[0]!.query<{ id: string }>('select id from schema_migrations order by id');
      expect(rows.map((r) => r.id)).toEqual(migrations.map((m) => m.id).sort());
    } finally {
      await Promise.all(dbs.map((db) => db.close()));
      await target.drop();
    }
  });
});

import { describe, expect, inject, it } from 'vitest';
import { openPgliteFromTemplate } from '../testing/database-templates';
import { createTestDatabase, testDatabaseUrl } from '../testing/test-database';
import { openDatabase } from './database';
import { migrate } from './migrate';
import { migrations } from './migrations/index';

const pgUrl = testDatabaseUrl();

/** An empty in-memory PGlite: loaded from the run's dump of one just initialised (global-setup.ts), not initdb'd again here. */
const emptyPglite = () => openPgliteFromTemplate(inject('pgliteEmptyTemplate'));

describe('migrations', () => {
  it('apply once, and a second run applies nothing', async () => {
    const db = await emptyPglite();
    try {
      expect(await migrate(db)).toEqual(migrations.map((m) => m.id));
      expect(await migrate(db)).toEqual([]);
    } finally {
      await db.close();
    }
  });

  it("a failing migration leaves nothing half-applied: neither its own first statements nor the run's earlier migrations", async () => {
    const target = pgUrl ? await createTestDatabase(pgUrl, 'dockside_mig') : null;
    const db = target ? await openDatabase({ databaseUrl: target.url }) : await emptyPglite();
    const first = { id: 't1', sql: 'create table mig_first (id int primary key);' };
    const second = { id: 't2', sql: 'create table mig_second (id int primary key); insert into mig_first values (1);' };
    const broken = { id: 't3', sql: 'create table mig_third (id int primary key); insert into mig_missing values (1);' };
    const tables = async () =>
      (await db.query<{ t: string }>(`select tablename as t from pg_tables where tablename like 'mig_%' order by 1`)).map((r) => r.t);
    try {
      expect(await migrate(db, [first])).toEqual(['t1']);
      await expect(migrate(db, [first, second, broken])).rejects.toThrow(
        /migration t3 failed, nothing of this run was applied: .*mig_missing/,
      );
      expect(await tables()).toEqual(['mig_first']);
      expect(await db.query('select * from mig_first')).toEqual([]);
      expect((await db.query<{ id: string }>('select id from schema_migrations')).map((r) => r.id)).toEqual(['t1']);
      // Fixed, the same run applies what is pending.
      expect(await migrate(db, [first, second, { ...broken, sql: 'create table mig_third (id int primary key);' }])).toEqual(['t2', 't3']);
      expect(await tables()).toEqual(['mig_first', 'mig_second', 'mig_third']);
    } finally {
      await db.close();
      await target?.drop();
    }
  });

  // Several server processes starting together on an empty PostgreSQL (a deploy of N replicas).
  it.skipIf(!pgUrl)(
    `run by four processes at once on an empty PostgreSQL: one applies them, none fails${pgUrl ? '' : ' (skipped: DOCKSIDE_TEST_DATABASE_URL is unset; npm test sets it)'}`,
    async () => {
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
    },
  );
});

import { afterEach, expect, inject, it } from 'vitest';
import type { Database } from '../db/database';
import { openPgliteFromTemplate } from '../testing/database-templates';
import { startPgliteAnalyze } from './pglite-analyze';

const analyzed = async (db: Database, view: 'pg_stat_user_tables' | 'pg_stat_sys_tables') => {
  const [row] = await db.query<{ analyzed: number; tables: number }>(
    `select (count(*) filter (where analyze_count > 0))::int as analyzed, count(*)::int as tables from ${view}`,
  );
  return row!;
};

let stop = () => {};
let db: Database | null = null;
afterEach(async () => {
  stop();
  await db?.close();
});

it('analyzes every table of ours at start, and no system catalog', async () => {
  db = await openPgliteFromTemplate(inject('pgliteTemplate'));
  const before = await analyzed(db, 'pg_stat_user_tables');
  expect(before.tables).toBeGreaterThan(40);
  expect(before.analyzed).toBe(0);
  stop = startPgliteAnalyze(db, 3_600_000);
  await expect.poll(async () => (await analyzed(db!, 'pg_stat_user_tables')).analyzed).toBe(before.tables);
  expect((await analyzed(db, 'pg_stat_sys_tables')).analyzed).toBe(0);
});

it('analyzes them again every interval', async () => {
  db = await openPgliteFromTemplate(inject('pgliteTemplate'));
  stop = startPgliteAnalyze(db, 50);
  const counts = async () => (await db!.query<{ n: number }>('select min(analyze_count)::int as n from pg_stat_user_tables'))[0]!.n;
  await expect.poll(counts).toBeGreaterThanOrEqual(3);
});

import type { Database, Queryable } from './database';
import { migrations } from './migrations/index';

/**
 * Applies pending migrations in order, all in one transaction: a run applies every pending
 * migration or none (a failing one rolls back the whole run, so no half-applied migration or
 * schema_migrations row is left, and the server refuses to start). The transaction holds an
 * advisory lock, so of two servers starting together one applies them and the other finds them done.
 */
export async function migrate(db: Database, list: readonly { id: string; sql: string }[] = migrations): Promise<string[]> {
  const applied: string[] = [];
  await db.transaction(async (tx) => {
    // The lock comes first: two PostgreSQL sessions running `create table if not exists` at the
    // same moment can both miss the table and one fails on pg_type's unique index.
    await tx.query('select pg_advisory_xact_lock(7201)');
    await tx.query('create table if not exists schema_migrations (id text primary key, applied_at timestamptz not null default now())');
    const done = new Set((await tx.query<{ id: string }>('select id from schema_migrations')).map((r) => r.id));
    for (const m of list) {
      if (done.has(m.id)) continue;
      try {
        await tx.exec(m.sql);
      } catch (err) {
        throw new Error(`migration ${m.id} failed, nothing of this run was applied: ${err instanceof Error ? err.message : String(err)}`, {
          cause: err,
        });
      }
      await tx.query('insert into schema_migrations (id) values ($1)', [m.id]);
      applied.push(m.id);
    }
  });
  return applied;
}

/** The migrations this database has applied, by id (a failing query means the database does not answer). */
export async function appliedMigrations(db: Queryable): Promise<string[]> {
  const rows = await db.query<{ id: string }>('select id from schema_migrations order by id');
  return rows.map((r) => r.id);
}

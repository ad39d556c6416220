import { DummyDriver, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler, type Compilable } from 'kysely';
import type { Queryable } from './database';
import type { DB } from './schema';

/**
 * Dynamic SQL (optional filters, keyset pages, bulk updates) is built with kysely as a builder
 * only: it compiles to SQL text plus parameters, which run through our own `Queryable` (so one
 * code path serves PGlite and pg, and int8/timestamp reading stays in database.ts). Its PGlite
 * dialect is not used: it leaks int8 types (shared/LIBRARY-NOTES.md). The DummyDriver never
 * connects; calling `.execute()` on a query from here returns no rows, so always go through `run`.
 */
export const qb = new Kysely<DB>({
  dialect: {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (db) => new PostgresIntrospector(db),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  },
});

/** Runs a built query on `q` (the database or a transaction) and returns its rows. */
export async function run<R>(q: Queryable, query: Compilable<R>): Promise<R[]> {
  const compiled = query.compile();
  return q.query<R>(compiled.sql, compiled.parameters as unknown[]);
}

/** The first row of a built query, or undefined. */
export async function runFirst<R>(q: Queryable, query: Compilable<R>): Promise<R | undefined> {
  return (await run(q, query))[0];
}

import {
  DummyDriver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  sql,
  type Compilable,
  type RawBuilder,
} from 'kysely';
import type { Queryable } from './database';
import type { DB } from './schema';

/**
 * Dynamic SQL (optional filters, keyset pages, bulk updates) is built with kysely as a builder
 * only: it compiles to SQL text plus parameters, which run through our own `Queryable` (so one
 * code path serves PGlite and pg, and int8/timestamp reading stays in database.ts). Its PGlite
 * dialect is not used: it leaks int8 types (shared/LIBRARY-NOTES.md). The DummyDriver never
 * connects; calling `.execute()` on a query from here returns no rows, so always go through `runQuery`.
 */
export const qb = new Kysely<DB>({
  dialect: {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (db) => new PostgresIntrospector(db),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  },
});

/**
 * Runs a built query on `q` (the database or a transaction) and returns its rows. A query the
 * builder cannot say well (analytic CTEs) is written as a kysely `sql` template instead, which
 * numbers its parameters itself.
 */
export async function runQuery<R>(q: Queryable, query: Compilable<R> | RawBuilder<R>): Promise<R[]> {
  const compiled = 'isRawBuilder' in query ? query.compile(qb) : query.compile();
  return q.query<R>(compiled.sql, compiled.parameters as unknown[]);
}

/** The first row of a built query, or undefined. */
export async function firstRow<R>(q: Queryable, query: Compilable<R> | RawBuilder<R>): Promise<R | undefined> {
  return (await runQuery(q, query))[0];
}

/** `column = anyText(values)`: one array parameter however many values (one statement shape, one plan). */
export function anyText<T extends string>(values: readonly T[]): RawBuilder<T> {
  return sql<T>`any(${values}::text[])`;
}

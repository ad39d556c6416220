import { mkdirSync } from 'node:fs';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import type { Database, Queryable } from './database';

export interface PgliteDatabase extends Database {
  /** The whole data directory as an uncompressed tarball, for `loadDataDir`. */
  dumpDataDir(): Promise<Blob>;
}

export interface OpenPgliteOptions {
  /** Start from a `dumpDataDir()` tarball instead of an empty cluster (tests start from a migrated one). */
  loadDataDir?: Blob;
  /**
   * Postgres's shared_buffers, if not PGlite's 128MB: it zeroes them at every start, some 0.4 s
   * of CPU. Tests, which start a hundred small databases, ask for less.
   */
  sharedBuffers?: string;
}

export async function openPglite(dataDir: string | null, options: OpenPgliteOptions = {}): Promise<PgliteDatabase> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const pgOptions = {
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
    ...(options.sharedBuffers ? { startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${options.sharedBuffers}`] } : {}),
  };
  const pg = dataDir ? new PGlite(dataDir, pgOptions) : new PGlite(pgOptions);
  await pg.waitReady;
  const wrap = (q: PGlite | Transaction): Queryable => ({
    async query<T>(sql: string, params?: unknown[]) {
      const result = await q.query<T>(sql, params as unknown[] | undefined);
      return result.rows;
    },
    async exec(sql: string) {
      await q.exec(sql);
    },
  });
  const root = wrap(pg);
  return {
    engine: 'pglite',
    query: root.query,
    exec: root.exec,
    transaction: (fn) => pg.transaction((tx) => fn(wrap(tx))),
    async listen(channel, onPayload) {
      const unsubscribe = await pg.listen(channel, onPayload);
      return async () => unsubscribe();
    },
    close: () => pg.close(),
    dumpDataDir: () => pg.dumpDataDir('none'),
  };
}

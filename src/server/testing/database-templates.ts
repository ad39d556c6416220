import { createHash } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { migrate } from '../db/migrate';
import { migrations } from '../db/migrations/index';
import { openPglite, type PgliteDatabase } from '../db/pglite-database';
import { openPostgres } from '../db/postgres-database';
import { extractTar, withoutTarEntries } from './extract-tar';
import { createTestDatabase, type TestDatabase } from './test-database';

/**
 * Migrated databases every server test file starts from, instead of creating and migrating its
 * own (a fresh PGlite costs seconds; loading a dump of a migrated one well under one).
 * Built once per run by `global-setup.ts` and handed to test files with vitest's provide/inject.
 */
declare module 'vitest' {
  export interface ProvidedContext {
    /** Path of a `dumpDataDir()` tarball of a migrated PGlite. */
    pgliteTemplate: string;
    /** Path of a `dumpDataDir()` tarball of a PGlite just initialised: no migration applied. */
    pgliteEmptyTemplate: string;
    /** A migrated database on DOCKSIDE_TEST_DATABASE_URL's server, for `create database ... template`; null without one. */
    postgresTemplate: string | null;
  }
}

const root = fileURLToPath(new URL('../../..', import.meta.url));

const defaultCacheDir = join(root, '.cache', 'test-templates');

function pgliteVersion(): string {
  return (JSON.parse(readFileSync(join(root, 'node_modules/@electric-sql/pglite/package.json'), 'utf8')) as { version: string }).version;
}

/**
 * The dump of a PGlite at `path` in `.cache/` (whose name says what it holds), made by `prepare`
 * on a new in-memory PGlite unless a run already made it.
 */
async function cachedDump(
  path: string,
  prepare: (db: PgliteDatabase) => Promise<unknown>,
  { templateDatabases = true }: { templateDatabases?: boolean } = {},
): Promise<string> {
  if (existsSync(path)) return path;
  const db = await openPglite(null);
  try {
    await prepare(db);
    const dropped = templateDatabases ? [] : await templateDatabaseDirs(db);
    const dump = new Uint8Array(await (await db.dumpDataDir()).arrayBuffer());
    mkdirSync(dirname(path), { recursive: true });
    // Written aside and renamed: a run started meanwhile never reads half a file.
    const partial = `${path}.${process.pid}.partial`;
    writeFileSync(
      partial,
      withoutTarEntries(dump, (entry) => dropped.some((dir) => entry === dir || entry.startsWith(`${dir}/`))),
    );
    renameSync(partial, path);
  } finally {
    await db.close();
  }
  return path;
}

/**
 * The dump of a migrated PGlite, kept in `.cache/` under a name derived from the PGlite version and
 * the migrations' text, so a run builds it only when either changed. It holds the server's database
 * only: template0 and template1 are half of the dump's files, and every server a test starts
 * unpacks it (a PGlite open: 0.80 -> 0.54 CPU-s). Nothing here creates a database on PGlite.
 */
export async function pgliteTemplate(cacheDir = defaultCacheDir): Promise<string> {
  const key = createHash('sha256')
    .update(JSON.stringify({ pgliteVersion: pgliteVersion(), migrations, templateDatabases: false }))
    .digest('hex')
    .slice(0, 16);
  return cachedDump(join(cacheDir, `pglite-migrated-${key}.tar`), migrate, { templateDatabases: false });
}

/** Where the template databases' files are in a PGlite's dump ("/base/1"). */
async function templateDatabaseDirs(db: PgliteDatabase): Promise<string[]> {
  const rows = await db.query<{ oid: number }>(`select oid from pg_database where datname in ('template0', 'template1')`);
  return rows.map((r) => `/base/${r.oid}`);
}

/**
 * The dump of a PGlite as initdb leaves it, no migration applied, for tests of what runs on an
 * empty database (migrate, the CLI's first use): loading it takes well under a second, initdb
 * 3-5 s (27 s seen on loaded cores). Kept in `.cache/` per PGlite version.
 */
export async function pgliteEmptyTemplate(cacheDir = defaultCacheDir): Promise<string> {
  return cachedDump(join(cacheDir, `pglite-empty-${pgliteVersion()}.tar`), async () => {});
}

/**
 * Makes `dataDir` a copy of the migrated PGlite `template` (a `pgliteTemplate()` path), unless it
 * already holds a database; answers whether it did. A process then opens it as an existing
 * directory (under a second) instead of running initdb and every migration in it, which takes
 * 5-25 s on these loaded cores. Its postgresql.conf asks for 32MB of shared_buffers, not
 * initdb's 128MB, as `openPgliteFromTemplate` does: Postgres zeroes them at every start.
 */
export function seedPgliteDataDir(dataDir: string, template: string): boolean {
  if (existsSync(join(dataDir, 'PG_VERSION'))) return false;
  mkdirSync(dataDir, { recursive: true });
  extractTar(readFileSync(template), dataDir);
  // The last line that sets a parameter wins (PostgreSQL's documented rule for its config file).
  appendFileSync(join(dataDir, 'postgresql.conf'), '\nshared_buffers = 32MB\n');
  return true;
}

/**
 * A Blob of bytes held in memory whose arrayBuffer() is a plain copy of them: Node 20's own
 * reassembles a 40 MB template from small chunks, some 0.2-0.3 s of CPU each time PGlite loads it.
 */
class BytesBlob extends Blob {
  readonly #held: Uint8Array;

  constructor(held: Uint8Array) {
    super([held]);
    this.#held = held;
  }

  override async arrayBuffer(): Promise<ArrayBuffer> {
    return this.#held.slice().buffer;
  }
}

const templateBlobs = new Map<string, Promise<Blob>>();

/**
 * An in-memory PGlite loaded from a template dump (`pgliteTemplate()`, `pgliteEmptyTemplate()`),
 * whose bytes each worker reads once. Its shared_buffers are 32MB, not 128MB: Postgres zeroes
 * them at each start, a third of a test server's start.
 */
export async function openPgliteFromTemplate(path: string): Promise<PgliteDatabase> {
  const blob = templateBlobs.get(path) ?? readFile(path).then((bytes): Blob => new BytesBlob(bytes));
  templateBlobs.set(path, blob);
  return openPglite(null, { loadDataDir: await blob, sharedBuffers: '32MB' });
}

/** A migrated database on a PostgreSQL server, named for this run; drop() it when the run ends. */
export async function postgresTemplate(baseUrl: string): Promise<TestDatabase> {
  const template = await createTestDatabase(baseUrl, 'dockside_template');
  const db = await openPostgres(template.url);
  try {
    await migrate(db);
  } finally {
    // A template must have no sessions when a database is created from it.
    await db.close();
  }
  return template;
}

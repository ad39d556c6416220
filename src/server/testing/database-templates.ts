import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { migrate } from '../db/migrate';
import { migrations } from '../db/migrations/index';
import { openPglite } from '../db/pglite-database';
import { openPostgres } from '../db/postgres-database';
import { extractTar } from './extract-tar';
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
    /** A migrated database on DOCKSIDE_TEST_DATABASE_URL's server, for `create database ... template`; null without one. */
    postgresTemplate: string | null;
  }
}

const root = fileURLToPath(new URL('../../..', import.meta.url));

/**
 * The dump of a migrated PGlite, kept in `.cache/` under a name derived from the PGlite version and
 * the migrations' text, so a run builds it only when either changed.
 */
export async function pgliteTemplate(cacheDir = join(root, '.cache', 'test-templates')): Promise<string> {
  const pgliteVersion = (
    JSON.parse(readFileSync(join(root, 'node_modules/@electric-sql/pglite/package.json'), 'utf8')) as { version: string }
  ).version;
  const key = createHash('sha256').update(JSON.stringify({ pgliteVersion, migrations })).digest('hex').slice(0, 16);
  const path = join(cacheDir, `pglite-migrated-${key}.tar`);
  if (existsSync(path)) return path;
  const db = await openPglite(null);
  try {
    await migrate(db);
    const dump = await db.dumpDataDir();
    mkdirSync(cacheDir, { recursive: true });
    // Written aside and renamed: a run started meanwhile never reads half a file.
    const partial = `${path}.${process.pid}.partial`;
    writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
    renameSync(partial, path);
  } finally {
    await db.close();
  }
  return path;
}

/**
 * Makes `dataDir` a copy of the migrated PGlite `template` (a `pgliteTemplate()` path), unless it
 * already holds a database; answers whether it did. A process then opens it as an existing
 * directory (under a second) instead of running initdb and every migration in it, which takes
 * 5-25 s on these loaded cores.
 */
export function seedPgliteDataDir(dataDir: string, template: string): boolean {
  if (existsSync(join(dataDir, 'PG_VERSION'))) return false;
  mkdirSync(dataDir, { recursive: true });
  extractTar(readFileSync(template), dataDir);
  return true;
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

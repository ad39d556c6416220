import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { pgliteEmptyTemplate, pgliteTemplate, postgresTemplate } from './database-templates';
import { bundleOf, bundleProcesses, type ProcessBundles } from './process-bundles';
import { testDatabaseUrl } from './test-database';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Path of this run's bundle of src/server/cli.ts, to run with plain `node` (process-bundles.ts). */
    cliBundle: string;
  }
}

/**
 * Vitest globalSetup: migrates the template databases (see database-templates.ts) and bundles the
 * entry points tests start as processes, once for the whole run.
 */
export default async function setup(project: TestProject) {
  // Every temporary directory the tests (and the processes they start) make goes under this run's
  // own, removed when the run ends: tests that left theirs behind (a print service's data
  // directory, a profile) had put about 150 a run in /tmp. Open to all, as /tmp is, for the
  // processes tests run as another user. Workers start after this, with it in their environment.
  const runTmp = await mkdtemp(join(tmpdir(), 'dockside-vitest-'));
  await chmod(runTmp, 0o1777);
  process.env.TMPDIR = runTmp;
  // This run's own directory: another run in the same checkout never rewrites a bundle under it.
  const bundles: ProcessBundles = {
    outdir: join(fileURLToPath(new URL('../../..', import.meta.url)), '.cache', 'vitest-processes', String(process.pid)),
    entries: ['src/server/cli.ts'],
  };
  await bundleProcesses(bundles);
  project.provide('cliBundle', bundleOf(bundles, 'src/server/cli.ts'));
  project.provide('pgliteTemplate', await pgliteTemplate());
  project.provide('pgliteEmptyTemplate', await pgliteEmptyTemplate());
  const base = testDatabaseUrl();
  const template = base ? await postgresTemplate(base) : null;
  project.provide('postgresTemplate', template?.name ?? null);
  return async () => {
    await template?.drop();
    await rm(bundles.outdir, { recursive: true, force: true });
    await rm(runTmp, { recursive: true, force: true });
  };
}

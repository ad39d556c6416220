import { rm } from 'node:fs/promises';
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
  };
}

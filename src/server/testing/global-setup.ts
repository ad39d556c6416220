import type { TestProject } from 'vitest/node';
import { pgliteTemplate, postgresTemplate } from './database-templates';
import { testDatabaseUrl } from './test-database';

/** Vitest globalSetup: migrates the template databases once for the whole run (see database-templates.ts). */
export default async function setup(project: TestProject) {
  project.provide('pgliteTemplate', await pgliteTemplate());
  const base = testDatabaseUrl();
  const template = base ? await postgresTemplate(base) : null;
  project.provide('postgresTemplate', template?.name ?? null);
  return async () => {
    await template?.drop();
  };
}

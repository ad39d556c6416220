import { afterAll } from 'vitest';

/**
 * Test files share worker processes (vitest.config.ts: isolate off), so a file that sets
 * process.env for its server (poll intervals, secrets) must not pass it on to the next file.
 * Registered first, this afterAll runs last in each file: after the file's own servers closed.
 */
const before = { ...process.env };
afterAll(() => {
  for (const name of Object.keys(process.env)) if (!(name in before)) delete process.env[name];
  Object.assign(process.env, before);
});

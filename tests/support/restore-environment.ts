import { afterAll, vi } from 'vitest';

/**
 * Test files share worker processes (vitest.config.ts: isolate off), so a file that sets
 * process.env for its server (poll intervals, secrets) or stubs a global (a fetch that adds a
 * browser's Origin) must not pass it on to the next file: a stubbed fetch left behind made the
 * station host refuse the next file's plain requests as foreign (403).
 * Registered first, this afterAll runs last in each file: after the file's own servers closed.
 */
const before = { ...process.env };
afterAll(() => {
  vi.unstubAllGlobals();
  for (const name of Object.keys(process.env)) if (!(name in before)) delete process.env[name];
  Object.assign(process.env, before);
});

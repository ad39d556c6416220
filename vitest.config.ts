import { defineConfig } from 'vitest/config';

// Measured on 2 shared cores (whole `npx vitest run`): forks, one worker, isolated: 226-362 s
// wall, 300-337 s CPU; forks, two workers, isolate off: 69-133 s wall, 127-147 s CPU. Threads
// used as much CPU and would share process.env between files running at once: forks it is.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'tests/**/*.test.ts'],
    // Integration tests start servers and hash credentials: at load 25 a 10 s test took 30 s. Only a
    // hung test ever waits this long.
    testTimeout: 90_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // The default on 2 cores is one worker; the tests wait on HTTP, timers and child processes
    // often enough that two keep both cores busy.
    maxWorkers: 2,
    // Files share a worker's loaded modules (fastify, PGlite's WebAssembly, renderers) instead
    // of loading them again each: this halves the suite's CPU time. Each file still gets its own
    // database (test-server.ts); restore-environment.ts undoes process.env changes per file.
    isolate: false,
    // cheaper-hashes.ts: credentials hashed at a sixteenth of the cost, a fifth of this pass's CPU (secrets.ts).
    setupFiles: ['tests/support/restore-environment.ts', 'tests/support/cheaper-hashes.ts'],
    // Migrates the databases server test files start from, once per run.
    globalSetup: ['src/server/testing/global-setup.ts'],
  },
});

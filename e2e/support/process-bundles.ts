import { build } from 'esbuild';
import { join } from 'node:path';

/** Where the entry points' bundles go: inside the checkout, so their packages resolve from its node_modules. */
export const BUNDLE_DIR = '.cache/e2e-processes';

/** The entry points the tests start as processes. */
const ENTRIES = ['src/server/main.ts', 'src/main/station-host/main.ts'];

/**
 * Bundles our own code of each entry point once per run (packages stay external). A process
 * started from its bundle is up about a third sooner than through tsx, which transpiles every
 * file at each start; the tests start some seventy.
 */
export async function bundleProcesses(): Promise<void> {
  await build({
    entryPoints: ENTRIES,
    outbase: 'src',
    outdir: BUNDLE_DIR,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: 'linked',
    logLevel: 'warning',
  });
}

/** The bundle of `entry` (a path under src/, as in ENTRIES). */
export function bundleOf(entry: string): string {
  if (!ENTRIES.includes(entry)) throw new Error(`${entry} is not bundled for the tests (process-bundles.ts)`);
  return join(BUNDLE_DIR, entry.replace(/^src\//, '').replace(/\.ts$/, '.mjs'));
}

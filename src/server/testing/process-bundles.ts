import { build, type BuildOptions } from 'esbuild';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The same options `npm run server` and `npm run station` bundle with (scripts/run-bundled.mjs).
 * Read, not imported: Playwright's loader and vitest's disagree on importing JSON.
 */
const BUNDLE_OPTIONS = JSON.parse(readFileSync(new URL('./process-bundle-options.json', import.meta.url), 'utf8')) as BuildOptions;

/** The checkout: entry points and `outdir` are relative to it. */
const root = fileURLToPath(new URL('../../..', import.meta.url));

/**
 * Bundles of our own entry points for tests that start them as processes (vitest's global setup,
 * e2e's). A process started from its bundle with plain `node` is up seconds sooner on loaded
 * cores than through tsx, which transpiles every file at each start.
 */
export interface ProcessBundles {
  /**
   * Where the bundles go, relative to the checkout or absolute: inside it (under .cache/), so
   * their packages resolve from its node_modules.
   */
  outdir: string;
  /** Entry points, as paths under src/ (`src/server/cli.ts`). */
  entries: readonly string[];
}

/** Bundles our code of each entry point (packages stay external), once per run. */
export async function bundleProcesses({ outdir, entries }: ProcessBundles): Promise<void> {
  await build({ ...BUNDLE_OPTIONS, absWorkingDir: root, entryPoints: [...entries], outdir });
}

/** The bundle of `entry` (one of `bundles.entries`). */
export function bundleOf({ outdir, entries }: ProcessBundles, entry: string): string {
  if (!entries.includes(entry)) throw new Error(`${entry} is not among the bundled entry points (${entries.join(', ')})`);
  return join(outdir, entry.replace(/^src\//, '').replace(/\.ts$/, '.mjs'));
}

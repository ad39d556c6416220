import { bundleOf as bundleIn, bundleProcesses as bundle, type ProcessBundles } from '../../src/server/testing/process-bundles';

/**
 * The entry points e2e starts as processes, bundled once per run (global-setup.ts): a process
 * started from its bundle is up about a third sooner than through tsx; the tests start dozens.
 */
const BUNDLES: ProcessBundles = {
  outdir: '.cache/e2e-processes',
  entries: ['src/server/main.ts', 'src/server/testing/server-farm.ts', 'src/main/station-host/main.ts'],
};

export const bundleProcesses = () => bundle(BUNDLES);
export const bundleOf = (entry: string) => bundleIn(BUNDLES, entry);

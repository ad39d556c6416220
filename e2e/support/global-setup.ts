import { bundleProcesses } from './process-bundles';

export default async function globalSetup(): Promise<void> {
  await bundleProcesses();
}

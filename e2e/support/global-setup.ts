import { startEasyPostContractServer } from '../../src/server/carriers/testing/easypost-contract-server';
import { bundleProcesses } from './process-bundles';

/** The API key of the EasyPost stand-in every e2e central server buys labels from (a carrier API is an outside edge). */
export const E2E_EASYPOST_KEY = 'EZTK_e2e_contract_key';

export default async function globalSetup(): Promise<() => Promise<void>> {
  await bundleProcesses();
  // Workers inherit this environment, and the central servers they start inherit theirs.
  const easypost = await startEasyPostContractServer({ apiKey: E2E_EASYPOST_KEY });
  process.env.DOCKSIDE_EASYPOST_URL = easypost.url;
  return () => easypost.close();
}

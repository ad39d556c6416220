import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createStationServices, type StationServices } from '../../src/main/services/station-services';
import { fileSecretStore } from '../../src/main/services/secret-store';
import { writePeopleFile, type TestPerson } from '../../src/main/services/testing/people-file';
import type { StationRuntime } from '../../src/renderer/app/station-runtime';
import { useStation } from '../../src/renderer/app/station-store';
import type { StationClient } from '../../src/renderer/station-client/index';
import { callMain } from './main-call';
import { offlineRuntime } from './offline-runtime';

/** The people of the badge tests: a packer, a returns clerk and a supervisor, each with a badge and a PIN. */
export const PRIYA = { id: crypto.randomUUID(), name: 'Priya Packer', role: 'packer', badge: 'BADGE-PRIYA-001', pin: '4825' } as const;
export const RAE = { id: crypto.randomUUID(), name: 'Rae Returns', role: 'returns', badge: 'BADGE-RAE-5510', pin: '9157' } as const;
export const SAM = { id: crypto.randomUUID(), name: 'Sam Supervisor', role: 'supervisor', badge: 'BADGE-SAM-7391', pin: '7391' } as const;

export interface StationWithPeople {
  services: StationServices;
  rt: StationRuntime;
  /** The names of the calls the renderer made of main, in order. */
  asked: string[];
  /** Where sounds.ts records each sound played (a stand-in for the page's root element). */
  sounds: { dataset: Record<string, string> };
  stop(): Promise<void>;
}

/**
 * The renderer's controllers on a memory database, offline, against the real station services
 * that keep the sign-in list and its checks: one device of station `stationId`, with `people` on
 * its list. The station store starts from its initial state (test files share a worker:
 * vitest.config.ts), and the page's root element is a stand-in that records the sounds.
 */
export async function stationWithPeople(
  name: string,
  stationId: string,
  people: readonly TestPerson[],
  options: { withBins?: boolean } = {},
): Promise<StationWithPeople> {
  const dataDir = mkdtempSync(join(tmpdir(), `dockside-${name}-`));
  writePeopleFile(dataDir, people);
  const services = await createStationServices({ dataDir, secrets: fileSecretStore(dataDir) });
  const asked: string[] = [];
  const call = callMain(() => services, { deviceId: crypto.randomUUID() });
  const client: StationClient = {
    call: ((callName: string, arg?: unknown) => (asked.push(callName), call(callName as never, arg as never))) as StationClient['call'],
    pair: async () => undefined,
    listen: () => () => undefined,
  };
  const rt = await offlineRuntime(client, stationId, name, options);
  useStation.setState(useStation.getInitialState(), true);
  const sounds = { dataset: {} as Record<string, string> };
  (globalThis as { document?: unknown }).document = { documentElement: sounds };
  return {
    services,
    rt,
    asked,
    sounds,
    async stop() {
      delete (globalThis as { document?: unknown }).document;
      await rt.stop();
      await services.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

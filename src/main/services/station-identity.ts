import { join } from 'node:path';
import type { StationIdentity } from '../../shared/contract/index';
import { enrolledOrRefused, enrollUrl, serverSilent } from './enrollment-answer';
import { readJsonFile, writeJsonFileAtomic } from './json-file';
import type { SecretStore } from './secret-store';

interface StoredIdentity {
  stationId: string;
  stationName: string;
  warehouseId: string;
  warehouseName: string;
  serverUrl: string;
}

const CREDENTIAL = 'station-credential';

/** Who this station is, and its credential: enrolled once with a one-time code from an admin. */
export function createStationIdentity(dataDir: string, secrets: SecretStore) {
  const path = join(dataDir, 'station.json');
  let stored = readJsonFile<StoredIdentity>(path);

  const view = (): StationIdentity => ({
    enrolled: Boolean(stored && secrets.get(CREDENTIAL)),
    stationId: stored?.stationId ?? null,
    stationName: stored?.stationName ?? null,
    warehouseId: stored?.warehouseId ?? null,
    warehouseName: stored?.warehouseName ?? null,
    serverUrl: stored?.serverUrl ?? null,
  });

  return {
    get: view,
    credentials(): { serverUrl: string; credential: string } | null {
      const credential = secrets.get(CREDENTIAL);
      return stored && credential ? { serverUrl: stored.serverUrl, credential } : null;
    },
    async enroll(serverUrl: string, code: string): Promise<StationIdentity> {
      const url = enrollUrl(serverUrl);
      let res: Response;
      try {
        res = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ code }),
          signal: AbortSignal.timeout(15_000),
        });
      } catch (err) {
        throw serverSilent(url, err);
      }
      const body = await enrolledOrRefused(res, url);
      secrets.set(CREDENTIAL, body.credential);
      stored = {
        stationId: body.stationId,
        stationName: body.stationName,
        warehouseId: body.warehouseId,
        warehouseName: body.warehouseName,
        serverUrl: url.origin,
      };
      writeJsonFileAtomic(path, stored);
      return view();
    },
  };
}
export type StationIdentityService = ReturnType<typeof createStationIdentity>;

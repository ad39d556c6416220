import { useEffect, useState } from 'react';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import type { StationIdentity } from '../../shared/contract/index';
import { createPackController, type PackController } from '../features/pack/pack-controller';
import { createReturnsController, type ReturnsController } from '../features/returns/returns-controller';
import { createPickController, type PickController } from '../features/pick/pick-controller';
import type { StationClient } from '../station-client/index';
import { startStationRuntime, type StationRuntime } from './station-runtime';
import { withFirstSyncInserts } from '../db/first-sync-inserts';

export interface RunningStation {
  rt: StationRuntime;
  controller: PackController;
  returns: ReturnsController;
  pick: PickController;
}

/** Opens the local database and its controllers once the station is enrolled; stops them when it changes. */
export function useStationRuntime(client: StationClient, identity: StationIdentity | null, onFatal: (message: string) => void) {
  const [runtime, setRuntime] = useState<RunningStation | null>(null);
  useEffect(() => {
    if (!identity?.enrolled || !identity.stationId) return;
    let stopped = false;
    let started: RunningStation | null = null;
    startStationRuntime(client, identity.stationId, withFirstSyncInserts(getRxStorageDexie())).then(
      (rt) => {
        if (stopped) return void rt.stop();
        started = { rt, controller: createPackController(rt), returns: createReturnsController(rt), pick: createPickController(rt) };
        setRuntime(started);
      },
      (err: Error) => onFatal(`The local database did not open: ${err.message}`),
    );
    return () => {
      stopped = true;
      if (!started) return;
      // The controllers' watchers (the open order, the remembered one, voided labels) stop with the database.
      started.controller.close();
      started.returns.close();
      void started.rt.stop();
    };
  }, [client, identity?.enrolled, identity?.stationId, onFatal]);

  return runtime;
}

import { useEffect, useMemo, useState } from 'react';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { EnrollScreen } from '../features/enroll/EnrollScreen';
import { MessageBanner } from '../features/pack/MessageBanner';
import { createPackController, type PackController } from '../features/pack/pack-controller';
import { PackScreen } from '../features/pack/PackScreen';
import { PrintersScreen } from '../features/printers/PrintersScreen';
import { ActivityScreen } from '../features/sync/ActivityScreen';
import { SyncBar } from '../features/sync/SyncBar';
import { createStationClient } from '../station-client/index';
import { useScanner } from '../scanner/use-scanner';
import { startStationRuntime, type StationRuntime } from './station-runtime';
import { useStation } from './station-store';

export function App() {
  const client = useMemo(() => createStationClient(), []);
  const { identity, setIdentity, screen, show } = useStation();
  const [runtime, setRuntime] = useState<{ rt: StationRuntime; controller: PackController } | null>(null);
  const [fatal, setFatal] = useState<string | null>(null);

  useEffect(() => {
    client.call('station.get-identity').then(setIdentity, (err: Error) => setFatal(err.message));
  }, [client, setIdentity]);

  useEffect(() => {
    if (!identity?.enrolled || !identity.stationId) return;
    let stopped = false;
    let started: StationRuntime | null = null;
    startStationRuntime(client, identity.stationId, getRxStorageDexie()).then(
      (rt) => {
        started = rt;
        if (stopped) void rt.stop();
        else setRuntime({ rt, controller: createPackController(rt) });
      },
      (err: Error) => setFatal(`The local database did not open: ${err.message}`),
    );
    return () => {
      stopped = true;
      void started?.stop();
    };
  }, [client, identity?.enrolled, identity?.stationId]);

  const [scanner, setScanner] = useState({ maxInterKeyMs: 50, minLength: 4 });
  useEffect(() => {
    if (runtime) client.call('settings.get').then((s) => setScanner(s.scanner), () => undefined);
  }, [client, runtime]);
  useScanner(runtime?.controller ?? null, scanner);

  if (fatal) return <main className="fatal" role="alert">{fatal}</main>;
  if (!identity) return <main className="loading">Starting…</main>;
  if (!identity.enrolled) return <EnrollScreen client={client} identity={identity} onEnrolled={setIdentity} />;
  if (!runtime) return <main className="loading">Opening the local database…</main>;
  return (
    <div className="station" data-testid="station-ready">
      <SyncBar />
      <nav>
        <button aria-pressed={screen === 'pack'} onClick={() => show('pack')}>Pack</button>
        <button aria-pressed={screen === 'printers'} onClick={() => show('printers')}>Printers</button>
        <button aria-pressed={screen === 'activity'} onClick={() => show('activity')}>Activity</button>
      </nav>
      <MessageBanner />
      {screen === 'pack' && <PackScreen rt={runtime.rt} controller={runtime.controller} />}
      {screen === 'printers' && <PrintersScreen client={client} />}
      {screen === 'activity' && <ActivityScreen rt={runtime.rt} />}
    </div>
  );
}

import { useEffect, useMemo, useState } from 'react';
import { EnrollScreen } from '../features/enroll/EnrollScreen';
import { MessageBanner } from '../features/pack/MessageBanner';
import { PackScreen } from '../features/pack/PackScreen';
import { PickScreen } from '../features/pick/PickScreen';
import { PrintersScreen } from '../features/printers/PrintersScreen';
import { ReturnsScreen } from '../features/returns/ReturnsScreen';
import { ActivityScreen } from '../features/sync/ActivityScreen';
import { RevokedPanel } from '../features/sync/RevokedPanel';
import { SyncBar } from '../features/sync/SyncBar';
import { signInWithBadge } from '../features/sign-in/badge-sign-in';
import { SignInScreen } from '../features/sign-in/SignInScreen';
import { maySupervise } from '../features/supervisor/supervisor-access';
import { SupervisorScreen } from '../features/supervisor/SupervisorScreen';
import { createStationClient, StationCallError } from '../station-client/index';
import { PairDeviceScreen } from '../features/pairing/PairDeviceScreen';
import { useScanner } from '../scanner/use-scanner';
import { DEFAULT_SCANNER_SETTINGS } from '../scanner/wedge-config';
import type { ScannerSettings } from '../../shared/contract/settings';
import { StationNav } from './StationNav';
import { useStationRuntime } from './use-station-runtime';
import { useStation } from './station-store';
import { useShallow } from 'zustand/react/shallow';
import { useStationLocale } from './station-format';
import { useStillHere } from './use-still-here';
import { inTurn } from '../scanner/one-scan-at-a-time';
import { scanRoute } from './scan-route';
import { useWarehousePicks } from '../features/pick/use-warehouse-picks';
import { useStationPeople } from './use-station-people';

export function App() {
  const client = useMemo(() => createStationClient(), []);
  const { identity, setIdentity, screen, show } = useStation(
    useShallow((s) => ({ identity: s.identity, setIdentity: s.setIdentity, screen: s.screen, show: s.show })),
  );
  const [fatal, setFatal] = useState<string | null>(null);
  /** Why this browser must pair first (a device the station host does not know yet); null: it is paired. */
  const [unpaired, setUnpaired] = useState<string | null>(null);
  const [pairings, setPairings] = useState(0);

  useEffect(() => {
    client.call('station.get-identity').then(
      (id) => {
        setUnpaired(null);
        setIdentity(id);
      },
      (err: Error) =>
        err instanceof StationCallError && err.code === 'device_not_paired' ? setUnpaired(err.message) : setFatal(err.message),
    );
  }, [client, setIdentity, pairings]);

  const runtime = useStationRuntime(client, identity, setFatal);

  const [scanner, setScanner] = useState<ScannerSettings>(DEFAULT_SCANNER_SETTINGS);
  useEffect(() => {
    if (runtime)
      client.call('settings.get').then(
        (s) => {
          setScanner(s.scanner);
          useStationLocale.getState().setLocale(s);
        },
        () => undefined,
      );
  }, [client, runtime]);

  const { people, setPeople, mustSignIn, signedInId, signedInName } = useStationPeople(client, !!runtime);
  // The scanner feeds the screen in front of the person (scan-route.ts).
  const onScan = useMemo(() => {
    if (!runtime) return null;
    return scanRoute(screen, mustSignIn, {
      signIn: (code) => void signInWithBadge(client, code),
      returns: (code) => void inTurn(() => runtime.returns.onScan(code)),
      pick: (code) => void inTurn(() => runtime.pick.onScan(code)),
      pack: (code) => void inTurn(() => runtime.controller.onScan(code)),
      show,
    });
  }, [client, runtime, mustSignIn, screen, show]);
  useScanner(onScan, scanner);
  useStillHere(client, signedInId);

  const supervising = maySupervise(people);
  const picking = useWarehousePicks(runtime);
  // Whoever signs in next lands on packing, not on a screen their role does not have.
  useEffect(() => {
    if (screen === 'supervisor' && !supervising) show('pack');
  }, [screen, supervising, show]);

  async function signOut() {
    useStation.getState().openOrder(null);
    useStation.getState().openReturn(null);
    setPeople(await client.call('station.sign-out'));
  }

  if (fatal)
    return (
      <main className="fatal" role="alert">
        {fatal}
      </main>
    );
  if (unpaired) return <PairDeviceScreen client={client} reason={unpaired} onPaired={() => setPairings((n) => n + 1)} />;
  if (!identity) return <main className="loading">Starting…</main>;
  if (!identity.enrolled) return <EnrollScreen client={client} identity={identity} onEnrolled={setIdentity} />;
  if (!runtime) return <main className="loading">Opening the local database…</main>;
  if (!people) return <main className="loading">Loading who works here…</main>;
  if (mustSignIn) {
    return (
      <div className="station">
        <SyncBar />
        <RevokedPanel client={client} />
        <MessageBanner />
        <SignInScreen client={client} people={people} stationName={identity.stationName ?? 'this station'} />
      </div>
    );
  }
  return (
    <div className="station" data-testid="station-ready">
      <SyncBar />
      <RevokedPanel client={client} />
      <StationNav
        picking={picking}
        supervising={supervising}
        signedInName={signedInName}
        stationName={identity.stationName ?? 'this station'}
        onSignOut={() => void signOut()}
      />
      <MessageBanner />
      {screen === 'pick' && <PickScreen rt={runtime.rt} controller={runtime.pick} />}
      {screen === 'pack' && <PackScreen rt={runtime.rt} controller={runtime.controller} />}
      {screen === 'returns' && <ReturnsScreen rt={runtime.rt} controller={runtime.returns} />}
      {screen === 'printers' && <PrintersScreen client={client} />}
      {screen === 'activity' && <ActivityScreen rt={runtime.rt} />}
      {screen === 'supervisor' && supervising && <SupervisorScreen client={client} />}
    </div>
  );
}

import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { StationClient } from '../station-client/index';
import { useStation } from './station-store';

/**
 * Who works at this station and who is signed in here, kept current from main; and where a
 * sign-in lands: a returns clerk at the returns desk, anyone else at packing. A sign-out (by the
 * button, or by the station when idle) closes what was open, so the next person starts clean.
 */
export function useStationPeople(client: StationClient, running: boolean) {
  const { people, setPeople, show } = useStation(useShallow((s) => ({ people: s.people, setPeople: s.setPeople, show: s.show })));
  useEffect(() => {
    if (!running) return;
    const off = client.listen('station.people-changed', setPeople);
    client.call('station.people').then(setPeople, () => setPeople({ users: [], refreshedAt: null, signedIn: null }));
    return off;
  }, [client, running, setPeople]);

  const signedIn = people?.signedIn ?? null;
  const signedInId = signedIn?.id ?? null;
  const signedInRole = signedIn?.role ?? null;
  useEffect(() => {
    if (signedInId) show(signedInRole === 'returns' ? 'returns' : 'pack');
    else {
      // What the last person was told is kept for them, not shown to the next (messages-per-person.ts).
      const { openOrder, openReturn } = useStation.getState();
      openOrder(null);
      openReturn(null);
    }
  }, [signedInId, signedInRole, show]);

  // With people set up for this warehouse, someone must be signed in to work; with none yet,
  // the station works as itself (and says so).
  const mustSignIn = !!people && people.users.length > 0 && !signedIn;
  return { people, setPeople, mustSignIn, signedInId, signedInName: signedIn?.name ?? null };
}

import { useEffect } from 'react';
import type { StationClient } from '../station-client/index';

/** At most one "still here" per this long: enough for a sign-out measured in minutes. */
const EVERY_MS = 30_000;

/**
 * While someone is signed in, a key press (every scan is one) or a tap tells main they are still
 * working, so the idle sign-out ends only sessions nobody is using.
 */
export function useStillHere(client: StationClient, signedInId: string | null) {
  useEffect(() => {
    if (!signedInId) return;
    let last = 0;
    const stillHere = () => {
      if (Date.now() - last < EVERY_MS) return;
      last = Date.now();
      client.call('station.still-here').catch(() => undefined /* the next one tells it */);
    };
    window.addEventListener('keydown', stillHere, true);
    window.addEventListener('pointerdown', stillHere, true);
    return () => {
      window.removeEventListener('keydown', stillHere, true);
      window.removeEventListener('pointerdown', stillHere, true);
    };
  }, [client, signedInId]);
}

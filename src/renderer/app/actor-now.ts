import type { Actor } from '../../shared/events/station-events';
import { useStation } from './station-store';

/** The person signed in does the work; with nobody set up for this warehouse, the station does. */
export function actorNow(stationId: string): Actor {
  const user = useStation.getState().people?.signedIn;
  return user ? { kind: 'user', id: user.id, name: user.name } : { kind: 'station', id: stationId };
}

import { useStation } from '../../app/station-store';
import type { StationClient } from '../../station-client/index';
import { StationCallError } from '../../station-client/index';

/** A badge scan on the sign-in screen. */
export async function signInWithBadge(client: StationClient, badge: string): Promise<void> {
  const { say } = useStation.getState();
  try {
    const user = await client.call('station.sign-in', { badge });
    say('success', `Signed in as ${user.name}`, 'success');
  } catch (err) {
    say('error', err instanceof StationCallError ? err.message : String(err));
  }
}

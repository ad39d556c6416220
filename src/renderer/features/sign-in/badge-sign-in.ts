import { useStation } from '../../app/station-store';
import type { StationClient } from '../../station-client/index';
import { StationCallError } from '../../station-client/index';
import { BADGE_LENGTH } from '../../../shared/contract/index';
import { saySignedIn } from './say-signed-in';

/** A badge scan on the sign-in screen. */
export async function signInWithBadge(client: Pick<StationClient, 'call'>, badge: string): Promise<void> {
  const { say } = useStation.getState();
  const length = badge.trim().length;
  // A misread or a code that is not a badge: said in words, not as the request's schema error.
  if (length < BADGE_LENGTH.min || length > BADGE_LENGTH.max)
    return say('error', 'That code is not a badge: scan your badge again, or tap your name and type your PIN.');
  try {
    const user = await client.call('station.sign-in', { badge });
    saySignedIn(user.name);
  } catch (err) {
    say('error', err instanceof StationCallError ? err.message : String(err));
  }
}

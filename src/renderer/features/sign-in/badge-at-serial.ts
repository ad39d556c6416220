import type { BadgeAtSerial } from '../../../shared/contract/index';
import { classifyScanCode } from '../../../shared/domain/scan-code';
import type { StationClient } from '../../station-client/index';
import { useStation } from '../../app/station-store';
import { DEFAULT_SCAN_CODE_RULES } from '../../scanner/wedge-config';
import { couldBeABadge } from './could-be-a-badge';

type Client = Pick<StationClient, 'call'>;
const NO_BADGE: BadgeAtSerial = { outcome: 'not-a-badge' };

/** Main's answer for a code about to be recorded as a serial or lot; only a code that could be a badge is asked. */
async function badgeAtSerial(client: Client, code: string): Promise<BadgeAtSerial> {
  if (!useStation.getState().people?.signedIn || !couldBeABadge(code) || !classifyScanCode(code, DEFAULT_SCAN_CODE_RULES).whole)
    return NO_BADGE;
  try {
    return await client.call('station.badge-at-serial', { code: code.trim() });
  } catch {
    return NO_BADGE; // an older station host, which has no such check: recorded as before
  }
}

/**
 * A code about to be recorded as a unit's serial or lot (`what`), when it is someone's badge (a
 * packer badging in by reflex while the unit waits): refused in staff words with the error sound,
 * never shown, and the unit goes on waiting. It hands nothing over: the unit in hand is the packer's
 * to finish, and a badge scanned once it is done hands over as always. While main's check is paused
 * it cannot tell, so a code that could be a badge is not taken either. True when refused.
 */
export async function refusedAsBadgeAtSerial(client: Client, code: string, what: 'serial' | 'lot'): Promise<boolean> {
  const answer = await badgeAtSerial(client, code);
  const { say } = useStation.getState();
  if (answer.outcome === 'badge') say('error', `That is a badge, not a ${what}. Scan the ${what} on the unit.`);
  else if (answer.outcome === 'paused')
    say(
      'error',
      `That code is not taken as the ${what}: it could be a badge, and badge checks of serials and lots are paused on this ` +
        `device for ${answer.minutes} min after too many codes. Ask a supervisor to clear the pause (Supervisor: Sign-in lockouts).`,
    );
  return answer.outcome !== 'not-a-badge';
}

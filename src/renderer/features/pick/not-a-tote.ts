import { toteLabelPrefixOf } from '../../../shared/contract/settings';
import type { StationRuntime } from '../../app/station-runtime';
import { useStation } from '../../app/station-store';
import { refuseUnlessBadge } from '../sign-in/badge-hand-over';
import { couldBeABadge } from '../sign-in/could-be-a-badge';

/**
 * Refuses a code scanned for `orderNumber`'s tote that is no tote label; false when it may be one.
 * A badge scanned there by mistake must not become a tote shown on screen. Asking main about each
 * new tote would count toward pausing badge checks within a few carts, so it goes by shape: a code
 * that could be a badge is a tote only with the station's tote-label prefix (scanner settings, 'T-'
 * unless set). Any other such code is refused unnamed, as the pick screen refuses codes: a badge
 * hands the device over, and while main's check is paused the refusal says so.
 */
export async function refusedAsNoTote(rt: StationRuntime, code: string, orderNumber: string): Promise<boolean> {
  if (!/^[\x21-\x7e]{1,40}$/.test(code)) return (useStation.getState().say('error', 'That is not a tote label'), true);
  if (!couldBeABadge(code)) return false;
  const prefix = toteLabelPrefixOf((await rt.client.call('settings.get')).scanner);
  if (code.startsWith(prefix)) return false;
  await refuseUnlessBadge(
    rt.client,
    code,
    `That is not a tote label (tote labels here start with ${prefix}): scan a tote for ${orderNumber}`,
  );
  return true;
}

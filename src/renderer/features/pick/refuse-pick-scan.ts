import type { StationRuntime } from '../../app/station-runtime';
import { useStation } from '../../app/station-store';
import { couldBeABadge } from '../sign-in/could-be-a-badge';
import { refuseUnlessBadge } from '../sign-in/badge-hand-over';
import type { PickPlan } from './pick-controller';
import { knownToPicker } from './known-to-picker';

/**
 * A scan the pick screen refuses, as the pack screen refuses one: a code that may be someone's
 * badge is asked of main first (its holder takes over the device), and a badge is a credential,
 * so the refusal names the code only when it cannot be one or the station knows it as a tote, bin
 * or item. `refusal` is given the code, or "That code" in its place.
 */
export async function refusePickScan(
  rt: StationRuntime,
  code: string,
  cart: PickPlan['cart'],
  refusal: (named: string) => string,
): Promise<void> {
  if (!couldBeABadge(code) || (await knownToPicker(rt.db, code, cart))) return useStation.getState().say('error', refusal(code.trim()));
  return refuseUnlessBadge(rt.client, code, refusal('That code'));
}

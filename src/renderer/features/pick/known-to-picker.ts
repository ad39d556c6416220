import type { StationDatabase } from '../../db/station-database';
import { knownHere } from '../pack/codes-known-here';
import type { PickPlan } from './pick-controller';

/**
 * Whether the station knows a code scanned on the pick screen as something other than a badge: a
 * tote on the cart, or a code it knows from the orders it holds and its bins (knownHere). Such a
 * code is named when refused, and main is not asked whether it is a badge: a picker's wrong bin
 * would count toward pausing badge checks on the device.
 */
export async function knownToPicker(db: StationDatabase, code: string, cart: PickPlan['cart']): Promise<boolean> {
  const text = code.trim();
  if (cart.some((c) => c.tote === text)) return true;
  return knownHere(db, text, cart[0]?.doc ?? null);
}

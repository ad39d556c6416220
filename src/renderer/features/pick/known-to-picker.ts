import type { StationDatabase } from '../../db/station-database';
import { codesKnownHere } from '../pack/codes-known-here';
import type { PickPlan } from './pick-controller';

/**
 * Whether the station knows a code scanned on the pick screen as something other than a badge: a
 * tote on the cart, a bin, an item (barcode or SKU) or order number of an order it holds. Such a
 * code is named when refused, and main is not asked whether it is a badge: a picker's wrong bin
 * would count toward pausing badge checks on the device.
 */
export async function knownToPicker(db: StationDatabase, code: string, cart: PickPlan['cart']): Promise<boolean> {
  const text = code.trim();
  if (cart.some((c) => c.tote === text)) return true;
  if (!cart[0]) return false;
  const known = await codesKnownHere(db, cart[0].doc);
  return known.itemOf(text) !== null || known.bins.has(text) || known.totes.has(text) || known.orderNumbers.has(text.toUpperCase());
}

import type { FulfillmentDocument } from '../../../shared/sync/fulfillment-document';
import type { StationRuntime } from '../../app/station-runtime';
import { saidAsBadge } from '../sign-in/badge-hand-over';
import { couldBeABadge } from '../sign-in/could-be-a-badge';
import { knownHere } from './codes-known-here';

/**
 * A code the pack screen is about to refuse (no order of this station, not on the open one `open`)
 * may be someone's badge: its holder takes over. A code main knows is no badge is named in the
 * refusal as before; while main's check is paused it cannot tell, so a code that could be a badge
 * is refused without naming it. A code the station knows (another order's item, a tote, a bin) is
 * no badge: named, and not asked of main, so a packer's wrong scans do not pause the check.
 * True when said (handed over, or refused unnamed).
 */
export async function saidAsBadgeAtPack(rt: StationRuntime, code: string, open: FulfillmentDocument | null): Promise<boolean> {
  if (!couldBeABadge(code) || (await knownHere(rt.db, code, open))) return false;
  const unnamed = open ? `That code is not on ${open.orderNumber}. Put it back.` : 'That code is not an order assigned to this station';
  return saidAsBadge(rt.client, code, unnamed);
}

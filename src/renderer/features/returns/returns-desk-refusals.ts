import type { ReturnStationDocument } from '../../../shared/sync/return-document';
import type { StationRuntime } from '../../app/station-runtime';
import { useStation } from '../../app/station-store';
import { refuseUnlessBadge, refuseUntilAcknowledgedUnlessBadge } from '../sign-in/badge-hand-over';
import { couldBeABadge } from '../sign-in/could-be-a-badge';
import { itemAtReturnsDesk, knownAtReturnsDesk } from './known-at-returns-desk';
import { itemAsScanned } from '../pack/codes-known-here';

/**
 * How the returns desk refuses a scan, as the pack screen does: a code the desk knows
 * (knownAtReturnsDesk, given the return open at the desk: `open`) is no badge, so it is named at
 * once and main is not asked, and a clerk's wrong scans do not pause badge checks. Any other code
 * that may be someone's badge is asked of main first (its holder takes over), and refused unnamed
 * while main's check is paused.
 */
export function returnsDeskRefusals(rt: StationRuntime, open: () => Promise<ReturnStationDocument | null>) {
  const knownNoBadge = async (code: string) => !couldBeABadge(code) || (await knownAtReturnsDesk(rt.db, code, await open()));
  const refusals = {
    /** Refuses with `refusal`: words, or words given the code ("That code" in its place while main cannot tell). */
    async refuse(code: string, refusal: string | ((named: string) => string)): Promise<void> {
      const words = typeof refusal === 'string' ? () => refusal : refusal;
      if (await knownNoBadge(code)) return useStation.getState().say('error', words(code.trim()));
      return refuseUnlessBadge(rt.client, code, words);
    },
    /** A scan while an error waits for its OK: not taken, and named on the message unless it may be a badge. */
    async untilAcknowledged(code: string): Promise<void> {
      if (await knownNoBadge(code)) return useStation.getState().refuseUntilAcknowledged(code);
      return refuseUntilAcknowledgedUnlessBadge(rt.client, code);
    },
    /** An item scanned that is not on the open return: named as the clerk knows it when the desk knows it. */
    async notOnReturn(code: string, returnNumber: string): Promise<void> {
      const item = await itemAtReturnsDesk(rt.db, code);
      return refusals.refuse(code, (named) => `${item ? itemAsScanned(item, named) : named} is not on ${returnNumber}. Put it aside.`);
    },
  };
  return refusals;
}

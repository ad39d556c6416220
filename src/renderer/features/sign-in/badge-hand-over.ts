import { classifyScanCode } from '../../../shared/domain/scan-code';
import type { StationClient } from '../../station-client/index';
import { useStation } from '../../app/station-store';
import { DEFAULT_SCAN_CODE_RULES } from '../../scanner/wedge-config';

/**
 * A code the pack or returns screen would refuse (no order or return of this station, not on the
 * open one) may be a person's badge: a supervisor stepping in, the next packer taking over. Main
 * checks it against the people of this warehouse; its holder is then signed in here, and what is
 * open stays open. Item, order, RMA and SSCC codes, and part-codes, are never badges and are not
 * asked about. Answers whether the code was a badge (and said so).
 */
export async function handedOverByBadge(client: Pick<StationClient, 'call'>, code: string): Promise<boolean> {
  const verdict = classifyScanCode(code, DEFAULT_SCAN_CODE_RULES);
  if (!verdict.whole || verdict.kind !== 'other') return false;
  const { say } = useStation.getState();
  let answer;
  try {
    answer = await client.call('station.hand-over', { badge: code });
  } catch {
    return false; // an older station host: the code is refused as before
  }
  if (answer.outcome === 'not-a-badge') return false;
  if (answer.outcome === 'own-badge') say('info', `That is your own badge, ${answer.user.name}: you are signed in here already.`);
  else say('success', `${answer.user.name} signed in, taking over from ${answer.previous.name}.`, 'success');
  return true;
}

/** Refuses a scanned code with `refusal` (the error sound), unless it is someone's badge: then they take over. */
export async function refuseUnlessBadge(client: Pick<StationClient, 'call'>, code: string, refusal: string): Promise<void> {
  const { people, say } = useStation.getState();
  if (people?.signedIn && (await handedOverByBadge(client, code))) return;
  say('error', refusal);
}

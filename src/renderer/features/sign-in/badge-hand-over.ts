import type { HandOver } from '../../../shared/contract/index';
import { classifyScanCode } from '../../../shared/domain/scan-code';
import type { StationClient } from '../../station-client/index';
import { useStation } from '../../app/station-store';
import { playSound } from '../../feedback/sounds';
import { DEFAULT_SCAN_CODE_RULES } from '../../scanner/wedge-config';
import { badgeChecksPaused, NOT_TAKEN_WHILE_PAUSED } from './badge-checks-paused';
import { couldBeABadge } from './could-be-a-badge';

type Client = Pick<StationClient, 'call'>;
const NO_BADGE: HandOver = { outcome: 'not-a-badge' };

/** Main's answer for a code that may be someone's badge (it hands the device over if it is). */
async function handOverBy(client: Client, code: string): Promise<HandOver> {
  // A part or misread of a code is not asked about either: main would count it toward its pause.
  if (!couldBeABadge(code) || !classifyScanCode(code, DEFAULT_SCAN_CODE_RULES).whole) return NO_BADGE;
  try {
    return await client.call('station.hand-over', { badge: code });
  } catch {
    return NO_BADGE; // an older station host: the code is refused as before
  }
}

/** What the station says of a badge scanned at work. */
function sayHandOver(answer: Extract<HandOver, { outcome: 'handed-over' | 'own-badge' }>): void {
  const { say } = useStation.getState();
  if (answer.outcome === 'own-badge') say('info', `That is your own badge, ${answer.user.name}: you are signed in here already.`);
  else say('success', `${answer.user.name} signed in, taking over from ${answer.previous.name}.`, 'success');
}

/**
 * A scanned code may be a person's badge: a supervisor stepping in, the next packer taking over.
 * Main checks it against the people of this warehouse; its holder is then signed in here, and what
 * is open stays open. Item, order, RMA and SSCC codes, and part-codes, are never badges and are not
 * asked about. A code a screen is about to refuse may be someone's badge: its holder takes over (said). While
 * main's check is paused it cannot tell, so the code is refused with `unnamed` (words that do not
 * name it, could-be-a-badge.ts) and what to do instead, with the error sound. True when said so;
 * false when main knows the code is no badge (or nobody is signed in): the screen refuses it as
 * it would, naming it if it likes.
 */
export async function saidAsBadge(client: Client, code: string, unnamed: string): Promise<boolean> {
  const answer = useStation.getState().people?.signedIn ? await handOverBy(client, code) : NO_BADGE;
  if (answer.outcome === 'not-a-badge') return false;
  if (answer.outcome === 'paused')
    useStation.getState().say('error', `${unnamed.replace(/\.$/, '')}. If you scanned a badge: ${badgeChecksPaused(answer.minutes)}`);
  else sayHandOver(answer);
  return true;
}

/**
 * Refuses a scanned code with `refusal` (the error sound), unless it is someone's badge: then they
 * take over. While main's check is paused it cannot tell, and the refusal says so and what to do.
 * `refusal` is words that never name the code, or words given what to call it: the code once main
 * knows it is no badge, "That code" while main cannot tell.
 */
export async function refuseUnlessBadge(client: Client, code: string, refusal: string | ((named: string) => string)): Promise<void> {
  const words = typeof refusal === 'string' ? () => refusal : refusal;
  if (!(await saidAsBadge(client, code, words('That code')))) useStation.getState().say('error', words(code.trim()));
}

/**
 * A scan while an error waits for its OK: refused, and named on the message so it is scanned
 * again after the OK; but a badge is a credential and is never shown. Someone else's badge still
 * hands the device over, as at any time, and the error keeps waiting for its OK with the
 * hand-over said above it (it is about the work still open, theirs now); the holder's own badge
 * is refused with the error sound, unnamed. A code main does not know as a badge is named as before.
 * While main's check is paused it cannot tell: the code is neither taken nor named, and the
 * message says why (once: a further such scan only sounds).
 */
export async function refuseUntilAcknowledgedUnlessBadge(client: Client, code: string): Promise<void> {
  const answer = useStation.getState().people?.signedIn ? await handOverBy(client, code) : NO_BADGE;
  const { message, refuseUntilAcknowledged, say } = useStation.getState();
  if (answer.outcome === 'not-a-badge') return refuseUntilAcknowledged(code);
  if (answer.outcome === 'paused') {
    const notTaken = `${NOT_TAKEN_WHILE_PAUSED}${badgeChecksPaused(answer.minutes)}`;
    if (!message?.needsAck) return say('error', notTaken);
    if (message.text.startsWith(NOT_TAKEN_WHILE_PAUSED)) return playSound('error');
    return say('error', `${notTaken} Still to OK: ${message.text}`);
  }
  // The OK came while main was asked: the badge is taken as at any other time.
  if (!message?.needsAck) return sayHandOver(answer);
  if (answer.outcome === 'own-badge') return playSound('error');
  say('error', `${answer.user.name} signed in, taking over from ${answer.previous.name}. Still to OK: ${message.text}`, 'success');
}

import { parseGs1 } from './gs1';
import { gs1Expiry } from './unit-tracking';

/** What a unit's GS1 label says of its expiry (AI 17), read against today's date (UTC). */
export type LabelExpiry =
  | { kind: 'none' }
  | { kind: 'good'; expiry: string }
  | { kind: 'expired'; expiry: string }
  /** AI 17 is there but is no date (month 13, 31 February): the expiry cannot be known. */
  | { kind: 'not-a-date'; text: string };

/**
 * A unit past its expiry date must not ship, and one whose label's expiry cannot be read must not
 * ship with it dropped (the lot would travel without the date a recall looks for). A unit is good
 * through its expiry day; GS1 day 00 is the month's last day (gs1Expiry).
 */
export function labelExpiry(scan: string, today: Date): LabelExpiry {
  const text = parseGs1(scan.trim())?.find((e) => e.ai === '17')?.value;
  if (text === undefined) return { kind: 'none' };
  const expiry = gs1Expiry(text, today);
  if (!expiry) return { kind: 'not-a-date', text };
  return expiry < today.toISOString().slice(0, 10) ? { kind: 'expired', expiry } : { kind: 'good', expiry };
}

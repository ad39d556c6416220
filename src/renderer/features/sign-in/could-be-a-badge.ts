import { BADGE_LENGTH } from '../../../shared/contract/index';
import { notABadge } from '../../../shared/domain/badge-code';
import { DEFAULT_SCAN_CODE_RULES } from '../../scanner/wedge-config';

/**
 * Whether a scanned code could be someone's badge, as far as the screen can tell without asking
 * main (only main holds the badges' hashes). Badges are free text of BADGE_LENGTH without a check,
 * so only a code of another length, or one that carries its own check (an order or RMA number, an
 * item barcode, an SSCC), cannot be; a part or misread of a code may be part of a badge. A code
 * that could be a badge is a credential: a refusal says what it is not, never the code.
 */
export function couldBeABadge(code: string): boolean {
  const length = code.trim().length;
  if (length < BADGE_LENGTH.min || length > BADGE_LENGTH.max) return false;
  return notABadge(code, DEFAULT_SCAN_CODE_RULES) === null;
}

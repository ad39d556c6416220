import { notABadge } from '../../shared/domain/badge-code';
import type { WedgeFragment } from './keyboard-wedge';
import { DEFAULT_SCAN_CODE_RULES } from './wedge-config';

const WHY: Record<WedgeFragment['problem'], string> = {
  split: 'only part of it arrived',
  'check-digit': 'its check digit does not match',
  'gs1-element-string': 'its GS1 data is incomplete',
  'document-number': 'part of the order or RMA number is missing',
  'too-short': 'it is too short',
};

/** Problems only a code of a known shape has (a barcode, GS1 data, our document numbers): no badge's. */
const SHAPED: ReadonlySet<WedgeFragment['problem']> = new Set(['check-digit', 'gs1-element-string', 'document-number']);

/**
 * "Scan again", naming what arrived when it is plainly no badge: part of a badge is a credential, and
 * a split or short code without a check may be one (could-be-a-badge.ts).
 */
export function scanAgainMessage(fragment: Pick<WedgeFragment, 'text' | 'problem'>): string {
  if (!SHAPED.has(fragment.problem) && notABadge(fragment.text, DEFAULT_SCAN_CODE_RULES) === null)
    return `Scan again: the code did not arrive whole (${WHY[fragment.problem]}). Press OK, then scan it again.`;
  const shown = fragment.text.replace(/[\u0000-\u001f]/g, (c) => (c === '\u001d' ? '<GS>' : `<${c.charCodeAt(0)}>`));
  return `Scan again: “${shown}” is not a whole code (${WHY[fragment.problem]}). Press OK, then scan it again.`;
}

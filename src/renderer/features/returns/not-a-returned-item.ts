import { classifyScanCode, type ScanCodeKind } from '../../../shared/domain/scan-code';
import { DEFAULT_SCAN_CODE_RULES } from '../../scanner/wedge-config';

/** What a code that opened no return and can be no returned item is, said to the returns clerk. */
const WHAT_IT_IS: Partial<Record<ScanCodeKind, string>> = {
  'return-number': 'is not a return open at this desk: another warehouse’s, completed already, or not authorized yet',
  'order-number': 'has no return open at this desk: scan the RMA number on the parcel’s return label',
  sscc: 'is a shipping label (SSCC), not a returned item',
};

/**
 * A code that opened no return and is plainly an RMA or order number, or an SSCC: said as what it
 * is, not as an item to put aside. Null for codes that may be items. `open`: the RMA that stays open.
 */
export function notAReturnedItemMessage(code: string, open: string | null): string | null {
  const verdict = classifyScanCode(code, DEFAULT_SCAN_CODE_RULES);
  const what = verdict.whole ? WHAT_IT_IS[verdict.kind] : undefined;
  if (!what) return null;
  return `${verdict.code} ${what}.${open ? ` ${open} stays open.` : ''}`;
}

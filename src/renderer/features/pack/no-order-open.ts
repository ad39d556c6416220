import { classifyScanCode, type ScanCodeKind } from '../../../shared/domain/scan-code';
import { DEFAULT_SCAN_CODE_RULES } from '../../scanner/wedge-config';

/** What to do with a code that is plainly not an order, when no order is open to hold it. */
const INSTEAD: Partial<Record<ScanCodeKind, string>> = {
  gtin: 'is an item: scan its order number first, then the items',
  gs1: 'is an item: scan its order number first, then the items',
  sscc: 'is a shipping label (SSCC): scan an order number to pack it',
  'return-number': 'is a return: receive it at the Returns desk',
};

/**
 * The packer scanned a code that opened no order and none is open: say what it is and what to
 * scan instead, rather than calling an item "not an order assigned to this station".
 */
export function noOrderOpenMessage(code: string): string {
  // Only the code's kind matters here: an item's check digit, a return's prefix (the defaults).
  const verdict = classifyScanCode(code, DEFAULT_SCAN_CODE_RULES);
  const instead = verdict.whole ? INSTEAD[verdict.kind] : undefined;
  return `${code} ${instead ?? 'is not an order assigned to this station'}`;
}

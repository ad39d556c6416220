import { classifyScanCode, type ScanCodeKind, type ScanCodeRules } from './scan-code';

/** Codes that carry their own check and so are plainly not a badge, in a packer's words. */
const NOT_A_BADGE: Partial<Record<ScanCodeKind, string>> = {
  'order-number': 'an order number',
  'return-number': 'a return (RMA) number',
  gtin: 'an item barcode',
  gs1: 'an item or shipping-label barcode',
  sscc: 'a shipping label (SSCC)',
};

/**
 * What a code scanned at the sign-in screen plainly is when it cannot be a badge (an order or RMA
 * number of ours, an item barcode or SSCC whose check digit holds), else null. Badges are free
 * text without a check, so anything else may be one; a registered badge is matched before this
 * is asked, so one that happens to look like an item barcode still signs its holder in.
 */
export function notABadge(code: string, rules: ScanCodeRules): string | null {
  const verdict = classifyScanCode(code, rules);
  return verdict.whole ? (NOT_A_BADGE[verdict.kind] ?? null) : null;
}

import { classifyScanCode, ssccElementString, type ScanCodeKind } from '../../../shared/domain/scan-code';
import { DEFAULT_SCAN_CODE_RULES } from '../../scanner/wedge-config';
import { misreadBarcodeReason } from './misread-barcode';

/** What a code that can be no item is, said to a packer with an order open. */
const WHAT_IT_IS: Partial<Record<ScanCodeKind, string>> = {
  'order-number': 'is not an order assigned to this station',
  'return-number': 'is a return: receive it at the Returns desk',
  sscc: 'is a shipping label (SSCC), not an item',
};

/**
 * With an order open, a code that opened no order and can be no item (an order or RMA number,
 * an SSCC, a barcode misread or cut short) is said as what it is, not as an item "not on" the
 * open order to put back. Null for codes that may be items: those are checked against the open order's lines.
 * `knownItem`: an item of an order the station holds has this code, so it was read whole.
 */
export function notAnItemMessage(code: string, openOrderNumber: string, knownItem = false): string | null {
  // Our own labels' SSCC barcode carries its AI: a scanner without symbology identifiers sends 00 + 18 digits.
  const sscc = ssccElementString(code);
  if (sscc) return `${sscc} ${WHAT_IT_IS.sscc}. ${openOrderNumber} stays open.`;
  // An item the station knows (a numeric SKU of 9 to 11 digits, say) was read whole, whatever its length.
  const misread = knownItem ? null : misreadBarcodeReason(code);
  if (misread) return `${code.trim()} could not be read properly (${misread}): scan it again. ${openOrderNumber} stays open.`;
  const verdict = classifyScanCode(code, DEFAULT_SCAN_CODE_RULES);
  const what = verdict.whole ? WHAT_IT_IS[verdict.kind] : undefined;
  return what ? `${verdict.code} ${what}. ${openOrderNumber} stays open.` : null;
}

import { GTIN_LENGTHS, isGtinFailingCheck } from '../../../shared/domain/scan-code';

/**
 * Why an all-digit code that matched nothing looks like an item barcode the scanner misread or cut
 * short, or null when it does not: a length between two barcode lengths (an 11-digit UPC-A that
 * lost a digit), or a barcode's length with a check digit that does not match. Such a code is to
 * be scanned again, not put back as an item "not on" the order.
 */
export function misreadBarcodeReason(code: string): string | null {
  const digits = code.trim();
  if (!/^\d+$/.test(digits)) return null;
  if (GTIN_LENGTHS.includes(digits.length)) return isGtinFailingCheck(digits) ? 'its check digit does not match' : null;
  if (digits.length > 8 && digits.length < 14) return `${digits.length} digits: an item barcode has 8, 12, 13 or 14`;
  return null;
}

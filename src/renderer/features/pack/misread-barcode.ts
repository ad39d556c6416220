import { isValidGs1Number } from '../../../shared/domain/gs1';

/** Item barcodes (GTIN-8, UPC-A, EAN-13, GTIN-14) and the digits each has. */
const GTIN_LENGTHS = [8, 12, 13, 14];

/**
 * Why an all-digit code that matched nothing looks like an item barcode the scanner misread or cut
 * short, or null when it does not: a length between two barcode lengths (an 11-digit UPC-A that
 * lost a digit), or a barcode's length with a check digit that does not match. Such a code is to
 * be scanned again, not put back as an item "not on" the order.
 */
export function misreadBarcodeReason(code: string): string | null {
  const digits = code.trim();
  if (!/^\d+$/.test(digits)) return null;
  if (GTIN_LENGTHS.includes(digits.length)) return isValidGs1Number(digits) ? null : 'its check digit does not match';
  if (digits.length > 8 && digits.length < 14) return `${digits.length} digits: an item barcode has 8, 12, 13 or 14`;
  return null;
}

import { describe, expect, it } from 'vitest';
import { notAnItemMessage } from './not-an-item';

const OPEN = 'ORD-20261205-00001';

describe('a code scanned with an order open that is no item of it', () => {
  it('asks for a barcode misread or cut short to be scanned again, not put back; leaves whole ones to the order', () => {
    // A UPC-A (12 digits) that lost a digit.
    expect(notAnItemMessage('01234567890', OPEN)).toBe(
      `01234567890 could not be read properly (11 digits: an item barcode has 8, 12, 13 or 14): scan it again. ${OPEN} stays open.`,
    );
    // An EAN-13 read with one digit wrong.
    expect(notAnItemMessage('5012345678901', OPEN)).toBe(
      `5012345678901 could not be read properly (its check digit does not match): scan it again. ${OPEN} stays open.`,
    );
    // Whole barcodes and other codes are left to be checked against the order's lines.
    expect(notAnItemMessage('5012345678900', OPEN)).toBeNull();
    expect(notAnItemMessage('036000291452', OPEN)).toBeNull();
    expect(notAnItemMessage('SKU-MUG', OPEN)).toBeNull();
    expect(notAnItemMessage('T-03', OPEN)).toBeNull();
    expect(notAnItemMessage('ORD-20261205-09999', OPEN)).toBe(
      `ORD-20261205-09999 is not an order assigned to this station. ${OPEN} stays open.`,
    );
  });
});

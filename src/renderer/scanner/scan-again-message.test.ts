import { describe, expect, it } from 'vitest';
import { scanAgainMessage } from './scan-again-message';

describe('scan again', () => {
  it('names a misread barcode or document number, and what went wrong', () => {
    expect(scanAgainMessage({ text: '501234567110', problem: 'check-digit' })).toBe(
      'Scan again: “501234567110” is not a whole code (its check digit does not match). Press OK, then scan it again.',
    );
    expect(scanAgainMessage({ text: '5012345678900', problem: 'split' })).toContain('“5012345678900”');
    expect(scanAgainMessage({ text: 'ORD-2026112', problem: 'document-number' })).toContain('“ORD-2026112”');
  });

  it('never shows a split or short code that may be (part of) a badge', () => {
    for (const text of ['DKS-LON-1-1003', 'KS-LON', 'SKU-MUG']) {
      const said = scanAgainMessage({ text, problem: 'split' });
      expect(said).toBe('Scan again: the code did not arrive whole (only part of it arrived). Press OK, then scan it again.');
      expect(said).not.toContain(text);
    }
  });
});

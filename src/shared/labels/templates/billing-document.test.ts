import { describe, expect, it } from 'vitest';
import { formatMinor } from './billing-document';

describe('formatMinor', () => {
  it('shows minor units in major units with the currency exponent', () => {
    expect(formatMinor(5899, 'GBP')).toBe('58.99');
    expect(formatMinor(-120, 'USD')).toBe('-1.20');
    expect(formatMinor(5, 'EUR')).toBe('0.05');
    expect(formatMinor(123456789, 'USD')).toBe('1,234,567.89');
    expect(formatMinor(1500, 'JPY')).toBe('1,500');
    expect(formatMinor(1234, 'KWD')).toBe('1.234');
  });
});

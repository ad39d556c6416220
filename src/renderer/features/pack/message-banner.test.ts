import { describe, expect, it } from 'vitest';
import { bannerText } from './MessageBanner';

describe('the message banner', () => {
  it('cuts a word too long to read (a 400-character code), and leaves ordinary words and codes whole', () => {
    const huge = 'X'.repeat(400);
    const shown = bannerText(`${huge} is not an order assigned to this station`);
    expect(shown).toBe(`${'X'.repeat(47)}… is not an order assigned to this station`);
    const gs1 = ']C10100614141999996\u001d10LOT7';
    expect(bannerText(`ORD-20261122-00001 and ${gs1} stay whole`)).toBe(`ORD-20261122-00001 and ${gs1} stay whole`);
  });
});

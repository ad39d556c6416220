import { describe, expect, it } from 'vitest';
import { createWedgeDetector } from './keyboard-wedge';
import { productCodesOf } from './scanned-code';

function feed(text: string, gapMs: number, start = 1000) {
  const scans: string[] = [];
  const d = createWedgeDetector({ maxInterKeyMs: 50, minLength: 4 }, (c) => scans.push(c));
  let t = start;
  for (const ch of text) d.key(ch, (t += gapMs));
  const swallowed = d.key('Enter', (t += gapMs));
  return { scans, swallowed };
}

describe('keyboard wedge', () => {
  it('takes fast keystrokes ending in Enter as a scan', () => {
    expect(feed('ORD-20261122-00001', 8)).toEqual({ scans: ['ORD-20261122-00001'], swallowed: true });
  });

  it('ignores typing at human speed', () => {
    expect(feed('5012345678900', 140).scans).toEqual([]);
  });

  it('ignores a fast burst that someone finishes by hand much later', () => {
    const scans: string[] = [];
    const d = createWedgeDetector({ maxInterKeyMs: 50, minLength: 4 }, (c) => scans.push(c));
    let t = 0;
    for (const ch of 'ABCDEF') d.key(ch, (t += 5));
    expect(d.key('Enter', t + 2_000)).toBe(false);
    expect(scans).toEqual([]);
  });

  it('ignores short bursts below the minimum length', () => {
    expect(feed('ab', 5).scans).toEqual([]);
  });

  it('drops what was typed before a pause and keeps the fast scan after it', () => {
    const scans: string[] = [];
    const d = createWedgeDetector({ maxInterKeyMs: 50, minLength: 4 }, (c) => scans.push(c));
    let t = 0;
    for (const ch of 'hello') d.key(ch, (t += 200));
    t += 300;
    for (const ch of '5012345678900') d.key(ch, (t += 6));
    d.key('Enter', (t += 6));
    expect(scans).toEqual(['5012345678900']);
  });
});

describe('scanned codes', () => {
  it('reads the GTIN out of a GS1 scan and matches the EAN-13 on the item', () => {
    expect(productCodesOf(']C1010501234567890010LOT1')).toContain('5012345678900');
    expect(productCodesOf('(01)05012345678900')).toContain('5012345678900');
    expect(productCodesOf('5012345678900')).toEqual(['5012345678900']);
  });
});

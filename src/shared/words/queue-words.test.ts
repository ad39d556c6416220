import { describe, expect, it } from 'vitest';
import { ordinal, skuQueuePlace } from './queue-words';

describe('queue places in words', () => {
  it('says ordinals as people write them, teens included', () => {
    expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 101, 111].map(ordinal)).toEqual([
      '1st',
      '2nd',
      '3rd',
      '4th',
      '11th',
      '12th',
      '13th',
      '21st',
      '22nd',
      '23rd',
      '101st',
      '111th',
    ]);
  });

  it("names a backorder's place within its SKU's queue, never a priority number", () => {
    expect(skuQueuePlace({ place: 2, of: 3 }, 'MUG-01')).toBe('2nd of 3 for MUG-01');
    expect(skuQueuePlace({ place: 1, of: 1 }, 'MUG-01')).toBe('the only one for MUG-01');
  });
});

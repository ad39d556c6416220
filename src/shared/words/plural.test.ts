import { describe, expect, it } from 'vitest';
import { plural } from './plural';

describe('plural', () => {
  it('says one thing in the singular, and none or many in the plural', () => {
    expect(plural(1, 'unit')).toBe('1 unit');
    expect(plural(0, 'unit')).toBe('0 units');
    expect(plural(3, 'unit')).toBe('3 units');
    expect(plural(2, 'box', 'boxes')).toBe('2 boxes');
  });
});

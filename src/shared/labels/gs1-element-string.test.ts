import { describe, expect, it } from 'vitest';
import { parseGs1 } from '../domain/gs1';
import { gs1ElementString, gs1HumanReadable, isPredefinedLengthAi, validateGs1Fields } from './gs1-element-string';

describe('GS1 element strings', () => {
  it('needs no separator after predefined-length AIs, one after each variable-length value but the last', () => {
    expect(isPredefinedLengthAi('00')).toBe(true);
    expect(isPredefinedLengthAi('3302')).toBe(true);
    expect(isPredefinedLengthAi('37')).toBe(false);
    expect(
      gs1ElementString([
        { ai: '02', value: '09506000134352' },
        { ai: '37', value: '24' },
        { ai: '400', value: 'PO1' },
      ]),
    ).toBe('0209506000134352' + '3724\u001d' + '400PO1');
  });

  it('is what the scanner-side parser reads back', () => {
    const fields = [
      { ai: '00', value: '306141410000000013' },
      { ai: '37', value: '12' },
      { ai: '400', value: 'DS-42' },
    ];
    expect(parseGs1(`]C1${gs1ElementString(fields)}`)).toEqual(fields);
    expect(parseGs1(gs1HumanReadable(fields))).toEqual(fields);
  });

  it('validates lengths and the GS1 character set', () => {
    expect(() => validateGs1Fields([{ ai: '00', value: '1234' }])).toThrow(/takes 18/);
    expect(() => validateGs1Fields([{ ai: '3302', value: '1234' }])).toThrow(/takes 6/);
    expect(() => validateGs1Fields([{ ai: '400', value: 'Müller' }])).toThrow(/characters/);
    expect(() => validateGs1Fields([])).toThrow();
    expect(() => validateGs1Fields([{ ai: '400', value: 'PO-1/2' }])).not.toThrow();
  });
});

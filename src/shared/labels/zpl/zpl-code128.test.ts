import { describe, expect, it } from 'vitest';
import { zplCode128Data, zplGs1128Data } from './zpl-code128';
import { escapeZplField } from './zpl-escape';

describe('Code 128 field data for ^BC (mode N)', () => {
  it('starts in code set B for text and C for a leading digit run, switching to B once', () => {
    expect(zplCode128Data('DS-20250314-00042')).toBe('>:DS-20250314-00042');
    expect(zplCode128Data('1234567')).toBe('>;123456>67');
    expect(zplCode128Data('9400111899223100000000')).toBe('>;9400111899223100000000');
  });

  it('writes a literal > as >0 so it is never read as an invocation code', () => {
    expect(zplCode128Data('A>B')).toBe('>:A>0B');
  });

  it('refuses characters Code 128 set B cannot carry', () => {
    expect(() => zplCode128Data('Müller')).toThrow(/printable ASCII/);
    expect(() => zplCode128Data('a\nb')).toThrow(/printable ASCII/);
  });

  it('GS1-128: leading FNC1, FNC1 after variable-length values only', () => {
    expect(zplGs1128Data([{ ai: '00', value: '306141410000000013' }])).toBe('>;>800306141410000000013');
    expect(
      zplGs1128Data([
        { ai: '02', value: '09506000134352' },
        { ai: '37', value: '24' },
        { ai: '3302', value: '001234' },
      ]),
    ).toBe('>;>8' + '0209506000134352' + '3724' + '>8' + '3302001234');
    expect(zplGs1128Data([{ ai: '400', value: 'PO-7' }])).toBe('>;>840>60PO-7');
  });
});

describe('ZPL field escaping', () => {
  it('turns ^, ~ and the hex indicator _ into hex escapes, and line breaks into spaces', () => {
    expect(escapeZplField('a^b~c_d')).toBe('a_5Eb_7Ec_5Fd');
    expect(escapeZplField('^XZ^XA')).toBe('_5EXZ_5EXA');
    expect(escapeZplField('line 1\r\nline 2')).toBe('line 1 line 2');
    expect(escapeZplField('Jürgen')).toBe('Jürgen');
  });
});

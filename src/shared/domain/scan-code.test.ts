import { describe, expect, it } from 'vitest';
import { classifyScanCode, type ScanCodeRules } from './scan-code';

const rules: ScanCodeRules = { minLength: 4, orderNumberPrefix: 'ORD', returnNumberPrefix: 'RMA' };
const classify = (code: string, r: Partial<ScanCodeRules> = {}) => classifyScanCode(code, { ...rules, ...r });

describe('whole scan codes', () => {
  it('takes GTIN-8/12/13/14 and SSCC-18 whose check digit holds', () => {
    expect(classify('96385074')).toEqual({ whole: true, kind: 'gtin', code: '96385074', checked: true });
    expect(classify('614141000036')).toMatchObject({ whole: true, kind: 'gtin' });
    expect(classify('5012345678900')).toMatchObject({ whole: true, kind: 'gtin' });
    expect(classify('00614141999996')).toMatchObject({ whole: true, kind: 'gtin' });
    expect(classify('106141412345678908')).toMatchObject({ whole: true, kind: 'sscc', checked: true });
  });

  it('takes an EAN behind its symbology identifier and hands on the digits', () => {
    expect(classify(']E05012345678900')).toEqual({ whole: true, kind: 'gtin', code: '5012345678900', checked: true });
  });

  it('refuses all-digit codes of a GTIN or SSCC length whose check digit fails: a split or a misread', () => {
    // The tail of 5012345678900 after a split: the failure this guards against.
    expect(classify('45678900')).toEqual({ whole: false, problem: 'check-digit', code: '45678900' });
    expect(classify('012345678900')).toMatchObject({ whole: false, problem: 'check-digit' });
    expect(classify('5012345678901')).toMatchObject({ whole: false, problem: 'check-digit' });
    expect(classify('106141412345678907')).toMatchObject({ whole: false, problem: 'check-digit' });
  });

  it("takes all-digit codes of a GTIN's length that fail its check as unchecked when the screen expects them (numeric SKUs)", () => {
    const expected = (digits: string) => digits === '100000000001' || digits === '45678900';
    expect(classify('100000000001', { expected })).toEqual({ whole: true, kind: 'other', code: '100000000001', checked: false });
    expect(classify('45678900', { expected })).toEqual({ whole: true, kind: 'other', code: '45678900', checked: false });
    expect(classify('100000000002', { expected })).toMatchObject({ whole: false, problem: 'check-digit' });
    // A GTIN whose check holds stays a checked GTIN, expected or not.
    expect(classify('5012345678900', { expected: () => true })).toMatchObject({ whole: true, kind: 'gtin', checked: true });
  });

  it('takes GS1 element strings whose AIs are complete and checked', () => {
    expect(classify(']C10100614141999996\u001d10LOT7')).toEqual({
      whole: true,
      kind: 'gs1',
      code: ']C10100614141999996\u001d10LOT7',
      checked: true,
    });
    expect(classify('(00)106141412345678908')).toMatchObject({ whole: true, kind: 'gs1', checked: true });
    expect(classify(']C110LOT7\u001d17261231')).toMatchObject({ whole: true, kind: 'gs1', checked: false });
  });

  it('refuses GS1 strings with a bad check digit, a short fixed-length AI, or that do not parse', () => {
    expect(classify(']C10100614141999995')).toMatchObject({ whole: false, problem: 'gs1-element-string' });
    expect(classify(']C1010061414199\u001d10LOT7')).toMatchObject({ whole: false, problem: 'gs1-element-string' });
    expect(classify('1999996\u001d10LOT7')).toMatchObject({ whole: false, problem: 'gs1-element-string' });
  });

  it('takes order and RMA numbers with our prefixes and a real day, upper-cased', () => {
    expect(classify('ORD-20261122-00001')).toEqual({ whole: true, kind: 'order-number', code: 'ORD-20261122-00001', checked: true });
    expect(classify('rma-20261122-00042')).toEqual({ whole: true, kind: 'return-number', code: 'RMA-20261122-00042', checked: true });
    expect(classify('SO-20261122-00001', { orderNumberPrefix: 'SO' })).toMatchObject({ whole: true, kind: 'order-number' });
  });

  it('refuses what is left of an order number that lost its head, and impossible days', () => {
    expect(classify('D-20261122-00001')).toMatchObject({ whole: false, problem: 'document-number' });
    expect(classify('MA-20261122-00001')).toMatchObject({ whole: false, problem: 'document-number' });
    expect(classify('-20261122-00001')).toMatchObject({ whole: false, problem: 'document-number' });
    expect(classify('1122-00001')).toMatchObject({ whole: false, problem: 'document-number' });
    expect(classify('ORD-20261322-00001')).toMatchObject({ whole: false, problem: 'document-number' });
  });

  it('takes codes without a check (SKUs, badges, other numbers) as unchecked when long enough', () => {
    expect(classify('SKU-MUG')).toEqual({ whole: true, kind: 'other', code: 'SKU-MUG', checked: false });
    expect(classify('BADGE-0042')).toMatchObject({ whole: true, kind: 'other', checked: false });
    expect(classify('123456789')).toMatchObject({ whole: true, kind: 'other', checked: false });
    expect(classify('PO-20261122-00001')).toMatchObject({ whole: true, kind: 'other', checked: false });
    expect(classify('MUG')).toEqual({ whole: false, problem: 'too-short', code: 'MUG' });
    expect(classify('SKU-MUG', { minLength: 8 })).toMatchObject({ whole: false, problem: 'too-short' });
  });
});

import { describe, expect, it } from 'vitest';
import { kilogramsText, parseKilograms, scaleProblem } from './weight-text';

describe('package weight', () => {
  it('puts a scale reading in the field as the packer would type it, and reads it back unchanged', () => {
    for (const grams of [1, 850, 1250, 23_456]) expect(parseKilograms(kilogramsText(grams))).toBe(grams);
  });

  it('takes no weight over the heaviest package a station records (1,000 kg: the event would be refused)', () => {
    expect(parseKilograms('1000')).toBe(1_000_000);
    expect(parseKilograms('1000.001')).toBeNull();
    expect(parseKilograms('9999')).toBeNull();
  });

  it('says why a reading is not a weight to ship with', () => {
    expect(scaleProblem({ state: 'stable', display: '1.2 kg' })).toBeNull();
    expect(scaleProblem({ state: 'motion', display: '1.2 kg' })).toMatch(/settle/);
    expect(scaleProblem({ state: 'zero', display: '0.000 kg' })).toMatch(/zero/);
    expect(scaleProblem({ state: 'overload', display: '' })).toMatch(/capacity/);
    expect(scaleProblem({ state: 'underload', display: '' })).toMatch(/below zero/);
  });
});

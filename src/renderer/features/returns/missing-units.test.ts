import { describe, expect, it } from 'vitest';
import type { ReturnLineDoc } from '../../../shared/api/returns';
import { closeShortConfirmation, unitsMissing } from './missing-units';

const line = (quantity: number, receivedQuantity: number) => ({ quantity, receivedQuantity }) as ReturnLineDoc;

describe('closing receiving short', () => {
  it('counts the authorized units not received, over every line', () => {
    expect(unitsMissing({ lines: [line(3, 1), line(1, 1), line(2, 0)] })).toBe(4);
    expect(unitsMissing({ lines: [line(2, 2)] })).toBe(0);
  });

  it('names the missing units on the confirm button', () => {
    expect(closeShortConfirmation(2)).toBe('Yes, 2 units are missing');
    expect(closeShortConfirmation(1)).toBe('Yes, 1 unit is missing');
  });
});

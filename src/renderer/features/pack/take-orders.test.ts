import { describe, expect, it } from 'vitest';
import { TAKE_AT_MOST } from '../../../shared/sync/lease-protocol';
import { clampedTake, onHoldText, takeCount } from './TakeOrders';

describe('the Take N orders field', () => {
  it('takes what is typed while it is a count, and nothing while it is being retyped', () => {
    expect(takeCount('3')).toBe(3);
    expect(takeCount(' 12 ')).toBe(12);
    // Cleared to type another number: not 1, and Take waits.
    expect(takeCount('')).toBeNull();
    expect(takeCount('0')).toBeNull();
    expect(takeCount('2.5')).toBeNull();
    expect(takeCount(String(TAKE_AT_MOST + 1))).toBeNull();
  });

  it('shows the nearest count when left holding something else', () => {
    expect(clampedTake('')).toBe(1);
    expect(clampedTake('0')).toBe(1);
    expect(clampedTake(String(TAKE_AT_MOST * 10))).toBe(TAKE_AT_MOST);
  });
});

describe('the on-hold orders named beside "Held here"', () => {
  it('says each with its reasons in words, and that there are more past the few it names', () => {
    const held = (orderNumber: string, holds: string[]) => ({ orderNumber, holds });
    expect(onHoldText([held('ORD-1', ['incorrect_address', 'awaiting_payment']), held('ORD-2', [])])).toBe(
      'ORD-1 (incorrect address, awaiting payment), ORD-2',
    );
    expect(onHoldText([held('ORD-1', []), held('ORD-2', []), held('ORD-3', [])], 2)).toBe('ORD-1, ORD-2 and more');
  });
});

import { describe, expect, it } from 'vitest';
import { returnClosedMessage } from './open-return-closed';

const none = { conflictedUnits: 0, unsent: 0 };

describe('the open RMA closed on the server', () => {
  it('says how it closed, why, and what to do with the box', () => {
    expect(returnClosedMessage({ number: 'RMA-1', status: 'cancelled', reason: 'customer kept it' }, none)).toBe(
      'RMA-1 was cancelled by the office (customer kept it): set its box aside and ask your supervisor.',
    );
    expect(returnClosedMessage({ number: 'RMA-1', status: 'rejected', reason: null }, none)).toBe(
      'RMA-1 was rejected by the office: set its box aside and ask your supervisor.',
    );
    expect(returnClosedMessage({ number: 'RMA-1', status: 'completed', reason: null }, none)).toMatch(/^RMA-1 was completed elsewhere:/);
    expect(returnClosedMessage(undefined, none)).toBe('The open RMA was closed on the server: set its box aside and ask your supervisor.');
  });

  it('says what became of the work recorded on it here', () => {
    expect(returnClosedMessage({ number: 'RMA-1', status: 'cancelled', reason: null }, { conflictedUnits: 2, unsent: 1 })).toBe(
      'RMA-1 was cancelled by the office: set its box aside and ask your supervisor.' +
        ' 2 units received here are on the server as a conflict for a supervisor.' +
        ' 1 change made here is still to go to the server, where a supervisor sees it.',
    );
  });
});

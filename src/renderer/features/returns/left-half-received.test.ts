import { describe, expect, it } from 'vitest';
import type { ReturnDocument, ReturnLineDoc } from '../../../shared/api/returns';
import { leftHalfReceivedNote } from './left-half-received';

const rma = (status: ReturnDocument['status'], received: number[]) => ({
  number: 'RMA-1',
  status,
  lines: received.map((receivedQuantity) => ({ quantity: 3, receivedQuantity }) as ReturnLineDoc),
});

describe('the RMA left half-received when another is opened', () => {
  it('names it and how many units are in its box, while it is not completed', () => {
    const note = ' RMA-1 is left half-received (3 units received, not completed): keep its box together, scan RMA-1 to go back to it.';
    expect(leftHalfReceivedNote(rma('partially_received', [2, 1]))).toBe(note);
    expect(leftHalfReceivedNote(rma('inspected', [2, 1]))).toBe(note);
    expect(leftHalfReceivedNote(rma('received', [1, 0]))).toContain('(1 unit received, not completed)');
  });

  it('says nothing of one with nothing received, or one that is closed', () => {
    expect(leftHalfReceivedNote(rma('authorized', [0, 0]))).toBe('');
    expect(leftHalfReceivedNote(rma('completed', [3, 3]))).toBe('');
    expect(leftHalfReceivedNote(rma('cancelled', [1, 0]))).toBe('');
    expect(leftHalfReceivedNote(null)).toBe('');
  });
});

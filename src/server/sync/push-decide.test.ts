import { describe, expect, it } from 'vitest';
import { decideInTurns } from './push-decide';

describe('decideInTurns', () => {
  it('decides every item in order and lets waiting I/O callbacks run between turns, not within one', async () => {
    const seen: string[] = [];
    const items = Array.from({ length: 7 }, (_, i) => i);
    // Stands for another request's callback (a statement's answer for the lock holder) queued meanwhile.
    setImmediate(() => seen.push('other work'));
    await decideInTurns(items, (i) => void seen.push(`item ${i}`), 3);
    expect(seen).toEqual(['item 0', 'item 1', 'item 2', 'other work', 'item 3', 'item 4', 'item 5', 'item 6']);
  });

  it('waits for an asynchronous decision before the next item', async () => {
    const seen: number[] = [];
    await decideInTurns([1, 2, 3], async (i) => {
      await Promise.resolve();
      seen.push(i);
    });
    expect(seen).toEqual([1, 2, 3]);
  });
});

import { describe, expect, it } from 'vitest';
import { BACKORDER_PRIORITY_LIMIT } from '../../shared/api/fulfillment';
import { inQueueOrder, planQueueMove, type QueueEntry } from './queue-move';

/** The queue after a move's priority changes, in queue order. */
function afterMove(queue: QueueEntry[], id: string, direction: 'up' | 'down'): string[] {
  const changed = new Map(planQueueMove(queue, id, direction).changes.map((c) => [c.id, c.to]));
  return inQueueOrder(queue.map((e) => ({ ...e, priority: changed.get(e.id) ?? e.priority }))).map((e) => e.id);
}

function swapped(ids: string[], a: number, b: number): string[] {
  const out = [...ids];
  [out[a], out[b]] = [out[b]!, out[a]!];
  return out;
}

/** A small deterministic generator, so a failure can be run again. */
function random(seed: number) {
  let s = seed;
  return (n: number) => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return s % n;
  };
}

describe('moving a backorder one place in the queue', () => {
  const fifo = (n: number): QueueEntry[] => Array.from({ length: n }, (_, i) => ({ id: `b${i}`, priority: 0, age: i }));

  it('with every priority 0, moves the first down to second and the last up to second-to-last', () => {
    expect(afterMove(fifo(4), 'b0', 'down')).toEqual(['b1', 'b0', 'b2', 'b3']);
    expect(afterMove(fifo(4), 'b3', 'up')).toEqual(['b0', 'b1', 'b3', 'b2']);
    expect(afterMove(fifo(4), 'b1', 'down')).toEqual(['b0', 'b2', 'b1', 'b3']);
    // Only what it must: one priority for an end, none past the ones that keep their places.
    expect(planQueueMove(fifo(4), 'b0', 'down').changes).toEqual([{ id: 'b1', from: 0, to: 1 }]);
    expect(planQueueMove(fifo(4), 'b3', 'up').changes).toEqual([{ id: 'b2', from: 0, to: -1 }]);
  });

  it('moves exactly one place for any priorities, ties included', () => {
    const pick = random(7);
    for (let round = 0; round < 400; round++) {
      const n = 2 + pick(6);
      const ages = Array.from({ length: n }, (_, i) => i).sort(() => pick(3) - 1);
      const queue = inQueueOrder(ages.map((age, i) => ({ id: `b${i}`, priority: pick(5) - 2, age })));
      const ids = queue.map((e) => e.id);
      queue.forEach((e, at) => {
        if (at > 0) expect(afterMove(queue, e.id, 'up'), JSON.stringify({ queue, up: e.id })).toEqual(swapped(ids, at, at - 1));
        if (at < n - 1) expect(afterMove(queue, e.id, 'down'), JSON.stringify({ queue, down: e.id })).toEqual(swapped(ids, at, at + 1));
      });
    }
  });

  it('refuses past either end, and a move that would take a priority past the limit', () => {
    expect(() => planQueueMove(fifo(3), 'b0', 'up')).toThrow(expect.objectContaining({ code: 'backorder_at_queue_end' }));
    expect(() => planQueueMove(fifo(3), 'b2', 'down')).toThrow(/already last/);
    const atLimit: QueueEntry[] = [
      { id: 'older', priority: BACKORDER_PRIORITY_LIMIT, age: 0 },
      { id: 'newer', priority: BACKORDER_PRIORITY_LIMIT, age: 1 },
    ];
    // Raising the newer one past the older would take LIMIT + 1: the older one is lowered instead.
    expect(planQueueMove(atLimit, 'newer', 'up').changes).toEqual([
      { id: 'older', from: BACKORDER_PRIORITY_LIMIT, to: BACKORDER_PRIORITY_LIMIT - 1 },
    ]);
  });
});

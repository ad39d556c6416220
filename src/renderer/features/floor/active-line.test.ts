import { describe, expect, it } from 'vitest';
import { activeLine, type ActiveLineMemory } from './active-line';

const fresh = (): ActiveLineMemory => ({ counts: new Map(), active: null });

describe('activeLine', () => {
  it('starts on the first line with units to go', () => {
    const m = fresh();
    expect(
      activeLine(m, [
        { id: 'a', done: 1, of: 1 },
        { id: 'b', done: 0, of: 2 },
      ]),
    ).toBe('b');
  });

  it('follows the line scanned last while it has units to go, then falls back to the first open line', () => {
    const m = fresh();
    const lines = [
      { id: 'a', done: 0, of: 2 },
      { id: 'b', done: 0, of: 2 },
    ];
    expect(activeLine(m, lines)).toBe('a');
    expect(activeLine(m, [lines[0]!, { id: 'b', done: 1, of: 2 }])).toBe('b');
    // Nothing changed: still b.
    expect(activeLine(m, [lines[0]!, { id: 'b', done: 1, of: 2 }])).toBe('b');
    expect(activeLine(m, [lines[0]!, { id: 'b', done: 2, of: 2 }])).toBe('a');
  });

  it('is null once every line is done', () => {
    expect(activeLine(fresh(), [{ id: 'a', done: 2, of: 2 }])).toBeNull();
  });
});

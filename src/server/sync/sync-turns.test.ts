import { describe, expect, it, vi } from 'vitest';
import { createSyncTurns } from './sync-turns';

/** A piece of work the test ends when it wants, and whether it has started. */
function work() {
  let finish!: () => void;
  const done = new Promise<void>((resolve) => (finish = resolve));
  const w = { started: false, finish, run: () => ((w.started = true), done) };
  return w;
}
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('sync turns: pushes before pulls', () => {
  it('runs up to its number of pulls at once, the next when one ends', async () => {
    const turns = createSyncTurns({ pulls: 2 });
    const [a, b, c] = [work(), work(), work()];
    const all = [a, b, c].map((w) => turns.pull(w.run));
    await settle();
    expect([a.started, b.started, c.started]).toEqual([true, true, false]);
    a.finish();
    await settle();
    expect(c.started).toBe(true);
    b.finish();
    c.finish();
    await Promise.all(all);
    expect(turns.now()).toEqual({ pushing: 0, pulling: 0, waiting: 0 });
  });

  it('holds pulls while a push is applied, runs them together once none is, and never holds a push', async () => {
    const turns = createSyncTurns({ pulls: 4 });
    const push = work();
    const pushed = turns.push(push.run);
    const [a, b] = [work(), work()];
    const pulls = [a, b].map((w) => turns.pull(w.run));
    await settle();
    expect([a.started, b.started]).toEqual([false, false]);
    // A second push starts at once, pulls or not.
    const other = work();
    const pushedToo = turns.push(other.run);
    await settle();
    expect(other.started).toBe(true);
    push.finish();
    await pushed;
    await settle();
    // One push still running: the pulls still wait.
    expect([a.started, b.started]).toEqual([false, false]);
    other.finish();
    await pushedToo;
    await settle();
    expect([a.started, b.started]).toEqual([true, true]);
    a.finish();
    b.finish();
    await Promise.all(pulls);
    expect(turns.now()).toEqual({ pushing: 0, pulling: 0, waiting: 0 });
  });

  it('lets a pull that waited its limit in while pushes go on, one at a time, in the order they came', async () => {
    vi.useFakeTimers();
    try {
      const turns = createSyncTurns({ pulls: 4, pullWaitMs: 5_000 });
      const push = work();
      const pushed = turns.push(push.run);
      const [a, b] = [work(), work()];
      const pullA = turns.pull(a.run);
      await vi.advanceTimersByTimeAsync(1_000);
      const pullB = turns.pull(b.run);
      await vi.advanceTimersByTimeAsync(3_999);
      expect([a.started, b.started]).toEqual([false, false]);
      await vi.advanceTimersByTimeAsync(1);
      expect([a.started, b.started]).toEqual([true, false]);
      // b has waited its limit too, but a is still running: b goes in when a ends.
      await vi.advanceTimersByTimeAsync(2_000);
      expect(b.started).toBe(false);
      a.finish();
      await pullA;
      await vi.advanceTimersByTimeAsync(0);
      expect(b.started).toBe(true);
      b.finish();
      push.finish();
      await Promise.all([pullB, pushed]);
      expect(turns.now()).toEqual({ pushing: 0, pulling: 0, waiting: 0 });
    } finally {
      vi.useRealTimers();
    }
  });

  it('passes on what a pull or push answers or throws, and frees its turn either way', async () => {
    const turns = createSyncTurns({ pulls: 1 });
    await expect(turns.pull(() => Promise.reject(new Error('database gone')))).rejects.toThrow('database gone');
    await expect(turns.push(() => Promise.reject(new Error('refused')))).rejects.toThrow('refused');
    await expect(turns.pull(() => Promise.resolve(42))).resolves.toBe(42);
    expect(turns.now()).toEqual({ pushing: 0, pulling: 0, waiting: 0 });
  });
});

import { describe, expect, it } from 'vitest';
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

  it('lets one pull run at a time while a push is applied, and never holds a push', async () => {
    const turns = createSyncTurns({ pulls: 4 });
    const push = work();
    const pushed = turns.push(push.run);
    const [a, b, c] = [work(), work(), work()];
    const pulls = [a, b, c].map((w) => turns.pull(w.run));
    await settle();
    expect([a.started, b.started, c.started]).toEqual([true, false, false]);
    // A second push starts at once, pulls or not.
    const other = work();
    const pushedToo = turns.push(other.run);
    await settle();
    expect(other.started).toBe(true);
    a.finish();
    await settle();
    expect([b.started, c.started]).toEqual([true, false]);
    push.finish();
    other.finish();
    await Promise.all([pushed, pushedToo]);
    await settle();
    // No push left: the rest run together.
    expect(c.started).toBe(true);
    b.finish();
    c.finish();
    await Promise.all(pulls);
  });

  it('passes on what a pull or push answers or throws, and frees its turn either way', async () => {
    const turns = createSyncTurns({ pulls: 1 });
    await expect(turns.pull(() => Promise.reject(new Error('database gone')))).rejects.toThrow('database gone');
    await expect(turns.push(() => Promise.reject(new Error('refused')))).rejects.toThrow('refused');
    await expect(turns.pull(() => Promise.resolve(42))).resolves.toBe(42);
    expect(turns.now()).toEqual({ pushing: 0, pulling: 0, waiting: 0 });
  });
});

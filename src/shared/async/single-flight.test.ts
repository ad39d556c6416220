import { describe, expect, it } from 'vitest';
import { singleFlight } from './single-flight';

describe('singleFlight', () => {
  it('runs once at a time and once more for calls made during a run', async () => {
    let runs = 0;
    let active = 0;
    let maxActive = 0;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const run = singleFlight(
      async () => {
        runs++;
        active++;
        maxActive = Math.max(maxActive, active);
        if (runs === 1) await gate;
        active--;
      },
      () => {},
    );
    const first = run();
    void run();
    void run();
    release();
    await first;
    await run.idle();
    expect(runs).toBe(2);
    expect(maxActive).toBe(1);
  });

  it('reports a failure and accepts the next call', async () => {
    const errors: unknown[] = [];
    let n = 0;
    const run = singleFlight(
      async () => {
        if (++n === 1) throw new Error('boom');
      },
      (e) => errors.push(e),
    );
    await run();
    await run();
    expect(errors).toHaveLength(1);
    expect(n).toBe(2);
  });
});

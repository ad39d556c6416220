import { describe, expect, it } from 'vitest';
import { dropWhileBusy } from './drop-while-busy';

describe('dropWhileBusy', () => {
  it('drops calls made during a run, and runs the next call after it', async () => {
    let runs = 0;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const act = dropWhileBusy(async (n: number) => {
      runs++;
      await gate;
      return n;
    });
    const first = act(1);
    expect(await act(2)).toBeUndefined();
    release();
    expect(await first).toBe(1);
    expect(await act(3)).toBe(3);
    expect(runs).toBe(2);
  });

  it('is free again after a run that failed', async () => {
    const act = dropWhileBusy(async (fail: boolean) => {
      if (fail) throw new Error('boom');
      return 'ok';
    });
    await expect(act(true)).rejects.toThrow('boom');
    expect(await act(false)).toBe('ok');
  });
});

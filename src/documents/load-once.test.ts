import { describe, expect, it } from 'vitest';
import { loadOnce } from './load-once';

describe('a package loaded at its first use', () => {
  it('is loaded once, however many ask at the same time', async () => {
    let loads = 0;
    const load = loadOnce(async () => ({ n: ++loads }));
    const [a, b] = await Promise.all([load(), load()]);
    expect(await load()).toBe(a);
    expect(b).toBe(a);
    expect(loads).toBe(1);
  });

  it('is tried again at the next use after a load that failed', async () => {
    let tries = 0;
    const load = loadOnce(async () => {
      tries += 1;
      if (tries === 1) throw new Error('EMFILE: too many open files');
      return 'loaded';
    });
    await expect(load()).rejects.toThrow('EMFILE');
    expect(await load()).toBe('loaded');
    expect(tries).toBe(2);
  });
});

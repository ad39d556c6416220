import { describe, expect, it } from 'vitest';
import { oneScanAtATime } from './one-scan-at-a-time';

describe('oneScanAtATime', () => {
  it('handles scans in arrival order, each after the last has finished, and goes on after a failure', async () => {
    const log: string[] = [];
    const errors: unknown[] = [];
    const queue = oneScanAtATime((e) => errors.push(e));
    const slow = (code: string, ms: number) => async () => {
      log.push(`start ${code}`);
      await new Promise((r) => setTimeout(r, ms));
      if (code === 'bad') throw new Error('refused');
      log.push(`end ${code}`);
    };
    void queue(slow('a', 20));
    void queue(slow('bad', 1));
    await queue(slow('b', 1));
    expect(log).toEqual(['start a', 'end a', 'start bad', 'start b', 'end b']);
    expect(errors).toHaveLength(1);
  });
});

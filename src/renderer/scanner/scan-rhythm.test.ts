import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createScanRhythm, inScanPauses } from './scan-rhythm';
import { oneScanAtATime } from './one-scan-at-a-time';

describe('scan rhythm', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());
  const rhythmNow = () => createScanRhythm({ quietMs: 250, mostWaitMs: 2000, now: () => Date.now() });
  /** Milliseconds of fake time from now until `p` settles (time runs on for 5 s). */
  async function msUntil(p: Promise<unknown>): Promise<number | null> {
    const start = Date.now();
    let at: number | null = null;
    void p.then(() => (at = Date.now()));
    await vi.advanceTimersByTimeAsync(5000);
    return at === null ? null : at - start;
  }

  it('lets background work go at once when nothing was scanned lately', async () => {
    expect(await msUntil(rhythmNow().pause())).toBe(0);
  });

  it('holds it while a scan is handled, and until the scanner has been still for the quiet time', async () => {
    const rhythm = rhythmNow();
    const ended = rhythm.began();
    setTimeout(ended, 400);
    // 400 ms handling the scan, then 250 ms still.
    expect(await msUntil(rhythm.pause())).toBe(650);
  });

  it('never holds it longer than the most wait, however fast the scans come', async () => {
    const rhythm = rhythmNow();
    rhythm.began()();
    const scanning = setInterval(() => rhythm.began()(), 50);
    expect(await msUntil(rhythm.pause())).toBe(2000);
    clearInterval(scanning);
  });

  it('hears of every scan the one queue handles, from its arrival to its end', async () => {
    const rhythm = rhythmNow();
    const queue = oneScanAtATime(() => undefined, rhythm);
    void queue(() => new Promise((r) => setTimeout(r, 100)));
    void queue(() => new Promise((r) => setTimeout(r, 100)));
    // Two scans of 100 ms each, one after the other, then the quiet time.
    expect(await msUntil(rhythm.pause())).toBe(450);
  });

  it('starts a push or pull in a pause, and hands its answer back only in one', async () => {
    const rhythm = rhythmNow();
    const log: string[] = [];
    const call = inScanPauses(async (n: number) => {
      log.push(`sent ${n}`);
      await new Promise((r) => setTimeout(r, 100));
      return n * 2;
    }, rhythm);
    const ended = rhythm.began();
    const answer = call(21).then((x) => (log.push(`answered ${x}`), x));
    await vi.advanceTimersByTimeAsync(200);
    expect(log).toEqual([]);
    ended();
    await vi.advanceTimersByTimeAsync(300);
    expect(log).toEqual(['sent 21']);
    // A scan while the request is out: the answer waits for the scanner to be still again.
    const second = rhythm.began();
    await vi.advanceTimersByTimeAsync(100);
    expect(log).toEqual(['sent 21']);
    setTimeout(second, 0);
    expect(await msUntil(answer)).toBe(250);
    expect(log).toEqual(['sent 21', 'answered 42']);
  });
});

/** How long the scanner has to be still before background sync touches the disk. */
export const QUIET_MS = 250;
/** Background sync never waits longer for a pause than this: a station that scans without stopping still syncs. */
export const MOST_WAIT_MS = 2000;

/**
 * The rhythm of the station's scans, so background sync can wait for a pause in them.
 *
 * IndexedDB runs a read only after every write begun before it on the same store. A pulled
 * document or a push's answers written between two fast scans made the second scan wait for
 * that write (an order-number scan reads the order and its events), which is most of the slow
 * scans the benchmarks saw. Sync is not urgent to the packer; the next scan is.
 */
export function createScanRhythm(options: { quietMs?: number; mostWaitMs?: number; now?: () => number } = {}) {
  const quietMs = options.quietMs ?? QUIET_MS;
  const mostWaitMs = options.mostWaitMs ?? MOST_WAIT_MS;
  const now = options.now ?? (() => performance.now());
  let handling = 0;
  let lastAt = Number.NEGATIVE_INFINITY;

  return {
    /** A scan arrived; call what this returns once it has been handled. */
    began(): () => void {
      handling += 1;
      lastAt = now();
      let ended = false;
      return () => {
        if (ended) return;
        ended = true;
        handling -= 1;
        lastAt = now();
      };
    },
    /** Resolves once no scan is being handled and none was for `quietMs`, or after `mostWaitMs` at most. */
    pause(): Promise<void> {
      const giveUpAt = now() + mostWaitMs;
      return new Promise((resolve) => {
        const check = () => {
          const t = now();
          const stillFor = t - lastAt;
          if ((handling === 0 && stillFor >= quietMs) || t >= giveUpAt) return resolve();
          const untilQuiet = handling > 0 ? quietMs : quietMs - stillFor;
          setTimeout(check, Math.max(1, Math.min(untilQuiet, giveUpAt - t)));
        };
        check();
      });
    },
  };
}
export type ScanRhythm = ReturnType<typeof createScanRhythm>;

/** The station's scans: every scan goes through `inTurn` (one-scan-at-a-time.ts), which tells this. */
export const scanRhythm = createScanRhythm();

/**
 * `call` (a push or a pull through main) started only in a pause of the scanning, and its answer
 * handed back (to be written) only in one: what it returns is written to IndexedDB at once.
 */
export function inScanPauses<A, R>(call: (arg: A) => Promise<R>, rhythm: Pick<ScanRhythm, 'pause'>): (arg: A) => Promise<R> {
  return async (arg) => {
    await rhythm.pause();
    const answer = await call(arg);
    await rhythm.pause();
    return answer;
  };
}

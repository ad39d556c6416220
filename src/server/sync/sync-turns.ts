/**
 * Pushes before pulls, in one server process. After an outage every station pushes its backlog
 * and pulls everyone's changes at once. A station's backlog holds facts found nowhere else (boxes
 * packed and shipped); everyone's changes it pulls are already safe here. So while any push is
 * being applied, pulls wait, up to `pullWaitMs`; the oldest waiting that long then goes in, one at
 * a time, so pulls still move through a storm that does not end. With no push, up to `pulls` run
 * at once. Pushes never wait here. A pull is never refused, only later.
 *
 * Why wait at all: a pull costs most where its documents are stored, in each station's browser.
 * In the reconnect-storm bench (20 stations on a 2-core machine) the browsers storing pulled
 * documents took most of the CPU the pushes needed. With pulls waiting, all drained in 7.8, 8.8
 * and 9.1 s; with one pull at a time during pushes, in 10.3 and 14.5 s (bench/storm.bench.ts).
 * Before pulls were held at all, pushes of a few events waited 10-36 s behind them.
 */
export function createSyncTurns(options: { pulls: number; pullWaitMs?: number }) {
  const pullWaitMs = options.pullWaitMs ?? PULL_WAIT_MS;
  let pushing = 0;
  let pulling = 0;
  const waiting: { since: number; go: () => void }[] = [];
  const room = () => {
    if (pushing === 0) return pulling < Math.max(1, options.pulls);
    // A push is running: only a pull that has waited its limit, and only alone.
    return pulling === 0 && waiting.length > 0 && Date.now() - waiting[0]!.since >= pullWaitMs;
  };
  const admit = () => {
    while (waiting.length && room()) {
      pulling++;
      waiting.shift()!.go();
    }
  };

  return {
    async push<T>(apply: () => Promise<T>): Promise<T> {
      pushing++;
      try {
        return await apply();
      } finally {
        pushing--;
        admit();
      }
    },
    async pull<T>(read: () => Promise<T>): Promise<T> {
      if (!waiting.length && room()) pulling++;
      else
        await new Promise<void>((resolve) => {
          // Looked at again when its wait runs out, in case pushes are still coming.
          const limit = setTimeout(admit, pullWaitMs);
          waiting.push({ since: Date.now(), go: () => (clearTimeout(limit), resolve()) });
        });
      try {
        return await read();
      } finally {
        pulling--;
        admit();
      }
    },
    /** For tests and diagnostics. */
    now: () => ({ pushing, pulling, waiting: waiting.length }),
  };
}
export type SyncTurns = ReturnType<typeof createSyncTurns>;

/** How long a pull waits for pushes before it goes in anyway: a station's view of others' work lags by at most this in a storm. */
export const PULL_WAIT_MS = 5_000;

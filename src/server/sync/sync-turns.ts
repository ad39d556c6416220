/**
 * Pushes before pulls, in one server process. After an outage every station pushes its backlog
 * and pulls everyone's changes at once. A pull of a thousand documents holds a database connection
 * and this process's event loop for a while, and the pushes queued behind the pulls: in the
 * reconnect-storm bench, pushes of a few events waited 10-36 s behind them. While any push is
 * being applied, pulls go one at a time (so they still move); otherwise up to `pulls` at once.
 * Pushes never wait here. A pull is never refused, only later.
 */
export function createSyncTurns(options: { pulls: number }) {
  let pushing = 0;
  let pulling = 0;
  const waiting: (() => void)[] = [];
  const room = () => pulling < (pushing > 0 ? 1 : Math.max(1, options.pulls));
  const admit = () => {
    while (waiting.length && room()) {
      pulling++;
      waiting.shift()!();
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
      else await new Promise<void>((resolve) => waiting.push(resolve));
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

/** What the bar shows while documents come down: received so far of how many, in this download. */
export interface DownloadProgress {
  received: number;
  total: number;
}

interface Run {
  /** The collection's running count of received documents, as last reported. */
  seen: number;
  /** Received in the current download (since the collection last had nothing left to pull). */
  got: number;
  remaining: number;
}

/**
 * Follows the pull replications' reports (a running count received and how many remain on the
 * server) and says whether a download is running and how far it is. A download runs from a pull
 * that leaves documents on the server until the pull that leaves none: the first sync of a new
 * station, or the catch-up after a long time offline.
 */
export function createDownloadTracker() {
  const runs = new Map<string, Run>();
  return {
    report(collection: string, received: number, remaining: number): DownloadProgress | null {
      const run = runs.get(collection) ?? { seen: 0, got: 0, remaining: 0 };
      runs.set(collection, { seen: received, got: run.got + Math.max(0, received - run.seen), remaining });
      const all = [...runs.values()];
      if (all.every((r) => r.remaining === 0)) {
        // Caught up everywhere: the download (if any) is over; the next one counts from zero.
        for (const r of all) r.got = 0;
        return null;
      }
      // A collection that caught up first still counts in this download, so the bar never goes back.
      const got = all.reduce((n, r) => n + r.got, 0);
      return { received: got, total: got + all.reduce((n, r) => n + r.remaining, 0) };
    },
  };
}

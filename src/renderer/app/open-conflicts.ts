import { distinctUntilChanged, type Observable } from 'rxjs';
import type { StationClient } from '../station-client/index';
import { useStation } from './station-store';

/** How often the count is asked again while nothing here changed: a supervisor may resolve a task anywhere. */
export const CONFLICTS_REFRESH_MS = 30_000;

/** Where the last answer is kept, so that a station started offline shows it (station_meta in the app). */
export interface KeptCount {
  recall(): Promise<number | null>;
  keep(count: number): Promise<void>;
}

/**
 * The sync bar's "N conflicts for a supervisor": the tasks still open about events this station
 * pushed, as the server counts them, so a conflict a supervisor resolved (here or anywhere) goes
 * away, and one with no follow-up (a claim another station won) never counts. Offline, or on an
 * older station host, the count shown stays as it was. Returns the count, or null when unanswered.
 */
export async function refreshOpenConflicts(client: Pick<StationClient, 'call'>): Promise<number | null> {
  try {
    const { open } = await client.call('sync.conflicts');
    useStation.getState().patchSync({ conflicts: open });
    return open;
  } catch {
    return null; // The last answer stands.
  }
}

/**
 * Asks again when this station's own count of conflicted events changes (a push answered), and
 * every 30 s. Every answer shown is kept (`kept`), and shown again when the station starts, so a
 * station started offline still says what waits for a supervisor.
 */
export function watchOpenConflicts(
  client: Pick<StationClient, 'call'>,
  conflictedHere: Observable<number>,
  kept: KeptCount,
  refreshMs = CONFLICTS_REFRESH_MS,
) {
  let answered = false;
  let recalling = false;
  let lastKept: number | null = null;
  const keepIfNew = (open: number) => {
    if (open === lastKept) return;
    lastKept = open;
    void kept.keep(open).catch(() => (lastKept = null) /* kept at the next answer */);
  };
  // Answers asked elsewhere (a task resolved at this station) are kept too.
  const keeping = useStation.subscribe((now, before) => {
    if (!recalling && now.sync.conflicts !== before.sync.conflicts) keepIfNew(now.sync.conflicts);
  });
  void kept.recall().then(
    (open) => {
      if (open === null || answered) return;
      lastKept = open;
      recalling = true;
      useStation.getState().patchSync({ conflicts: open });
      recalling = false;
    },
    () => undefined,
  );
  const refresh = async () => {
    const open = await refreshOpenConflicts(client);
    if (open === null) return;
    answered = true;
    keepIfNew(open);
  };
  // A count query emits on every write to the outbox: only a change of it is news (a drain writes thousands).
  const subscription = conflictedHere.pipe(distinctUntilChanged()).subscribe(() => void refresh());
  const timer = setInterval(() => void refresh(), refreshMs);
  return {
    refresh,
    stop() {
      keeping();
      subscription.unsubscribe();
      clearInterval(timer);
    },
  };
}

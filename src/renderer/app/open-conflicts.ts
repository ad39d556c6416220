import { distinctUntilChanged, type Observable } from 'rxjs';
import type { StationClient } from '../station-client/index';
import { useStation } from './station-store';

/** How often the count is asked again while nothing here changed: a supervisor may resolve a task anywhere. */
export const CONFLICTS_REFRESH_MS = 30_000;

/**
 * The sync bar's "N conflicts for a supervisor": the tasks still open about events this station
 * pushed, as the server counts them, so a conflict a supervisor resolved (here or anywhere) goes
 * away, and one with no follow-up (a claim another station won) never counts. Offline, or on an
 * older station host, the count shown stays as it was.
 */
export async function refreshOpenConflicts(client: Pick<StationClient, 'call'>): Promise<void> {
  try {
    const { open } = await client.call('sync.conflicts');
    useStation.getState().patchSync({ conflicts: open });
  } catch {
    // The last answer stands.
  }
}

/** Asks again when this station's own count of conflicted events changes (a push answered), and every 30 s. */
export function watchOpenConflicts(
  client: Pick<StationClient, 'call'>,
  conflictedHere: Observable<number>,
  refreshMs = CONFLICTS_REFRESH_MS,
) {
  const refresh = () => refreshOpenConflicts(client);
  // A count query emits on every write to the outbox: only a change of it is news (a drain writes thousands).
  const subscription = conflictedHere.pipe(distinctUntilChanged()).subscribe(() => void refresh());
  const timer = setInterval(() => void refresh(), refreshMs);
  return {
    refresh,
    stop() {
      subscription.unsubscribe();
      clearInterval(timer);
    },
  };
}

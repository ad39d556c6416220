import type { RunningStation } from '../../app/use-station-runtime';
import { useObservable } from '../../app/use-rx';

/** Whether this station's warehouse picks before packing: it then replicates its bins here; a pack-only one has none. */
export function useWarehousePicks(running: RunningStation | null): boolean {
  return useObservable(() => (running ? running.rt.db.bins.count().$ : null), 0, [running]) > 0;
}

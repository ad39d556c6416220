import type { StationRuntime } from '../../app/station-runtime';
import { useObservable } from '../../app/use-rx';

/** Whether this station's warehouse picks before packing: it then replicates its bins here; a pack-only one has none. */
export function useWarehousePicks(rt: StationRuntime | null): boolean {
  return useObservable(() => (rt ? rt.db.bins.count().$ : null), 0, [rt]) > 0;
}

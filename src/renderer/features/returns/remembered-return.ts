import { isOpenReturn } from '../../../shared/sync/return-document';
import { rememberOpen, type TabStorage } from '../../app/remembered-open';
import type { StationRuntime } from '../../app/station-runtime';
import { useStation } from '../../app/station-store';
import { loadReturnView } from './return-view';

/** After a reload, the RMA open at the returns desk opens again, if the desk's view of it is still open. */
export function rememberOpenReturn(rt: Pick<StationRuntime, 'db' | 'stationId'>, storage?: TabStorage | null) {
  return rememberOpen(
    {
      key: `dockside.open-return.${rt.stationId}`,
      openId: (s) => s.openReturnId,
      open: (id) => useStation.getState().openReturn(id),
      async mayReopen(id) {
        const view = await loadReturnView(rt.db, rt.stationId, id);
        return !!view && isOpenReturn(view.doc.status);
      },
    },
    storage,
  );
}

import { isHeldBy } from '../../../shared/sync/fulfillment-lease';
import { rememberOpen, tabStorage, type TabStorage } from '../../app/remembered-open';
import type { StationRuntime } from '../../app/station-runtime';
import { useStation } from '../../app/station-store';
import { loadOrder, viewOf } from './fulfillment-view';
import { rememberPackageWeight } from './remembered-weight';

/**
 * After a reload, the order open at the pack screen opens again, scans and all, if it is still
 * this station's to pack; with the weight typed for its package (remembered-weight.ts).
 */
export function rememberOpenOrders(rt: Pick<StationRuntime, 'db' | 'stationId'>, storage: TabStorage | null = tabStorage()) {
  const weight = rememberPackageWeight(rt.stationId, storage);
  const order = rememberOpen(
    {
      key: `dockside.open-order.${rt.stationId}`,
      openId: (s) => s.openFulfillmentOrderId,
      open: (id) => {
        useStation.getState().openOrder(id);
        weight.restore(id);
      },
      async mayReopen(id) {
        const stored = await loadOrder(rt.db, id);
        const doc = stored && viewOf(stored.doc, stored.events, rt.stationId).doc;
        return !!doc && doc.status === 'in_progress' && isHeldBy(doc, rt.stationId);
      },
    },
    storage,
  );
  return {
    reopened: order.reopened,
    stop: () => {
      order.stop();
      weight.stop();
    },
  };
}

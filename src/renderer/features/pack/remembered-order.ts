import { isHeldBy } from '../../../shared/sync/fulfillment-lease';
import { rememberOpen, tabStorage, type TabStorage } from '../../app/remembered-open';
import type { StationRuntime } from '../../app/station-runtime';
import { useStation } from '../../app/station-store';
import { loadOrder, viewOf } from './fulfillment-view';
import { mayOpenAgainHere } from './order-screen';
import { rememberPackageWeight } from './remembered-weight';

/**
 * After a reload, the order open at the pack screen opens again, scans and all, if it is still
 * this station's to pack and no other screen has it open; with the weight typed for its package (remembered-weight.ts).
 */
export function rememberOpenOrders(rt: Pick<StationRuntime, 'db' | 'stationId' | 'client'>, storage: TabStorage | null = tabStorage()) {
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
        if (!doc || doc.status !== 'in_progress' || !isHeldBy(doc, rt.stationId)) return false;
        // Not if another screen has it open now: a tab brought back after its person moved the order (Pack it here instead).
        return mayOpenAgainHere(rt, doc);
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

import { isHeldBy } from '../../../shared/sync/fulfillment-lease';
import type { StationRuntime } from '../../app/station-runtime';
import { useStation } from '../../app/station-store';
import { loadOrder, viewOf } from './fulfillment-view';

type TabStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
const tabStorage = (): TabStorage | null => (typeof sessionStorage === 'undefined' ? null : sessionStorage);

/**
 * The order open at the pack screen, kept for this tab (sessionStorage: each tab is its own
 * device), so a packer who reloads a frozen screen lands back on the order, scans and all.
 */
export function rememberOpenOrders(rt: Pick<StationRuntime, 'db' | 'stationId'>, storage: TabStorage | null = tabStorage()) {
  const key = `dockside.open-order.${rt.stationId}`;
  const unsubscribe = useStation.subscribe((s, before) => {
    if (s.openFulfillmentOrderId === before.openFulfillmentOrderId) return;
    if (s.openFulfillmentOrderId) storage?.setItem(key, s.openFulfillmentOrderId);
    else storage?.removeItem(key);
  });

  /** Opens the remembered order again (at once), if nothing is open and it is still this station's to pack. */
  async function reopen(): Promise<void> {
    const id = storage?.getItem(key);
    if (!id || useStation.getState().openFulfillmentOrderId) return;
    const stored = await loadOrder(rt.db, id);
    const doc = stored && viewOf(stored.doc, stored.events, rt.stationId).doc;
    if (doc && doc.status === 'in_progress' && isHeldBy(doc, rt.stationId) && !useStation.getState().openFulfillmentOrderId)
      useStation.getState().openOrder(id);
  }

  // A failed read leaves the order closed: the packer scans it again.
  return { reopened: reopen().catch(() => undefined), stop: unsubscribe };
}

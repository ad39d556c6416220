import type { TabStorage } from '../../app/remembered-open';
import { useStation, type StationState } from '../../app/station-store';

/** What the tab keeps of the weight typed for the open order's next package. */
interface KeptWeight {
  orderId: string;
  grams: number | null;
  unreadable: string | null;
}

const typedWeight = (s: StationState) => s.packageWeightGrams !== null || s.packageWeightUnreadable !== null;

/**
 * The package weight typed for the open order, kept for this tab beside the order itself
 * (remembered-order.ts), so a reload of the pack screen does not ship the package unweighed: when
 * the order opens again after the reload, its weight is back in the field (`restore`). Gone with
 * the weight: the package made with it (ship-flow.ts), another order opened, the order closed
 * (the store clears the weight with each), or the field cleared; and when another order opens.
 */
export function rememberPackageWeight(stationId: string, storage: TabStorage | null) {
  const key = `dockside.package-weight.${stationId}`;
  const kept = (): KeptWeight | null => {
    try {
      return JSON.parse(storage?.getItem(key) ?? 'null') as KeptWeight | null;
    } catch {
      return null;
    }
  };
  const stop = useStation.subscribe((s, before) => {
    const orderId = s.openFulfillmentOrderId;
    const weightChanged =
      s.packageWeightGrams !== before.packageWeightGrams || s.packageWeightUnreadable !== before.packageWeightUnreadable;
    if (weightChanged && orderId && typedWeight(s)) {
      const weight: KeptWeight = { orderId, grams: s.packageWeightGrams, unreadable: s.packageWeightUnreadable };
      storage?.setItem(key, JSON.stringify(weight));
    } else if (weightChanged || (orderId !== before.openFulfillmentOrderId && orderId && kept()?.orderId !== orderId)) {
      storage?.removeItem(key);
    }
  });
  return {
    /** Puts back the weight kept for `orderId`, just opened again after a reload, unless one is typed already. */
    restore(orderId: string): void {
      const weight = kept();
      const s = useStation.getState();
      if (weight?.orderId === orderId && s.openFulfillmentOrderId === orderId && !typedWeight(s))
        s.setPackageWeight(weight.grams, weight.unreadable);
    },
    stop,
  };
}

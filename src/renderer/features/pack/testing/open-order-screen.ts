import { foldStationView, type StationView } from '../../../../shared/sync/fold-view';
import type { FulfillmentDocument } from '../../../../shared/sync/fulfillment-document';
import { STATION } from '../../../../shared/sync/testing/fulfillment-fixtures';
import type { OpenOrderView } from '../open-order-view';

/** An open-order view a test drives by hand: `show` puts a document (or nothing) on the screen, as this station sees it. */
export function openOrderScreen() {
  const listeners = new Set<() => void>();
  let snap: { id: string | null; view: StationView | null } = { id: null, view: null };
  const openView = {
    subscribe: (l: () => void) => (listeners.add(l), () => void listeners.delete(l)),
    snapshot: () => snap,
  } as unknown as OpenOrderView;
  const show = (doc: FulfillmentDocument | null) => {
    snap = doc ? { id: doc.id, view: foldStationView(doc, [], STATION) } : { id: null, view: null };
    listeners.forEach((l) => l());
  };
  return { openView, show };
}

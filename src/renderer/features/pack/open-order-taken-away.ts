import { holdReasonsText } from '../../../shared/domain/fulfillment-status';
import { holderOf, isHeldBy } from '../../../shared/sync/fulfillment-lease';
import type { FulfillmentDocument } from '../../../shared/sync/fulfillment-document';
import { orderEnded } from '../../../shared/sync/package-moves';
import { useStation } from '../../app/station-store';
import { howItEnded } from './ended-orders';
import type { OpenOrderView } from './open-order-view';

/**
 * What the packer is told when the order open on the screen stops being this station's to pack
 * (a supervisor moved it, took it back to the pool or held it; it was cancelled), or null when it
 * is still this station's (or it shipped here). Said as it happens, not at the next scan.
 */
export function takenAwayMessage(doc: FulfillmentDocument, stationId: string): string | null {
  if (orderEnded(doc)) {
    const gone = howItEnded(doc);
    return doc.packages.some((p) => p.status === 'packing')
      ? `${doc.orderNumber} ${gone}: unpack its box (Unpack… below) and put the items back`
      : `${doc.orderNumber} ${gone}: do not pack it, put its items back`;
  }
  if (doc.status === 'on_hold') return `${doc.orderNumber} was put on hold (${holdReasonsText(doc.holds) || 'supervisor'}): put it aside`;
  if (isHeldBy(doc, stationId) || doc.status === 'closed') return null;
  const holder = holderOf(doc);
  // Whoever packs it next scans every unit again, so the ones scanned here go back.
  if (holder) return `${doc.orderNumber} was moved to ${holder.stationName ?? 'another station'}: put back any items you scanned for it`;
  // Back in the pool, or seen on its way to another station: either way not this station's now.
  if (doc.status === 'open') return `${doc.orderNumber} is no longer held by this station: put back any items you scanned for it`;
  return null;
}

/**
 * Watches the open order: once it has been held here, a change that takes it away is said with
 * the error sound, and the order is closed on the screen (kept open when a box must be unpacked).
 * Where it went is read from the server's copy (`stored`): the view folds this station's own
 * events over it, which can show a moved order as back in the pool. Answers the unsubscribe.
 */
export function watchOpenOrderTakenAway(
  openView: OpenOrderView,
  stationId: string,
  stored: (id: string) => Promise<FulfillmentDocument | null>,
): () => void {
  let heldHere: string | null = null;
  return openView.subscribe(() => {
    const { id, view } = openView.snapshot();
    if (!id || !view || id !== useStation.getState().openFulfillmentOrderId) return;
    if (isHeldBy(view.doc, stationId) && view.doc.status === 'in_progress') {
      heldHere = id;
      return;
    }
    if (heldHere !== id) return;
    heldHere = null;
    // Shipped here: this station's own events closed it, and the stored copy may not have been
    // pulled since the claim (an open, unclaimed copy then is older news, not a move).
    if (view.doc.status === 'closed') return;
    void stored(id).then((server) => {
      const doc = server ?? view.doc;
      const message = takenAwayMessage(doc, stationId);
      const state = useStation.getState();
      if (!message || state.openFulfillmentOrderId !== id) return;
      if (!(orderEnded(doc) && doc.packages.some((p) => p.status === 'packing'))) state.openOrder(null);
      // An error about this order still waiting for its OK (main's "Label voided: …") says it already.
      if (state.message?.needsAck && state.message.text.includes(doc.orderNumber)) return;
      state.say('error', message);
    });
  });
}

import { holdReasonsText } from '../../../shared/domain/fulfillment-status';
import type { FulfillmentDocument } from '../../../shared/sync/fulfillment-document';
import type { StationRuntime } from '../../app/station-runtime';
import { useStation } from '../../app/station-store';
import { claimRecorded, takeForPacking } from './assigned-work';
import { offerAfter } from './take-here-offer';

/**
 * Opens an order at this screen only if no other screen of the station has it open (main's
 * order-screens.ts): two screens would each count its units in their own copy. Refused, the
 * packer hears where it is open, with the error sound; open at their own other screen, which is
 * gone, they are offered to pack it here instead (take-here-offer.ts). A main that does not answer opens it
 * (this screen could not print either, and Ship asks main again).
 */
export async function openAtThisScreen(rt: StationRuntime, doc: FulfillmentDocument): Promise<boolean> {
  const order = { fulfillmentOrderId: doc.id, orderNumber: doc.orderNumber };
  const outcome = await rt.client.call('screens.open-order', order).catch(() => ({ granted: true }) as const);
  if (!outcome.granted) useStation.getState().say('error', outcome.message);
  offerAfter(outcome, order);
  return outcome.granted;
}

/**
 * Whether main lets this screen open the order again after a reload, asked quietly (nothing was
 * scanned): main that does not answer lets it, as openAtThisScreen does.
 */
export async function mayOpenAgainHere(rt: Pick<StationRuntime, 'client'>, doc: FulfillmentDocument): Promise<boolean> {
  const outcome = await rt.client
    .call('screens.open-order', { fulfillmentOrderId: doc.id, orderNumber: doc.orderNumber })
    .catch(() => ({ granted: true }) as const);
  return outcome.granted;
}

/** A scanned order on hold is not opened: said to the packer (true). */
export function onHoldSaid(doc: FulfillmentDocument): boolean {
  if (doc.status !== 'on_hold') return false;
  useStation.getState().say('error', `${doc.orderNumber} is on hold (${holdReasonsText(doc.holds) || 'supervisor'}): put it aside`);
  return true;
}

/** Tells main when this screen leaves an order (shipped it, opened another, or closed it), so another screen may open it. */
export function closeOrdersLeft(rt: StationRuntime): () => void {
  return useStation.subscribe((s, before) => {
    const left = before.openFulfillmentOrderId;
    if (left && left !== s.openFulfillmentOrderId)
      void rt.client
        .call('screens.close-order', { fulfillmentOrderId: left })
        .catch(() => undefined /* it frees when the person signs out */);
  });
}

/**
 * What taking the order asks, all at once: the server (or this station's own hold) whether it may
 * take it, whether its claim is recorded here already, and main whether another screen has it open
 * (that answer is said by itself). Asked side by side, main's adds no wait to opening an order.
 */
export function askToTake(rt: StationRuntime, doc: FulfillmentDocument, parcel: string | null) {
  return Promise.all([takeForPacking(rt, doc, parcel), claimRecorded(rt, doc.id), openAtThisScreen(rt, doc)]);
}

import { holdReasonsText } from '../../../shared/domain/fulfillment-status';
import type { FulfillmentDocument } from '../../../shared/sync/fulfillment-document';
import type { StationRuntime } from '../../app/station-runtime';
import { useStation } from '../../app/station-store';

/**
 * Opens an order at this screen only if no other screen of the station has it open (main's
 * order-screens.ts): two screens would each count its units in their own copy. Refused, the
 * packer hears where it is open, with the error sound. A main that does not answer opens it
 * (this screen could not print either, and Ship asks main again).
 */
export async function openAtThisScreen(rt: StationRuntime, doc: FulfillmentDocument): Promise<boolean> {
  const outcome = await rt.client
    .call('screens.open-order', { fulfillmentOrderId: doc.id, orderNumber: doc.orderNumber })
    .catch(() => ({ granted: true }) as const);
  if (!outcome.granted) useStation.getState().say('error', outcome.message);
  return outcome.granted;
}

/** A scanned order that is not to be opened here (on hold, or open at another screen), said to the packer: true. */
export async function notToOpenHere(rt: StationRuntime, doc: FulfillmentDocument): Promise<boolean> {
  if (doc.status === 'on_hold')
    return (
      useStation.getState().say('error', `${doc.orderNumber} is on hold (${holdReasonsText(doc.holds) || 'supervisor'}): put it aside`),
      true
    );
  return !(await openAtThisScreen(rt, doc));
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

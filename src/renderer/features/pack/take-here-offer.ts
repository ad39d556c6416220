import { create } from 'zustand';
import type { OpenOnScreenOutcome } from '../../../shared/contract/index';
import type { StationRuntime } from '../../app/station-runtime';
import { useStation } from '../../app/station-store';
import { StationCallError } from '../../station-client/index';

/** An order this person has open at another screen of theirs that is not connected now. */
export interface TakeHereOffer {
  fulfillmentOrderId: string;
  orderNumber: string;
}

/**
 * "Pack it here instead", offered beside the refusal when the order is open at the person's own
 * other screen and that screen is gone (main's order-screens.ts decides): a flat battery, a
 * closed browser. Nobody else is offered it; a supervisor signs someone else's screen out.
 */
export const useTakeHereOffer = create<{ offer: TakeHereOffer | null }>(() => ({ offer: null }));

/** What "Pack it here instead" does, said before the packer confirms it. */
export function takeHereWords(orderNumber: string): string {
  return (
    `Pack ${orderNumber} here instead? You are signed out at your other screen, and the order opens here with ` +
    'the scans of it that reached the server. Scans that screen had not sent stay on it: if Dockside opens there ' +
    'again they are sent then, counted on the order if they still fit it, or given to a supervisor as a conflict ' +
    '(the order has shipped, or more units are scanned than it needs).'
  );
}

/** Main's answer to opening an order here: a refusal that allows it leaves the offer; anything else clears it. */
export function offerAfter(outcome: OpenOnScreenOutcome, order: TakeHereOffer): void {
  const offer =
    !outcome.granted && outcome.mayTakeHere ? { fulfillmentOrderId: order.fulfillmentOrderId, orderNumber: order.orderNumber } : null;
  useTakeHereOffer.setState({ offer });
}

/**
 * The packer confirmed: main signs them out at their gone screen and opens the order here, then it
 * opens as a scan of its number does (`openByNumber`: the usual checks, and "Opened …"). Refused
 * (that screen came back meanwhile, say), the packer hears why.
 */
export async function packHereInstead(
  rt: Pick<StationRuntime, 'client'>,
  openByNumber: (orderNumber: string) => Promise<void>,
): Promise<void> {
  const offer = useTakeHereOffer.getState().offer;
  if (!offer) return;
  useTakeHereOffer.setState({ offer: null });
  let outcome: OpenOnScreenOutcome;
  try {
    outcome = await rt.client.call('screens.take-order-here', offer);
  } catch (err) {
    const why = err instanceof StationCallError ? err.message : String(err);
    return useStation.getState().say('error', `${offer.orderNumber} was not moved here: the station did not answer (${why}). Try again.`);
  }
  if (!outcome.granted) {
    offerAfter(outcome, offer);
    return useStation.getState().say('error', outcome.message);
  }
  // The refusal that offered this has its answer: the order number opens now.
  if (useStation.getState().message?.needsAck) useStation.getState().acknowledge();
  await openByNumber(offer.orderNumber);
}

/**
 * The offer goes once its order is open here, or the person signed in here changes. (The next
 * order asked for replaces it: offerAfter.)
 */
export function dropOfferOnChange(): () => void {
  return useStation.subscribe((s, before) => {
    const offered = useTakeHereOffer.getState().offer;
    const openHere = offered && s.openFulfillmentOrderId === offered.fulfillmentOrderId;
    if (openHere || s.people?.signedIn?.id !== before.people?.signedIn?.id) useTakeHereOffer.setState({ offer: null });
  });
}

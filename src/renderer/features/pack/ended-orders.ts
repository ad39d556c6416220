import type { FulfillmentDocument } from '../../../shared/sync/fulfillment-document';
import type { StationRuntime } from '../../app/station-runtime';
import { useStation } from '../../app/station-store';

const say = (...args: Parameters<ReturnType<typeof useStation.getState>['say']>) => useStation.getState().say(...args);

// The rule is the shared fold's: the station and the server agree on which orders ship nothing.
export { orderEnded } from '../../../shared/sync/package-moves';

/** How an order that ended left this station, in words: "was cancelled", "was moved to another warehouse". */
export function howItEnded(doc: Pick<FulfillmentDocument, 'status'>): string {
  return doc.status === 'cancelled' ? 'was cancelled' : 'was moved to another warehouse';
}

/**
 * The packer scanned an order that ended. A box packed for it before it ended is opened, to be
 * unpacked (its label was voided by main: voidForPulledOrders); otherwise it is not packed at all.
 */
export function scannedEndedOrder(doc: FulfillmentDocument, follow: () => void): true {
  const gone = howItEnded(doc);
  if (!doc.packages.some((p) => p.status === 'packing')) return (say('error', `${doc.orderNumber} ${gone}: do not pack it`), true);
  follow();
  useStation.getState().openOrder(doc.id);
  say('error', `${doc.orderNumber} ${gone}: unpack its box (Unpack… below) and put the items back`);
  return true;
}

/** Main voids a waiting label whose order was cancelled, moved or held: the packer hears it, and what to do, at once. Answers the unlisten. */
export function sayVoidedLabels(rt: StationRuntime): () => void {
  return rt.client.listen('printing.job-updated', (job) => {
    if (job.state === 'voided' && job.voidReason && job.purpose?.kind === 'ship-package') say('error', `Label voided: ${job.voidReason}.`);
  });
}

import { isReturnEvent, type FulfillmentStationEvent, type StationEvent } from '../events/station-events';
import type { FulfillmentDocument } from './fulfillment-document';
import { applyStationEvent } from './fulfillment-reducer';

export interface StationView {
  doc: FulfillmentDocument;
  /** Events of this station the server has not reflected yet, in seq order. */
  pending: FulfillmentStationEvent[];
  /** Pending events that no longer fit the document; the server will record them as conflicted. */
  refused: { event: FulfillmentStationEvent; code: string; message: string }[];
  /**
   * How many pending events the server has not acknowledged: the changes not yet on the server.
   * The others it has, in a version of the document not pulled here yet.
   */
  unsent: number;
}

/**
 * The station's view of a fulfillment order: the server document plus this station's events the
 * server has not yet reflected, folded in seq order. An event not yet acknowledged is never in
 * the document; an acknowledged one is once the document's appliedSeq[stationId] (the highest seq
 * of this station the server applied) reaches it. Several devices of one station draw seqs from
 * one counter in blocks, so one device's event can be applied after another's higher seq: the
 * seq alone does not say whether an event is reflected. `notHeld` names the events the document
 * cannot hold yet whatever their seq (pending, or acknowledged in a later version of it).
 */
export function foldStationView(
  serverDoc: FulfillmentDocument,
  events: readonly StationEvent[],
  stationId: string,
  notHeld: (e: StationEvent) => boolean = () => false,
  acknowledged: (e: StationEvent) => boolean = () => false,
): StationView {
  const applied = serverDoc.appliedSeq[stationId] ?? 0;
  const pending = events
    .filter(
      (e): e is FulfillmentStationEvent =>
        !isReturnEvent(e) && e.stationId === stationId && e.fulfillmentOrderId === serverDoc.id && (e.seq > applied || notHeld(e)),
    )
    .sort((a, b) => a.seq - b.seq);
  let doc = serverDoc;
  const refused: StationView['refused'] = [];
  for (const event of pending) {
    const r = applyStationEvent(doc, event);
    if (r.ok) doc = r.doc;
    else refused.push({ event, code: r.code, message: r.message });
  }
  return { doc, pending, refused, unsent: pending.filter((e) => !acknowledged(e)).length };
}

import type { ReturnStationEvent } from '../events/station-events';
import type { ReturnStationDocument } from './return-document';
import { applyReturnEvent } from './return-reducer';

export interface ReturnStationView {
  doc: ReturnStationDocument;
  /** Events of this station the server has not reflected yet, in seq order. */
  pending: ReturnStationEvent[];
  /** Pending events that no longer fit the return; the server will record them as conflicted. */
  refused: { event: ReturnStationEvent; code: string; message: string }[];
  /**
   * How many pending events the server has not acknowledged: the changes not yet on the server.
   * The others it has, in a version of the document not pulled here yet.
   */
  unsent: number;
}

/**
 * The station's view of a return: the server document plus this station's returns-desk events
 * the server has not reflected yet, folded in seq order (which those are: fold-view.ts).
 */
export function foldReturnView(
  serverDoc: ReturnStationDocument,
  events: readonly ReturnStationEvent[],
  stationId: string,
  notHeld: (e: ReturnStationEvent) => boolean = () => false,
  acknowledged: (e: ReturnStationEvent) => boolean = () => false,
): ReturnStationView {
  const applied = serverDoc.appliedSeq[stationId] ?? 0;
  // Events the document cannot hold yet are folded in, whatever their seq (see fold-view.ts).
  const pending = events
    .filter((e) => e.stationId === stationId && e.returnId === serverDoc.id && (e.seq > applied || notHeld(e)))
    .sort((a, b) => a.seq - b.seq);
  let doc = serverDoc;
  const refused: ReturnStationView['refused'] = [];
  for (const event of pending) {
    const r = applyReturnEvent(doc, event);
    if (r.ok) doc = r.doc;
    else refused.push({ event, code: r.code, message: r.message });
  }
  return { doc, pending, refused, unsent: pending.filter((e) => !acknowledged(e)).length };
}

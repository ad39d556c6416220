import { foldStationView, type StationView } from '../../../shared/sync/fold-view';
import { unitsToPack, type FulfillmentDocument, type PackageContent } from '../../../shared/sync/fulfillment-document';
import type { StationDatabase } from '../../db/station-database';
import { toEvent } from '../../db/sync-outbox';
import type { OutboxDocument } from '../../db/schemas';

/** Server document + this station's events it has not reflected yet, folded with the shared reducer. */
export function viewOf(doc: FulfillmentDocument, outbox: readonly OutboxDocument[], stationId: string): StationView {
  const events = outbox.filter(countsInView).map(toEvent);
  return foldStationView(doc, events, stationId, notHeldBy(doc.version, outbox), acknowledgedIn(outbox));
}

/**
 * Which of these events a stored copy at `version` cannot hold yet, whatever its appliedSeq says:
 * those still pending, and those the server answered with a later version of the document (it
 * acknowledged them, but the copy pulled here is older). Another device's higher seq can pass
 * this device's event in the document's appliedSeq before the event is in it.
 */
export function notHeldBy(version: number, outbox: readonly OutboxDocument[]): (e: { id: string }) => boolean {
  const ids = new Set(outbox.filter((e) => e.state === 'pending' || (e.reflectedInVersion ?? 0) > version).map((e) => e.id));
  return (e) => ids.has(e.id);
}

/** Which of these events the server has answered: on the server, whether or not the copy here holds them yet. */
export function acknowledgedIn(outbox: readonly OutboxDocument[]): (e: { id: string }) => boolean {
  const ids = new Set(outbox.filter((e) => e.state !== 'pending').map((e) => e.id));
  return (e) => ids.has(e.id);
}

/**
 * Pending and applied events shape the view. So does work the server applied but flagged for a
 * supervisor because of who did it (actor_not_authorized): the parcel still left.
 */
export function countsInView(e: OutboxDocument): boolean {
  return e.state === 'pending' || e.state === 'applied' || (e.state === 'conflicted' && e.outcomeCode === 'actor_not_authorized');
}

/** An order as stored here: the server document and this station's events for it. */
export interface StoredOrder {
  doc: FulfillmentDocument;
  /** The stored document's revision. */
  revision?: string;
  events: OutboxDocument[];
}

export async function loadOrder(db: StationDatabase, fulfillmentOrderId: string): Promise<StoredOrder | null> {
  const doc = await db.fulfillment_orders.findOne(fulfillmentOrderId).exec();
  return doc && withEvents(db, doc);
}

/** An order document already read, with this station's events for it: one read, not two. */
export async function withEvents(
  db: StationDatabase,
  doc: { id: string; revision: string; toMutableJSON(): unknown },
): Promise<StoredOrder> {
  const events = await db.outbox.find({ selector: { subjectId: doc.id }, sort: [{ seq: 'asc' }] }).exec();
  return {
    doc: doc.toMutableJSON() as FulfillmentDocument,
    revision: doc.revision,
    events: events.map((e) => e.toMutableJSON() as OutboxDocument),
  };
}

export async function loadView(db: StationDatabase, stationId: string, fulfillmentOrderId: string): Promise<StationView | null> {
  const stored = await loadOrder(db, fulfillmentOrderId);
  return stored && viewOf(stored.doc, stored.events, stationId);
}

/**
 * What the next package holds: each line's scanned, unpacked units, no more than the order still
 * wants (units cancelled after their scan go back), with their lots or serials where all of them have one.
 */
export function unpackedVerified(doc: FulfillmentDocument): PackageContent[] {
  return doc.lines
    .filter((l) => unitsToPack(l) > 0)
    .map((l) => {
      const quantity = unitsToPack(l);
      const units = l.captured ?? [];
      const tracked = units.length > 0 && units.reduce((n, u) => n + u.quantity, 0) === quantity;
      return tracked ? { lineId: l.lineId, quantity, units } : { lineId: l.lineId, quantity };
    });
}

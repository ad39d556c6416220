import { combineLatest, map, type Observable } from 'rxjs';
import type { MangoQuerySelector, RxDocument } from 'rxdb/plugins/core';
import type { FulfillmentDocument } from '../../../shared/sync/fulfillment-document';
import type { StationDatabase } from '../../db/station-database';
import { countByStatus, listByStatus } from '../../db/by-status';
import type { ShippedHere } from './shipped-here';
import { plural } from '../../../shared/words/plural';

/**
 * The pack screen's queue. "To pack here" counts what this station can pack: orders open in the
 * pool, and orders in progress that no other station holds (held here, or by nobody). Orders held
 * at another station are listed after them, read-only ("at Pack 2"), and never counted: a packer
 * reads the number as their own work. Same rule as the holder column (holderText, assigned-work.ts).
 */
export interface PackQueueCounts {
  packable: number;
  heldElsewhere: number;
}

type Selector = MangoQuerySelector<FulfillmentDocument>;
const notElsewhere = (stationId: string): Selector => ({ claimedBy: { $in: [stationId, null] } });
const elsewhere = (stationId: string): Selector => ({ claimedBy: { $nin: [stationId, null] } });

export function packQueueCounts(db: StationDatabase, stationId: string): Observable<PackQueueCounts> {
  const orders = db.fulfillment_orders;
  return combineLatest([
    countByStatus(orders, ['open']),
    countByStatus(orders, ['in_progress'], notElsewhere(stationId)),
    countByStatus(orders, ['in_progress'], elsewhere(stationId)),
  ]).pipe(map(([open, inProgress, heldElsewhere]) => ({ packable: open + inProgress, heldElsewhere })));
}

/** The first `limit` rows: what this station can pack (in progress first, then open, each oldest first), then what other stations hold. */
export function packQueueList(db: StationDatabase, stationId: string, limit: number): Observable<RxDocument<FulfillmentDocument>[]> {
  const orders = db.fulfillment_orders;
  return combineLatest([
    listByStatus(orders, ['in_progress'], limit, notElsewhere(stationId)),
    listByStatus(orders, ['open'], limit),
    listByStatus(orders, ['in_progress'], limit, elsewhere(stationId)),
  ]).pipe(map((lists) => lists.flat().slice(0, limit)));
}

/** The packable count, less the orders this station shipped whose stored copies still count among them (shipped-here.ts). */
export function packableLessShippedHere(packable: number, shipped: readonly ShippedHere[], stationId: string): number {
  const counted = ({ stored }: ShippedHere) =>
    stored.status === 'open' || (stored.status === 'in_progress' && (stored.claimedBy === null || stored.claimedBy === stationId));
  return packable - shipped.filter(counted).length;
}

/** The count's heading: "here" once other stations' orders are listed too, so nobody reads theirs into it. */
export function queueHeading(counts: PackQueueCounts): string {
  return counts.heldElsewhere > 0 ? 'To pack here' : 'To pack';
}

/** Under the heading, while other stations' orders are listed: what they are, and that the number leaves them out. */
export function heldElsewhereNote(counts: PackQueueCounts): string | null {
  return counts.heldElsewhere > 0 ? `Also listed, not counted: ${plural(counts.heldElsewhere, 'order')} held at other stations` : null;
}

import type { FulfillmentLease } from '../../shared/sync/fulfillment-document';
import type { Queryable } from '../db/database';
import { toInt } from '../db/database';
import { isReturnEvent, type FulfillmentStationEvent } from '../../shared/events/station-events';
import type { FulfillmentDocument } from '../../shared/sync/fulfillment-document';
import { loadFulfillmentOrdersForUpdate } from '../fulfillment/fulfillment-store';
import type { ReadableItem } from './push-intake';
import { loadActorUsers, type ActorUser } from './push-actors';
import { findPackedSerials, type PackedSerial } from '../lots/packed-unit-store';
import { serialsPackedBy } from './push-serials';

export interface PushingStation {
  id: string;
  warehouseId: string;
  /** The terms a claim of an order in the pool is granted on (see src/server/leases). */
  lease?: FulfillmentLease;
}

/** A timeline row a pushed event may match: this station's record of it, or another owner of its id. */
export interface SeenRow {
  id: string;
  station_id: string | null;
  station_seq: number | null;
  outcome: 'applied' | 'conflicted' | 'rejected';
  outcome_code: string | null;
  outcome_message: string | null;
}

/**
 * What classifying a batch reads, loaded in a fixed number of statements. The maps are the
 * batch's working state: the effects accumulator (push-effects.ts) adds to `seenBySeq`/`seenById`
 * what it records and replaces `docs` entries as events fold in, so a later event of the same
 * batch sees an earlier one exactly as it would in the database.
 */
export interface PushState {
  station: PushingStation & { name: string };
  /** This station's recorded events by seq and by (lower-case) id. */
  seenBySeq: Map<number, SeenRow>;
  seenById: Map<string, SeenRow>;
  /** Ids (lower-case) the timeline already holds for something else than this station's events. */
  takenIds: Set<string>;
  /** The fulfillment orders the batch's fresh events name, locked, as the batch has left them so far. */
  docs: Map<string, FulfillmentDocument>;
  users: ReadonlyMap<string, ActorUser>;
  /** Serials the batch's packages hold that are packed already (lots/packed-unit-store.ts serialKey), and those the batch packs. */
  packedSerials: Map<string, PackedSerial>;
}

/**
 * Takes the station's row lock first: a station's pushes run one at a time, so a batch that
 * arrives twice at once (a retry racing its original) is answered from the first one's record
 * instead of both inserting the same events. Stations never wait for each other.
 */
export async function loadPushState(tx: Queryable, station: PushingStation, items: readonly ReadableItem[]): Promise<PushState> {
  const [row] = await tx.query<{ name: string }>('select name from stations where id = $1 for update', [station.id]);
  const own = items.filter((i) => i.kind !== 'foreign');
  const rows = own.length
    ? await tx.query<SeenRow>(
        `select id, station_id, station_seq, outcome, outcome_code, outcome_message from timeline_events
          where (station_id = $1 and station_seq = any($2::bigint[])) or id = any($3::uuid[])`,
        [station.id, own.map((i) => i.seq), own.map((i) => i.id)],
      )
    : [];
  const seenBySeq = new Map<number, SeenRow>();
  const seenById = new Map<string, SeenRow>();
  const takenIds = new Set<string>();
  for (const r of rows) {
    const seen = { ...r, station_seq: r.station_seq === null ? null : toInt(r.station_seq) };
    // Only this station's pushed events count as seen; any other row with the id owns it.
    if (seen.station_id === station.id && seen.station_seq !== null) {
      seenBySeq.set(seen.station_seq, seen);
      seenById.set(seen.id.toLowerCase(), seen);
    } else takenIds.add(seen.id.toLowerCase());
  }
  const fresh = own.flatMap((i) => (i.kind === 'event' && !seenBySeq.has(i.seq) && !seenById.has(i.id.toLowerCase()) ? [i.event] : []));
  const docs = await loadFulfillmentOrdersForUpdate(
    tx,
    fresh.filter((e): e is FulfillmentStationEvent => !isReturnEvent(e)).map((e) => e.fulfillmentOrderId),
  );
  const users = await loadActorUsers(tx, fresh);
  const packedSerials = await findPackedSerials(
    tx,
    fresh.flatMap((e) => (isReturnEvent(e) ? [] : serialsPackedBy(e, docs.get(e.fulfillmentOrderId)))),
  );
  return { station: { ...station, name: row?.name ?? station.id }, seenBySeq, seenById, takenIds, docs, users, packedSerials };
}

import { filter, firstValueFrom, timeout } from 'rxjs';
import { holderOf, isHeldBy, offlineRefusal, type LeaseRefusal } from '../../../shared/sync/fulfillment-lease';
import type { FulfillmentDocument } from '../../../shared/sync/fulfillment-document';
import type { StationRuntime } from '../../app/station-runtime';
import { useStation } from '../../app/station-store';
import { StationCallError } from '../../station-client/index';
import { unsettledParcelMessage } from './unsettled-parcel';

/**
 * Assigned work at the pack screen. Before an order's first scan is recorded this station must
 * hold it: online the server gives it to exactly one station (and says who has it otherwise);
 * offline, or online for an order it holds already, the station works only on what it holds (see offlineRefusal).
 */
export async function takeForPacking(
  rt: StationRuntime,
  doc: FulfillmentDocument,
  unsettledParcel: string | null = null,
): Promise<LeaseRefusal | null> {
  // A parcel shipped from here offline and held by the server as a conflict: the server decides (unsettled-parcel.ts).
  if (heldHereNow(doc, rt.stationId) && !unsettledParcel) return null;
  if (useStation.getState().sync.connection.online) {
    try {
      const outcome = await rt.client.call('leases.claim', { fulfillmentOrderId: doc.id });
      return outcome.granted ? null : { code: outcome.code, message: outcome.message };
    } catch (err) {
      const code = err instanceof StationCallError ? err.code : 'claim_failed';
      if (code !== 'server_unreachable') return { code, message: `${doc.orderNumber} could not be taken: ${(err as Error).message}` };
      // The server went away since the last contact: what holds offline holds now.
    }
  }
  if (unsettledParcel) return { code: 'fulfillment_order_parcel_unsettled', message: unsettledParcelMessage(doc, unsettledParcel) };
  const refusal = offlineRefusal(doc, rt.stationId, new Date().toISOString());
  // What the station knew when it refused: the trace of a refused scan says why.
  if (refusal)
    console.info('offline refusal', refusal.code, {
      id: doc.id,
      status: doc.status,
      claimedBy: doc.claimedBy,
      lease: doc.lease,
      version: doc.version,
    });
  return refusal;
}

/**
 * Held by this station on a lease still running: the server gave it to this station already, so
 * there is nothing to ask it (and a server that hangs must not stall the packer for its timeout).
 */
export function heldHereNow(doc: FulfillmentDocument, stationId: string): boolean {
  return offlineRefusal(doc, stationId, new Date().toISOString()) === null;
}

/** Whether this station already recorded that it started on the order (its claim event). */
export async function claimRecorded(rt: StationRuntime, fulfillmentOrderId: string): Promise<boolean> {
  return (await rt.db.outbox.count({ selector: { subjectId: fulfillmentOrderId, type: 'fulfillment-order-claimed' } }).exec()) > 0;
}

/** How long a take waits for its orders to arrive here before saying they are still on their way. */
export const TAKE_ARRIVAL_MS = 20_000;

/**
 * Takes up to `count` orders from the pool, oldest first, so the station can pack them offline.
 * "Took" is said once this station's own copies show them held here: the server's answer alone
 * is not enough, since a packer who unplugs the station after it would find orders it cannot
 * pack offline (they would still read as open, in the pool).
 */
export async function takeOrdersAhead(rt: StationRuntime, count: number, arrivalMs = TAKE_ARRIVAL_MS): Promise<void> {
  const { say } = useStation.getState();
  try {
    const { taken, held } = await rt.client.call('leases.take', { count });
    if (!taken.length) return say('info', `No orders left to take: this station holds ${held}.`);
    const numbers = taken.map((t) => t.orderNumber).join(', ');
    const took = `Took ${taken.length} ${taken.length === 1 ? 'order' : 'orders'}: ${numbers}.`;
    rt.pull();
    if (
      await untilHeldHere(
        rt,
        taken.map((t) => t.fulfillmentOrderId),
        arrivalMs,
      )
    )
      say('success', `${took} This station holds ${held}.`, 'success');
    else say('info', `${took} They are still downloading: wait until they show "held here" before packing offline.`);
  } catch (err) {
    say('error', `No orders taken: ${(err as Error).message}`);
  }
}

/** Resolves true once every one of `ids` is held by this station in the local copy, false after `timeoutMs`. */
function untilHeldHere(rt: StationRuntime, ids: string[], timeoutMs: number): Promise<boolean> {
  const allHeld = rt.db.fulfillment_orders
    .findByIds(ids)
    .$.pipe(filter((docs) => ids.every((id) => docs.has(id) && isHeldBy(docs.get(id)!.toJSON() as FulfillmentDocument, rt.stationId))));
  return firstValueFrom(allHeld.pipe(timeout(timeoutMs))).then(
    () => true,
    () => false,
  );
}

/** How the order list shows who has an order. */
export function holderText(doc: FulfillmentDocument, stationId: string): string {
  const holder = holderOf(doc);
  if (!holder) return doc.status === 'open' ? 'open' : doc.status.replace('_', ' ');
  if (holder.stationId === stationId) return doc.status === 'on_hold' ? 'held here, on hold' : 'held here';
  return `at ${holder.stationName ?? 'another station'}`;
}

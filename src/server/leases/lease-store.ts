import { toInt, type Queryable } from '../db/database';
import type { Actor } from '../../shared/events/station-events';
import type { FulfillmentDocument } from '../../shared/sync/fulfillment-document';
import { holdReasonsText } from '../../shared/domain/fulfillment-status';
import { hasLapsed, heldElsewhereMessage, holderOf, isHeldBy, leaseTerms, renewLease } from '../../shared/sync/fulfillment-lease';
import { orderStateWords } from '../../shared/words/order-words';
import { problems } from '../http/problem';
import { applyAdminChange } from '../fulfillment/apply-admin-event';
import {
  loadFulfillmentOrdersForUpdate,
  requireFulfillmentOrder,
  saveFulfillmentOrder,
  saveFulfillmentOrders,
} from '../fulfillment/fulfillment-store';
import type { LeasePolicy } from './lease-policy';
import { UNSETTLED_PARCEL_TASK, unsettledParcelTask } from '../tasks/unsettled-parcels';

/**
 * The server side of assigned work: the one place leases are granted, renewed and ended. Every
 * change goes through the shared reducer (fulfillment-admin.ts) on a locked row, so two stations
 * asking for the same order at once queue on its row lock and exactly one gets it.
 */
export interface LeaseStation {
  id: string;
  name: string;
  warehouseId: string;
}

const EXPIRY: Actor = { kind: 'system', id: 'lease-expiry', name: 'Lease expiry' };

/**
 * Gives an order to a station on fresh terms. A station taking work for itself gets only what
 * nobody holds (its own: the terms are renewed, and the timeline is left alone); a supervisor's
 * takeover takes it from whoever holds it, and that station's later work on it is a conflict.
 */
export async function assignToStation(
  tx: Queryable,
  doc: FulfillmentDocument,
  station: Pick<LeaseStation, 'id' | 'name'>,
  actor: Actor,
  options: { takeover: boolean; reason: string },
  policy: LeasePolicy,
): Promise<FulfillmentDocument> {
  const now = policy.now();
  const terms = leaseTerms(station.name, now, policy.ttlMs);
  if (isHeldBy(doc, station.id)) return saveFulfillmentOrder(tx, renewLease(doc, station.id, terms));
  const holder = holderOf(doc);
  if (holder && !options.takeover)
    throw problems.conflict('fulfillment_order_in_progress_elsewhere', heldElsewhereMessage(doc), { holder });
  return applyAdminChange(tx, doc, {
    type: 'fulfillment-order-assigned',
    payload: { stationId: station.id, stationName: station.name, expiresAt: terms.expiresAt, takeover: options.takeover },
    actor,
    stationId: station.id,
    occurredAt: now.toISOString(),
    reason: options.reason,
  });
}

/** A station takes one order to pack it now (opening it online): exactly one station wins. */
export async function claimForStation(
  tx: Queryable,
  station: LeaseStation,
  fulfillmentOrderId: string,
  actor: Actor,
  policy: LeasePolicy,
): Promise<FulfillmentDocument> {
  let doc = await requireFulfillmentOrder(tx, fulfillmentOrderId, true);
  if (doc.warehouseId !== station.warehouseId) throw problems.forbidden('this fulfillment order belongs to another warehouse');
  if (doc.status === 'on_hold')
    throw problems.conflict('fulfillment_order_on_hold', `${doc.orderNumber} is on hold (${holdReasonsText(doc.holds)}): put it aside`);
  if (doc.status !== 'open' && doc.status !== 'in_progress')
    throw problems.conflict(`fulfillment_order_${doc.status}`, `${doc.orderNumber} is ${orderStateWords(doc)}`);
  if (await unsettledParcelTask(tx, doc.id))
    throw problems.conflict(
      'fulfillment_order_parcel_unsettled',
      `${doc.orderNumber}: a station shipped a parcel of it while offline that a supervisor has not settled yet. Put it aside and call a supervisor (do not pack it again)`,
    );
  if (!isHeldBy(doc, station.id) && hasLapsed(doc, policy.now().toISOString())) doc = await endLapsedLease(tx, doc, policy);
  return assignToStation(tx, doc, station, actor, { takeover: false, reason: 'taken for packing' }, policy);
}

/** A station takes up to `count` orders from its pool, oldest first, to pack them (offline too). */
export async function takeFromPool(
  tx: Queryable,
  station: LeaseStation,
  count: number,
  actor: Actor,
  policy: LeasePolicy,
): Promise<FulfillmentDocument[]> {
  await expireLapsedLeases(tx, policy, station.warehouseId);
  // Rows another station is taking right now are skipped, not waited for: each gets different orders.
  const rows = await tx.query<{ id: string }>(
    `select id from fulfillment_orders where warehouse_id = $1 and status = 'open' and claimed_by is null
        and not exists (select 1 from tasks t where t.fulfillment_order_id = fulfillment_orders.id and ${UNSETTLED_PARCEL_TASK})
      order by created_at, id limit $2 for update skip locked`,
    [station.warehouseId, count],
  );
  const docs = await loadFulfillmentOrdersForUpdate(
    tx,
    rows.map((r) => r.id),
  );
  const taken: FulfillmentDocument[] = [];
  for (const { id } of rows)
    taken.push(await assignToStation(tx, docs.get(id)!, station, actor, { takeover: false, reason: 'taken ahead for packing' }, policy));
  return taken;
}

/**
 * A hold is renewed once less than half its term is left (or less than KEEP_AHEAD_MS, whichever
 * is more): every renewal rewrites the order, and every station of the warehouse pulls it again.
 * A station renews every 10 minutes while online and on coming back, so renewing each hold on
 * each of those would rewrite all it holds each time: after a short outage, a whole warehouse's
 * stations pulling every held order again while their backlogs drain.
 */
const KEEP_AHEAD_MS = 30 * 60_000;

/** The holder renews its holds that need it (see KEEP_AHEAD_MS), and any that carry an old name of it: each lasts the full term again from now. */
export async function renewLeases(
  tx: Queryable,
  station: Pick<LeaseStation, 'id' | 'name'>,
  policy: LeasePolicy,
): Promise<{ renewed: number; expiresAt: string | null }> {
  const now = policy.now();
  const terms = leaseTerms(station.name, now, policy.ttlMs);
  const renewBefore = new Date(now.getTime() + Math.max(policy.ttlMs / 2, Math.min(policy.ttlMs, KEEP_AHEAD_MS))).toISOString();
  const rows = await tx.query<{ doc: FulfillmentDocument }>(
    `select doc from fulfillment_orders
      where claimed_by = $1 and status in ('in_progress', 'on_hold')
        and (coalesce(doc -> 'lease' ->> 'expiresAt', '') < $2 or (doc -> 'lease' ->> 'stationName') is distinct from $3)
      order by id for update`,
    [station.id, renewBefore, station.name],
  );
  await saveFulfillmentOrders(
    tx,
    rows.map((r) => renewLease(r.doc, station.id, terms)),
  );
  return { renewed: rows.length, expiresAt: rows.length ? terms.expiresAt : null };
}

export async function heldCount(q: Queryable, stationId: string): Promise<number> {
  const [row] = await q.query<{ n: unknown }>(
    `select count(*) as n from fulfillment_orders where claimed_by = $1 and status in ('in_progress', 'on_hold')`,
    [stationId],
  );
  return toInt(row?.n);
}

/**
 * Holds that ran out with nothing done under them go back to the pool, recorded as unclaimed by
 * the system. Rows being changed right now are skipped (the next sweep gets them), so several
 * server processes can sweep at once.
 */
export async function expireLapsedLeases(
  tx: Queryable,
  policy: LeasePolicy,
  warehouseId: string | null = null,
  limit = 200,
): Promise<number> {
  const now = policy.now().toISOString();
  const rows = await tx.query<{ doc: FulfillmentDocument }>(
    `select doc from fulfillment_orders
      where claimed_by is not null and status in ('in_progress', 'on_hold') and (doc -> 'lease' ->> 'expiresAt') <= $1
        and ($2::uuid is null or warehouse_id = $2)
        and not exists (select 1 from jsonb_array_elements(doc -> 'lines') l
                         where (l ->> 'verified')::int > 0 or coalesce((l ->> 'picked')::int, 0) > 0)
        and not exists (select 1 from jsonb_array_elements(doc -> 'packages') p where p ->> 'status' <> 'voided')
      order by id limit $3 for update skip locked`,
    [now, warehouseId, limit],
  );
  let ended = 0;
  for (const { doc } of rows) {
    if (!hasLapsed(doc, now)) continue;
    await endLapsedLease(tx, doc, policy);
    ended++;
  }
  return ended;
}

async function endLapsedLease(tx: Queryable, doc: FulfillmentDocument, policy: LeasePolicy): Promise<FulfillmentDocument> {
  const holder = holderOf(doc)!;
  return applyAdminChange(tx, doc, {
    type: 'fulfillment-order-unclaimed',
    payload: { reason: `the hold of ${holder.stationName ?? 'a station'} ran out at ${holder.expiresAt} with nothing packed` },
    actor: EXPIRY,
    occurredAt: policy.now().toISOString(),
  });
}

import type { Queryable } from '../db/database';

/**
 * An open sync-conflict task saying a station shipped a parcel of this order that the server did
 * not record (its order had been moved, pooled or held while that station was offline). Until a
 * supervisor accepts the parcel or resolves the task, packing the order again would likely ship
 * it twice. The same rule as hasShipmentToAccept (shared/api/tasks.ts), in SQL; its test checks they agree.
 */
export const UNSETTLED_PARCEL_TASK = `
  t.kind = 'sync-conflict' and t.status in ('open', 'in_progress')
  and t.detail -> 'eventTypes' @> '["package-shipped"]'::jsonb
  and coalesce(t.detail ->> 'code', '') <> 'actor_not_authorized'`;

/** The unsettled parcel task of a fulfillment order, if any: its title says what happened. */
export async function unsettledParcelTask(q: Queryable, fulfillmentOrderId: string): Promise<{ id: string; title: string } | null> {
  const [row] = await q.query<{ id: string; title: string }>(
    `select t.id, t.title from tasks t where t.fulfillment_order_id = $1 and ${UNSETTLED_PARCEL_TASK} order by t.created_at limit 1`,
    [fulfillmentOrderId],
  );
  return row ?? null;
}

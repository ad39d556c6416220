import type { Queryable } from '../db/database';
import { toInt } from '../db/database';
import { unitsOf } from '../../shared/sync/fulfillment-document';
import { saveFulfillmentOrders } from '../fulfillment/fulfillment-store';
import { appendTimelineBatch } from '../timeline/timeline';
import { refreshOrdersProgress } from '../orders/order-progress';
import type { PushEffects } from './push-effects';

/**
 * Writes a batch's effects with a fixed number of statements, whatever its size: one timeline
 * insert (the acknowledgements), one insert of the supervisor tasks, the stock of shipped
 * packages (locked in a fixed order, then one update), one write of the changed documents
 * (taking their sync revisions late, so the revision lock is held briefly), the order-status
 * refresh of the orders whose fulfillment progress moved, and the station's last seq.
 * Returns the station's last seq: the highest it has ever had recorded.
 */
export async function storePushEffects(tx: Queryable, stationId: string, effects: PushEffects): Promise<number> {
  await appendTimelineBatch(tx, effects.timeline);
  const tasks = effects.tasks;
  if (tasks.length) {
    await tx.query(
      `insert into tasks (id, kind, title, order_id, fulfillment_order_id, event_id, warehouse_id, detail)
       select id, kind, title, order_id, fulfillment_order_id, event_id, warehouse_id, detail::jsonb
         from unnest($1::uuid[], $2::text[], $3::text[], $4::uuid[], $5::uuid[], $6::uuid[], $7::uuid[], $8::text[])
              as t(id, kind, title, order_id, fulfillment_order_id, event_id, warehouse_id, detail)`,
      [
        tasks.map((t) => t.id), tasks.map((t) => t.kind), tasks.map((t) => t.title), tasks.map((t) => t.orderId), tasks.map((t) => t.fulfillmentOrderId),
        tasks.map((t) => t.eventId), tasks.map((t) => t.warehouseId), tasks.map((t) => JSON.stringify(t.detail)),
      ],
    );
  }
  const shipped = effects.shipped;
  if (shipped.length) {
    // Lock the stock rows in a fixed order first: stations shipping the same SKUs must not deadlock.
    await tx.query(
      `select 1 from inventory i join unnest($1::uuid[], $2::text[]) as t(warehouse_id, sku) on i.warehouse_id = t.warehouse_id and i.sku = t.sku
        order by i.warehouse_id, i.sku for update of i`,
      [shipped.map((r) => r.warehouseId), shipped.map((r) => r.sku)],
    );
    await tx.query(
      `update inventory i set on_hand = greatest(i.on_hand - t.quantity, 0), reserved = greatest(i.reserved - t.quantity, 0)
         from unnest($1::uuid[], $2::text[], $3::int[]) as t(warehouse_id, sku, quantity)
        where i.warehouse_id = t.warehouse_id and i.sku = t.sku`,
      [shipped.map((r) => r.warehouseId), shipped.map((r) => r.sku), shipped.map((r) => r.quantity)],
    );
  }
  const changed = effects.changedDocs;
  // Orders whose fulfillment progress (status or shipped units) moved get their status refreshed.
  const moved = new Set(changed.filter(({ before, after }) => before.status !== after.status || unitsOf(before, 'shipped') !== unitsOf(after, 'shipped')).map(({ after }) => after.orderId));
  await saveFulfillmentOrders(tx, changed.map(({ after }) => after));
  await refreshOrdersProgress(tx, [...moved], { kind: 'system', id: 'order-progress' });
  // Only recorded events raise it: a duplicate, a reused seq or another station's event is not this station's work.
  const [row] = await tx.query<{ last_seq: unknown }>(
    'update stations set last_seq = greatest(last_seq, $2), last_seen_at = now() where id = $1 returning last_seq',
    [stationId, effects.lastRecordedSeq],
  );
  return toInt(row?.last_seq);
}

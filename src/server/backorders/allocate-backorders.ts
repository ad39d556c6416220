import type { Queryable } from '../db/database';
import type { BackorderView } from '../../shared/api/fulfillment';
import type { Actor } from '../../shared/events/station-events';
import type { FulfillmentDocument } from '../../shared/sync/fulfillment-document';
import { readLevel, reserve } from '../inventory/inventory-store';
import { appendTimeline } from '../timeline/timeline';
import { BACKORDER_COLUMNS, QUEUE_ORDER, backorderView, setBackorderStatus, splitBackorder, type BackorderRow } from './backorder-store';
import { releaseBackorders } from './release-backorders';

export interface AllocationResult {
  allocated: BackorderView[];
  released: FulfillmentDocument[];
}

/**
 * Stock became available at a warehouse: waiting backorders for the SKU take it in queue order
 * (supervisor priority, then oldest first). A backorder larger than what is left is split: the
 * part that fits is allocated now, the rest keeps its place in the queue. Allocated backorders
 * of orders that can ship are released at once into a new fulfillment order.
 */
export async function allocateBackorders(
  tx: Queryable,
  warehouseId: string,
  sku: string,
  actor: Actor,
  reason: string,
): Promise<AllocationResult> {
  const [wh] = await tx.query<{ kind: string }>('select kind from warehouses where id = $1', [warehouseId]);
  if (wh?.kind !== 'warehouse') return { allocated: [], released: [] };
  let available = (await readLevel(tx, warehouseId, sku, true)).available;
  if (available <= 0) return { allocated: [], released: [] };

  const waiting = await tx.query<BackorderRow>(
    `select ${BACKORDER_COLUMNS} from backorders b join orders o on o.id = b.order_id
      where b.sku = $1 and b.status = 'waiting' and o.status not in ('cancelled', 'refunded')
      order by ${QUEUE_ORDER} for update of b`,
    [sku],
  );
  const allocated: BackorderView[] = [];
  for (const row of waiting) {
    if (available <= 0) break;
    const b = backorderView(row);
    const take = Math.min(b.quantity, available);
    let remainderId: string | null = null;
    if (take < b.quantity) {
      remainderId = crypto.randomUUID();
      await splitBackorder(tx, b, take, remainderId);
    }
    await setBackorderStatus(tx, b, 'allocated', { warehouseId });
    await reserve(tx, warehouseId, sku, take);
    available -= take;
    await appendTimeline(tx, {
      type: 'backorder-allocated',
      orderId: b.orderId,
      entityIds: { backorderId: b.id, lineId: b.lineId, warehouseId, ...(remainderId ? { remainderBackorderId: remainderId } : {}) },
      payload: { sku, quantity: take, remainder: b.quantity - take, reason },
      actor,
    });
    allocated.push({ ...b, quantity: take, status: 'allocated', warehouseId });
  }
  const released = await releaseBackorders(
    tx,
    allocated.map((b) => b.id),
    actor,
    'stock allocated to the backorder',
  );
  return { allocated, released };
}

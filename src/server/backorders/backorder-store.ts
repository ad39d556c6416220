import type { Queryable } from '../db/database';
import type { Row } from '../db/schema';
import type { BackorderView } from '../../shared/api/fulfillment';
import type { BackorderStatus } from '../../shared/domain/backorder-status';
import { backorderMachine } from '../../shared/domain/backorder-status';
import { checkTransition } from '../../shared/domain/state-machine';
import { problems } from '../http/problem';
import type { QueueEntry } from './queue-move';

/**
 * The backorders table's writer: routing opens backorders, allocation splits and allocates them,
 * supervisors reprioritise them, order changes cancel or shrink them; all through here.
 */

/** A backorders row with its order's number. */
export type BackorderRow = Row<'backorders'> & { order_number: string; status: BackorderStatus };

export const BACKORDER_COLUMNS = `b.id, b.order_id, o.number as order_number, b.line_id, b.sku, b.quantity, b.status, b.priority, b.warehouse_id,
  b.fulfillment_order_id, b.split_from, b.note, b.created_at, b.updated_at`;

/** The queue order: supervisor priority first, then oldest first (FIFO), id to break ties. */
export const QUEUE_ORDER = 'b.priority desc, b.created_at, b.id';

export function backorderView(r: BackorderRow): BackorderView {
  return {
    id: r.id,
    orderId: r.order_id,
    orderNumber: r.order_number,
    lineId: r.line_id,
    sku: r.sku,
    quantity: Number(r.quantity),
    status: r.status,
    priority: Number(r.priority),
    warehouseId: r.warehouse_id,
    fulfillmentOrderId: r.fulfillment_order_id,
    splitFrom: r.split_from,
    note: r.note,
    createdAt: new Date(r.created_at).toISOString(),
    updatedAt: new Date(r.updated_at).toISOString(),
  };
}

export async function loadBackorder(q: Queryable, id: string, forUpdate = false): Promise<BackorderView> {
  const [row] = await q.query<BackorderRow>(
    `select ${BACKORDER_COLUMNS} from backorders b join orders o on o.id = b.order_id where b.id = $1${forUpdate ? ' for update of b' : ''}`,
    [id],
  );
  if (!row) throw problems.notFound(`backorder ${id}`);
  return backorderView(row);
}

/** Moves a backorder through its state machine (stable codes on a forbidden move). */
export async function setBackorderStatus(
  tx: Queryable,
  b: Pick<BackorderView, 'id' | 'status'>,
  to: BackorderStatus,
  change: { warehouseId?: string | null; fulfillmentOrderId?: string | null; note?: string | null } = {},
): Promise<void> {
  const t = checkTransition(backorderMachine, b.status, to, {});
  if (!t.ok) throw problems.conflict(t.code, t.message);
  await tx.query(
    `update backorders set status = $2, updated_at = now(),
       warehouse_id = case when $3::boolean then $4::uuid else warehouse_id end,
       fulfillment_order_id = case when $5::boolean then $6::uuid else fulfillment_order_id end,
       note = coalesce($7, note)
     where id = $1`,
    [
      b.id,
      to,
      'warehouseId' in change,
      change.warehouseId ?? null,
      'fulfillmentOrderId' in change,
      change.fulfillmentOrderId ?? null,
      change.note ?? null,
    ],
  );
}

/**
 * One page of the backorder queue in allocation order; one row more than limit tells there is a
 * next page. reachableFrom: a warehouse-bound caller's warehouse (it sees backorders not yet at any warehouse, and its own).
 */
export async function listBackorderPage(
  q: Queryable,
  f: {
    status: string | null;
    sku: string | null;
    orderId: string | null;
    warehouseId: string | null;
    reachableFrom: string | null;
    limit: number;
    offset: number;
  },
): Promise<BackorderRow[]> {
  return q.query<BackorderRow>(
    `select ${BACKORDER_COLUMNS} from backorders b join orders o on o.id = b.order_id
      where ($1::text is null or b.status = $1) and ($2::text is null or b.sku = $2) and ($3::uuid is null or b.order_id = $3)
        and ($4::uuid is null or b.warehouse_id = $4) and ($5::uuid is null or b.warehouse_id is null or b.warehouse_id = $5)
      order by ${QUEUE_ORDER} limit $6 offset $7`,
    [f.status, f.sku, f.orderId, f.warehouseId, f.reachableFrom, f.limit + 1, f.offset],
  );
}

/** An order's backorders, oldest first. */
export async function backordersOfOrder(q: Queryable, orderId: string): Promise<BackorderView[]> {
  const rows = await q.query<BackorderRow>(
    `select ${BACKORDER_COLUMNS} from backorders b join orders o on o.id = b.order_id where b.order_id = $1 order by b.created_at, b.id`,
    [orderId],
  );
  return rows.map(backorderView);
}

/** A line quantity routing could not place: it waits, oldest first, for stock. */
export async function insertBackorder(
  tx: Queryable,
  b: { id: string; orderId: string; lineId: string; sku: string; quantity: number; createdAt: string },
): Promise<void> {
  await tx.query(
    `insert into backorders (id, order_id, line_id, sku, quantity, status, created_at, updated_at) values ($1,$2,$3,$4,$5,'waiting',$6,$6)`,
    [b.id, b.orderId, b.lineId, b.sku, b.quantity, b.createdAt],
  );
}

/** Keeps `keep` units on the backorder and moves the rest to a new waiting one, which keeps the original's place (created_at, priority) in the queue. */
export async function splitBackorder(
  tx: Queryable,
  b: Pick<BackorderView, 'id' | 'quantity'>,
  keep: number,
  remainderId: string,
): Promise<void> {
  await tx.query(
    `insert into backorders (id, order_id, line_id, sku, quantity, status, priority, split_from, created_at, updated_at)
     select $2, order_id, line_id, sku, $3, 'waiting', priority, id, created_at, now() from backorders where id = $1`,
    [b.id, remainderId, b.quantity - keep],
  );
  await tx.query('update backorders set quantity = $2 where id = $1', [b.id, keep]);
}

/**
 * One SKU's queue as a warehouse's supervisor works on it, locked, oldest first (its index is the
 * age that breaks priority ties): waiting backorders, at no warehouse yet, and those allocated there.
 * Stock of a SKU only ever serves that SKU's backorders, so a place means something only within it.
 */
export async function lockSkuQueue(tx: Queryable, warehouseId: string | null, sku: string): Promise<QueueEntry[]> {
  const rows = await tx.query<{ id: string; priority: number }>(
    `select b.id, b.priority from backorders b
      where b.status in ('waiting', 'allocated') and b.sku = $2 and (b.warehouse_id is null or b.warehouse_id = $1::uuid)
      order by b.created_at, b.id for update of b`,
    [warehouseId, sku],
  );
  return rows.map((r, age) => ({ id: r.id, priority: Number(r.priority), age }));
}

export async function setBackorderPriority(tx: Queryable, id: string, priority: number): Promise<void> {
  await tx.query('update backorders set priority = $2, updated_at = now() where id = $1', [id, priority]);
}

/** The order no longer wants these units (it was cancelled, or the line shrank). */
export async function cancelBackorder(tx: Queryable, id: string): Promise<void> {
  await tx.query(`update backorders set status = 'cancelled', updated_at = now() where id = $1`, [id]);
}

export async function reduceBackorder(tx: Queryable, id: string, units: number): Promise<void> {
  await tx.query('update backorders set quantity = quantity - $2, updated_at = now() where id = $1', [id, units]);
}

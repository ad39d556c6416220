import type { OrderDocument, OrderLine } from '../../shared/api/orders';
import { fulfillmentMachine, type HoldReason } from '../../shared/domain/fulfillment-status';
import type { Actor } from '../../shared/events/station-events';
import type { FulfillmentDocument } from '../../shared/sync/fulfillment-document';
import type { Queryable } from '../db/database';
import { applyAdminChange } from '../fulfillment/apply-admin-event';
import { fulfillmentOrdersOfForUpdate, saveFulfillmentOrder } from '../fulfillment/fulfillment-store';
import { cancelBackorder, reduceBackorder } from '../backorders/backorder-store';
import { Problem } from '../http/problem';
import { consume, unreserve } from '../inventory/inventory-store';
import { checkTransition } from '../../shared/domain/state-machine';
import { refreshOrderProgress } from './order-progress';
import { appendTimeline } from '../timeline/timeline';

/**
 * What an order command does to the work routed for it: fulfillment orders (replicated to
 * stations: every save takes a sync revision), reservations and backorders. Order commands save
 * the order first and then call these, so the order-progress refresh they trigger sees the
 * order's new status.
 */

/** Fulfillment orders still to be worked on. */
export const LIVE_FULFILLMENT: ReadonlySet<string> = new Set(['open', 'in_progress', 'on_hold']);

export interface ReleasedUnits {
  warehouseId: string;
  sku: string;
  units: number;
}

/**
 * Units of a fulfillment order line taken off the shelf and not shipped: picked into a tote, or
 * scanned (verified) or packed at the bench, whichever went furthest. Only these can be written
 * off; the line's other unshipped units were never picked and are still on the shelf.
 */
export function offTheShelf(line: FulfillmentDocument['lines'][number]): number {
  const handled = Math.min(line.quantity, Math.max(line.picked ?? 0, line.verified, line.packed));
  return Math.max(0, handled - line.shipped);
}

export async function holdFulfillment(
  tx: Queryable,
  orderId: string,
  reasons: HoldReason[],
  note: string | null,
  actor: Actor,
): Promise<string[]> {
  const held: string[] = [];
  for (const fo of await fulfillmentOrdersOfForUpdate(tx, orderId)) {
    if (!LIVE_FULFILLMENT.has(fo.status)) continue;
    if (reasons.every((r) => fo.holds.includes(r))) continue;
    await applyAdminChange(tx, fo, { type: 'fulfillment-order-held', payload: { reasons, note }, actor });
    held.push(fo.id);
  }
  return held;
}

/** Lifts the given order-level holds from the order's fulfillment orders (their own other holds stay). */
export async function releaseFulfillment(
  tx: Queryable,
  orderId: string,
  reasons: HoldReason[],
  note: string | null,
  actor: Actor,
): Promise<string[]> {
  const released: string[] = [];
  for (const fo of await fulfillmentOrdersOfForUpdate(tx, orderId)) {
    if (fo.status !== 'on_hold') continue;
    const present = reasons.filter((r) => fo.holds.includes(r));
    if (!present.length) continue;
    await applyAdminChange(tx, fo, { type: 'fulfillment-order-released', payload: { reasons: present, note }, actor });
    released.push(fo.id);
  }
  return released;
}

export interface CancelledWork {
  fulfillmentOrderIds: string[];
  backorderIds: string[];
  /** Units whose reservation was given back: on hand and available to sell again. */
  released: ReleasedUnits[];
  /** Picked units written off (a cancel that does not restock): off hand as well. */
  writtenOff: ReleasedUnits[];
}

/**
 * Cancels every open, in-progress or held fulfillment order of the order (a station packing one
 * offline will see its later events recorded as conflicts) and its waiting or allocated
 * backorders, releasing the reservations of every unshipped unit. Without restock, the units
 * picked (off the shelf, not fit to sell) are written off instead; units never picked are on the
 * shelf and are only released, whatever restock says.
 */
export async function cancelFulfillment(
  tx: Queryable,
  orderId: string,
  reason: string,
  restock: boolean,
  actor: Actor,
): Promise<CancelledWork> {
  const work: CancelledWork = { fulfillmentOrderIds: [], backorderIds: [], released: [], writtenOff: [] };
  for (const fo of await fulfillmentOrdersOfForUpdate(tx, orderId)) {
    if (!LIVE_FULFILLMENT.has(fo.status)) continue;
    await applyAdminChange(tx, fo, { type: 'fulfillment-order-cancelled', payload: { reason }, actor });
    for (const line of fo.lines) {
      const unshipped = line.quantity - line.shipped;
      if (unshipped <= 0) continue;
      const off = restock ? 0 : offTheShelf(line);
      if (unshipped > off) {
        const r = { warehouseId: fo.warehouseId, sku: line.sku, units: unshipped - off };
        await unreserve(tx, r.warehouseId, r.sku, r.units);
        work.released.push(r);
      }
      if (off > 0) {
        const r = { warehouseId: fo.warehouseId, sku: line.sku, units: off };
        await consume(tx, r.warehouseId, r.sku, r.units);
        work.writtenOff.push(r);
      }
    }
    work.fulfillmentOrderIds.push(fo.id);
  }
  await cancelOpenBackorders(tx, orderId, work);
  if (work.released.length || work.writtenOff.length || work.backorderIds.length) {
    const count = (rs: ReleasedUnits[]) => rs.reduce((n, r) => n + r.units, 0);
    await appendTimeline(tx, {
      type: 'reservations-released',
      orderId,
      payload: {
        reason,
        restock,
        released: work.released,
        writtenOff: work.writtenOff,
        releasedUnits: count(work.released),
        writtenOffUnits: count(work.writtenOff),
        backorders: work.backorderIds,
      },
      actor,
    });
  }
  return work;
}

/** Cancels the order's waiting or allocated backorders; an allocated one gives its reservation back. */
async function cancelOpenBackorders(tx: Queryable, orderId: string, work: CancelledWork): Promise<void> {
  const backorders = await tx.query<{ id: string; sku: string; quantity: number; warehouse_id: string | null; status: string }>(
    `select id, sku, quantity, warehouse_id, status from backorders where order_id = $1 and status in ('waiting', 'allocated') for update`,
    [orderId],
  );
  for (const b of backorders) {
    await cancelBackorder(tx, b.id);
    // An allocated backorder holds a reservation at its warehouse (see reports/reconciliation.ts).
    if (b.status === 'allocated' && b.warehouse_id) {
      const r = { warehouseId: b.warehouse_id, sku: b.sku, units: Number(b.quantity) };
      await unreserve(tx, r.warehouseId, r.sku, r.units);
      work.released.push(r);
    }
    work.backorderIds.push(b.id);
  }
}

/** Units shipped so far across the order's live and closed fulfillment orders. */
export async function shippedUnitsOf(tx: Queryable, orderId: string): Promise<{ total: number; byLine: Map<string, number> }> {
  const byLine = new Map<string, number>();
  let total = 0;
  for (const fo of await fulfillmentOrdersOfForUpdate(tx, orderId)) {
    if (fo.status === 'cancelled') continue;
    for (const l of fo.lines) {
      byLine.set(l.lineId, (byLine.get(l.lineId) ?? 0) + l.shipped);
      total += l.shipped;
    }
  }
  return { total, byLine };
}

/** Units of a line nobody has started on: still waiting as backorders, or routed and not yet picked, packed or shipped. */
export async function removableUnits(tx: Queryable, orderId: string, lineId: string): Promise<number> {
  const [bo] = await tx.query<{ n: unknown }>(
    `select coalesce(sum(quantity), 0) as n from backorders where order_id = $1 and line_id = $2 and status = 'waiting'`,
    [orderId, lineId],
  );
  let n = Number(bo?.n ?? 0);
  for (const fo of await fulfillmentOrdersOfForUpdate(tx, orderId)) {
    if (!LIVE_FULFILLMENT.has(fo.status)) continue;
    for (const l of fo.lines) if (l.lineId === lineId) n += untouched(l);
  }
  return n;
}

function untouched(l: FulfillmentDocument['lines'][number]): number {
  return Math.max(0, l.quantity - Math.max(l.verified, l.packed, l.shipped, l.picked ?? 0));
}

/**
 * Takes `units` units of a routed line out of the work: waiting backorders first, then untouched
 * units of fulfillment orders (newest first). A fulfillment order left with nothing is cancelled.
 * Untouched units were never picked, so their reservation is released whatever `restock` says
 * (the timeline entry records it, and that nothing was written off).
 * Refuses with 409 when fewer units are untouched than asked for.
 */
export async function removeLineUnits(
  tx: Queryable,
  order: OrderDocument,
  line: OrderLine,
  units: number,
  restock: boolean,
  reason: string,
  actor: Actor,
): Promise<ReleasedUnits[]> {
  const available = await removableUnits(tx, order.id, line.id);
  if (available < units) {
    throw new Problem(
      409,
      'order_line_units_in_progress',
      'Conflict',
      `${line.sku}: only ${available} of ${line.quantity} units are not yet picked, packed or shipped`,
      {
        lineId: line.id,
        removableUnits: available,
        currentVersion: order.version,
      },
    );
  }
  let left = units;
  const released: ReleasedUnits[] = [];
  const waiting = await tx.query<{ id: string; quantity: number }>(
    `select id, quantity from backorders where order_id = $1 and line_id = $2 and status = 'waiting' order by created_at desc, id for update`,
    [order.id, line.id],
  );
  for (const b of waiting) {
    if (!left) break;
    const take = Math.min(left, Number(b.quantity));
    if (take === Number(b.quantity)) await cancelBackorder(tx, b.id);
    else await reduceBackorder(tx, b.id, take);
    left -= take;
  }
  const fos = (await fulfillmentOrdersOfForUpdate(tx, order.id)).filter((f) => LIVE_FULFILLMENT.has(f.status)).reverse();
  for (const fo of fos) {
    if (!left) break;
    const idx = fo.lines.findIndex((l) => l.lineId === line.id);
    const foLine = fo.lines[idx];
    if (!foLine) continue;
    const take = Math.min(left, untouched(foLine));
    if (!take) continue;
    left -= take;
    // Untouched units were never picked: they are on the shelf, so they go back to stock whatever restock says.
    const r = { warehouseId: fo.warehouseId, sku: line.sku, units: take };
    await unreserve(tx, r.warehouseId, r.sku, r.units);
    released.push(r);
    const lines = fo.lines.map((l, i) => (i === idx ? { ...l, quantity: l.quantity - take } : l)).filter((l) => l.quantity > 0);
    if (!lines.length) {
      await applyAdminChange(tx, fo, { type: 'fulfillment-order-cancelled', payload: { reason }, actor });
      continue;
    }
    // What is left may be exactly what already shipped: then the fulfillment order is done.
    const done =
      lines.every((l) => l.shipped >= l.quantity) && checkTransition(fulfillmentMachine, fo.status, 'closed', { unshippedUnits: 0 }).ok;
    await saveFulfillmentOrder(tx, { ...fo, lines, status: done ? 'closed' : fo.status, updatedAt: new Date().toISOString() });
    await appendTimeline(tx, {
      type: 'fulfillment-order-lines-reduced',
      orderId: order.id,
      fulfillmentOrderId: fo.id,
      entityIds: { fulfillmentOrderId: fo.id, lineId: line.id },
      payload: { lineId: line.id, sku: line.sku, units: take, reason, restock, writtenOff: 0 },
      actor,
    });
  }
  await refreshOrderProgress(tx, order.id, { kind: 'system', id: 'order-progress' });
  return released;
}

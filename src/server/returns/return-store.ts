import type { Queryable } from '../db/database';
import type { InspectedUnitRecord, ReturnDocument, ReturnLineDoc } from '../../shared/api/returns';
import { problems } from '../http/problem';
import { nextRev, notifyChange } from '../sync/revisions';
import { loadRefundRequest, refundedUnits } from './refund-requests';
import { loadOrder } from '../orders/order-store';

/**
 * Returns are kept in rows (returns, return_lines) and read as one ReturnDocument. Every save
 * takes a sync revision (returns.rev) on the checkpoint counter the fulfillment orders use, and
 * tells the warehouse's live streams, so returns-desk stations pull it (return-pull.ts).
 */
interface ReturnRow {
  id: string;
  number: string;
  order_id: string;
  order_number: string;
  customer_name: string;
  currency: string;
  warehouse_id: string | null;
  status: ReturnDocument['status'];
  method: ReturnDocument['method'];
  resolution: ReturnDocument['resolution'];
  customer_note: string | null;
  rejection_reason: string | null;
  replacement_order_id: string | null;
  refund_request_id: string | null;
  milestones: ReturnDocument['milestones'];
  version: number;
  created_at: Date | string;
  updated_at: Date | string;
}

interface LineRow {
  id: string;
  order_line_id: string;
  sku: string;
  barcode: string | null;
  name: string;
  quantity: number;
  received_quantity: number;
  reason_code: ReturnLineDoc['reasonCode'];
  reason_note: string | null;
  exchange_sku: string | null;
  exchange_name: string | null;
  exchange_barcode: string | null;
  units: InspectedUnitRecord[];
  shipped_serials: ReturnLineDoc['shippedSerials'] | null;
}

export async function loadReturn(q: Queryable, id: string, forUpdate = false): Promise<ReturnDocument> {
  const [r] = await q.query<ReturnRow>(
    `select r.*, o.number as order_number, o.customer_name, o.currency from returns r join orders o on o.id = r.order_id where r.id = $1${forUpdate ? ' for update of r' : ''}`,
    [id],
  );
  if (!r) throw problems.notFound(`return ${id}`);
  const lines = await q.query<LineRow>('select * from return_lines where return_id = $1 order by position', [id]);
  // The order's frozen prices and what was refunded of it, so a desk prices the refund as completion will.
  const order = await loadOrder(q, r.order_id);
  const { units: refunded } = await refundedUnits(q, order);
  const priceOf = (orderLineId: string) => {
    const l = order.lines.find((o) => o.id === orderLineId);
    if (!l) return null;
    const { unitPriceMinor, discountMinor, taxMinor, quantity: orderedQuantity } = l;
    return { orderedQuantity, unitPriceMinor, discountMinor, taxMinor, refundedBefore: refunded.get(l.id) ?? 0 };
  };
  return {
    id: r.id,
    number: r.number,
    orderId: r.order_id,
    orderNumber: r.order_number,
    customerName: r.customer_name,
    currency: r.currency.trim(),
    warehouseId: r.warehouse_id,
    status: r.status,
    method: r.method,
    resolution: r.resolution,
    customerNote: r.customer_note,
    rejectionReason: r.rejection_reason,
    replacementOrderId: r.replacement_order_id,
    refundRequest: r.refund_request_id ? await loadRefundRequest(q, r.refund_request_id) : null,
    milestones: r.milestones,
    version: r.version,
    createdAt: new Date(r.created_at).toISOString(),
    updatedAt: new Date(r.updated_at).toISOString(),
    lines: lines.map((l) => ({
      id: l.id,
      orderLineId: l.order_line_id,
      sku: l.sku,
      barcode: l.barcode,
      name: l.name,
      quantity: l.quantity,
      receivedQuantity: l.received_quantity,
      reasonCode: l.reason_code,
      reasonNote: l.reason_note,
      exchange: l.exchange_sku ? { sku: l.exchange_sku, name: l.exchange_name!, barcode: l.exchange_barcode } : null,
      units: l.units,
      // Only serial-tracked lines have them (migration 0012): others read as they always did.
      ...(l.shipped_serials ? { shippedSerials: l.shipped_serials } : {}),
      price: priceOf(l.order_line_id),
    })),
  };
}

export async function returnIdByNumber(q: Queryable, number: string): Promise<string> {
  const [r] = await q.query<{ id: string }>('select id from returns where number = $1', [number.trim().toUpperCase()]);
  if (!r) throw problems.notFound(`return ${number}`);
  return r.id;
}

export async function insertReturn(tx: Queryable, doc: ReturnDocument): Promise<void> {
  await tx.query(
    `insert into returns (id, number, order_id, warehouse_id, status, resolution, method, customer_note, rejection_reason, replacement_order_id, refund_request_id, milestones, rev, version, created_at, updated_at)
     values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16)`,
    [
      doc.id,
      doc.number,
      doc.orderId,
      doc.warehouseId,
      doc.status,
      doc.resolution,
      doc.method,
      doc.customerNote,
      doc.rejectionReason,
      doc.replacementOrderId,
      doc.refundRequest?.id ?? null,
      JSON.stringify(doc.milestones),
      await nextRev(tx),
      doc.version,
      doc.createdAt,
      doc.updatedAt,
    ],
  );
  // No station shows a return before it is authorized, so no stream needs telling yet.
  for (const [position, l] of doc.lines.entries()) {
    await tx.query(
      `insert into return_lines (id, return_id, position, order_line_id, sku, barcode, name, quantity, received_quantity, reason_code, reason_note, exchange_sku, exchange_name, exchange_barcode, units, shipped_serials)
       values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16)`,
      [
        l.id,
        doc.id,
        position,
        l.orderLineId,
        l.sku,
        l.barcode,
        l.name,
        l.quantity,
        l.receivedQuantity,
        l.reasonCode,
        l.reasonNote,
        l.exchange?.sku ?? null,
        l.exchange?.name ?? null,
        l.exchange?.barcode ?? null,
        JSON.stringify(l.units),
        l.shippedSerials?.length ? JSON.stringify(l.shippedSerials) : null,
      ],
    );
  }
}

/** Saves what changes after creation (status, warehouse, received and inspected units, outcomes), bumping version and rev. */
export async function saveReturn(tx: Queryable, doc: ReturnDocument): Promise<ReturnDocument> {
  const next = { ...doc, version: doc.version + 1, updatedAt: new Date().toISOString() };
  const rev = await nextRev(tx);
  await tx.query(
    `update returns set warehouse_id=$2, status=$3, rejection_reason=$4, replacement_order_id=$5, refund_request_id=$6, milestones=$7, rev=$8, version=$9, updated_at=$10 where id=$1`,
    [
      next.id,
      next.warehouseId,
      next.status,
      next.rejectionReason,
      next.replacementOrderId,
      next.refundRequest?.id ?? null,
      JSON.stringify(next.milestones),
      rev,
      next.version,
      next.updatedAt,
    ],
  );
  for (const l of next.lines) {
    await tx.query('update return_lines set received_quantity = $2, units = $3 where id = $1', [
      l.id,
      l.receivedQuantity,
      JSON.stringify(l.units),
    ]);
  }
  if (next.warehouseId) await notifyChange(tx, next.warehouseId, rev, 'returns');
  return next;
}

/** Units of each order line already on live returns (rejected and cancelled returns free them). */
export async function unitsOnReturns(q: Queryable, orderId: string): Promise<Map<string, number>> {
  const rows = await q.query<{ order_line_id: string; n: unknown }>(
    `select l.order_line_id, sum(l.quantity) as n from return_lines l join returns r on r.id = l.return_id
      where r.order_id = $1 and r.status not in ('cancelled', 'rejected') group by l.order_line_id`,
    [orderId],
  );
  return new Map(rows.map((r) => [r.order_line_id, Number(r.n)]));
}

/**
 * Records that a return reflects a station's events up to `seq` (applied or conflicted), at a new
 * revision, so the station pulls it and stops folding those events on top of it.
 */
export async function markReturnApplied(tx: Queryable, id: string, warehouseId: string, stationId: string, seq: number): Promise<void> {
  const rev = await nextRev(tx);
  await tx.query(
    `update returns set applied_seq = applied_seq || jsonb_build_object($2::text, greatest(coalesce((applied_seq ->> $2::text)::bigint, 0), $3::bigint)), rev = $4 where id = $1`,
    [id, stationId, seq, rev],
  );
  await notifyChange(tx, warehouseId, rev, 'returns');
}

/** An order's returns, oldest first; reachableFrom: a warehouse-bound caller's warehouse (it also sees returns not yet at any warehouse). */
export async function returnsOfOrder(q: Queryable, orderId: string, reachableFrom: string | null): Promise<ReturnDocument[]> {
  const rows = await q.query<{ id: string }>(
    'select id from returns where order_id = $1 and ($2::uuid is null or warehouse_id is null or warehouse_id = $2) order by created_at, id',
    [orderId, reachableFrom],
  );
  return Promise.all(rows.map((r) => loadReturn(q, r.id)));
}

/** One page of return keys, oldest first, after the cursor's key; one row more than limit tells there is a next page. */
export function listReturnKeys(
  q: Queryable,
  f: {
    status: string | null;
    orderId: string | null;
    warehouseId: string | null;
    after: { createdAt: string; id: string } | null;
    limit: number;
  },
) {
  return q.query<{ id: string; created_at: Date | string }>(
    `select id, created_at from returns
      where ($1::text is null or status = $1) and ($2::uuid is null or order_id = $2) and ($3::uuid is null or warehouse_id = $3)
        and ($4::timestamptz is null or (created_at, id) > ($4::timestamptz, $5::uuid))
      order by created_at, id limit $6`,
    [f.status, f.orderId, f.warehouseId, f.after?.createdAt ?? null, f.after?.id ?? null, f.limit + 1],
  );
}

import type { z } from 'zod';
import { shippedSerialsByLine } from '../lots/shipped-serials';
import type { Queryable } from '../db/database';
import type {
  CreateReturnRequest,
  InspectReturnRequest,
  ReceiveReturnRequest,
  ReturnDocument,
  ReturnLineDoc,
} from '../../shared/api/returns';
import type { OrderLine } from '../../shared/api/orders';
import type { Actor } from '../../shared/events/station-events';
import { formatDocumentNumber, utcDay } from '../../shared/domain/order-number';
import { returnMachine, type ReturnStatus } from '../../shared/domain/return-status';
import { acceptedUnits, unitsToRefund } from '../../shared/domain/return-refund';
import { checkTransition } from '../../shared/domain/state-machine';
import { plural } from '../../shared/words/plural';
import { inspectUnits, receiveUnits, RETURN_INPUT_REFUSALS, type ReturnReduceResult } from '../../shared/sync/return-reducer';
import { requireRole, requireWarehouse, type Principal } from '../auth/principal';
import { problems } from '../http/problem';
import { allocateBackorders } from '../backorders/allocate-backorders';
import { fulfillmentOrdersOfForUpdate } from '../fulfillment/fulfillment-store';
import { addOnHand, requireStockingWarehouse } from '../inventory/inventory-store';
import { loadOrder, nextDocumentSequence } from '../orders/order-store';
import { appendTimeline } from '../timeline/timeline';
import { raiseRefundRequest } from './refund-requests';
import { createReplacementOrder, type ExchangeItem } from './replacement-order';
import { insertReturn, loadReturn, saveReturn, unitsOnReturns } from './return-store';
import { requestReturnLabelVoid } from './return-label-store';

/** Who may authorize a return: at its own route, or at once when opening it (a station opens returns, a person authorizes). */
export const AUTHORIZERS = ['integrator', 'supervisor', 'returns'] as const;

export interface ReturnActionContext {
  principal: Principal;
  actor: Actor;
  returnNumberPrefix: string;
  orderNumberPrefix: string;
}

function moveTo(doc: ReturnDocument, to: ReturnStatus): ReturnDocument {
  const t = checkTransition(returnMachine, doc.status, to, {});
  if (!t.ok) throw problems.conflict(t.code, t.message);
  return { ...doc, status: to, milestones: { ...doc.milestones, [to]: doc.milestones[to] ?? new Date().toISOString() } };
}

/** The shared rules' answer, or the problem they refuse with (same codes at the station). */
export function accepted<D extends ReturnDocument>(r: ReturnReduceResult<D>): D {
  if (r.ok) return r.doc;
  throw RETURN_INPUT_REFUSALS.has(r.code) ? problems.unprocessable(r.code, r.message) : problems.conflict(r.code, r.message);
}

export async function record(
  tx: Queryable,
  doc: ReturnDocument,
  type: string,
  payload: Record<string, unknown>,
  actor: Actor,
  entityIds: Record<string, string> = {},
) {
  await appendTimeline(tx, {
    type,
    orderId: doc.orderId,
    entityIds: { returnId: doc.id, ...entityIds },
    payload: { number: doc.number, status: doc.status, ...payload },
    actor,
  });
}

/** The return, if the caller's warehouse scope reaches it (a return not yet at a warehouse is reachable by all). */
export async function returnInScope(q: Queryable, principal: Principal, id: string, forUpdate = false): Promise<ReturnDocument> {
  const doc = await loadReturn(q, id, forUpdate);
  if (doc.warehouseId) requireWarehouse(principal, doc.warehouseId);
  return doc;
}

/** Shipped units per order line: only what reached the customer can come back. */
async function shippedUnits(tx: Queryable, orderId: string) {
  const fos = await fulfillmentOrdersOfForUpdate(tx, orderId);
  const byLine = new Map<string, number>();
  const byWarehouse = new Map<string, number>();
  for (const f of fos) {
    for (const l of f.lines) {
      byLine.set(l.lineId, (byLine.get(l.lineId) ?? 0) + l.shipped);
      byWarehouse.set(f.warehouseId, (byWarehouse.get(f.warehouseId) ?? 0) + l.shipped);
    }
  }
  return { byLine, byWarehouse };
}

/** Where the units go back to: the stocking warehouse that shipped most of the order. */
async function defaultWarehouse(tx: Queryable, byWarehouse: Map<string, number>): Promise<string | null> {
  const ranked = [...byWarehouse].filter(([, n]) => n > 0).sort((a, b) => b[1] - a[1]);
  for (const [id] of ranked) {
    const [wh] = await tx.query<{ kind: string }>('select kind from warehouses where id = $1', [id]);
    if (wh?.kind === 'warehouse') return id;
  }
  return null;
}

export async function createReturn(
  tx: Queryable,
  orderId: string,
  input: z.output<typeof CreateReturnRequest>,
  ctx: ReturnActionContext,
): Promise<ReturnDocument> {
  if (input.authorize) requireRole(ctx.principal, ...AUTHORIZERS);
  const order = await loadOrder(tx, orderId, true);
  const { byLine, byWarehouse } = await shippedUnits(tx, orderId);
  const onReturns = await unitsOnReturns(tx, orderId);
  const serials = await shippedSerialsByLine(tx, orderId);
  const lines: ReturnLineDoc[] = [];
  for (const l of input.lines) {
    const line = order.lines.find((o) => o.id === l.lineId);
    if (!line) throw problems.unprocessable('line_not_in_order', `line ${l.lineId} is not on order ${order.number}`);
    const returnable = (byLine.get(line.id) ?? 0) - (onReturns.get(line.id) ?? 0);
    if (l.quantity > returnable) {
      throw problems.unprocessable(
        'return_exceeds_shipped',
        `${line.sku}: ${plural(returnable, 'shipped unit')} can still be returned, not ${l.quantity}`,
        { lineId: line.id, returnable },
      );
    }
    const exchange =
      l.exchange ?? (input.resolution === 'exchange' ? { sku: line.sku, name: line.name, barcode: line.barcode ?? undefined } : undefined);
    lines.push({
      id: crypto.randomUUID(),
      orderLineId: line.id,
      sku: line.sku,
      barcode: line.barcode,
      name: line.name,
      quantity: l.quantity,
      receivedQuantity: 0,
      reasonCode: l.reasonCode,
      reasonNote: l.reasonNote ?? null,
      exchange: exchange ? { sku: exchange.sku, name: exchange.name, barcode: exchange.barcode ?? null } : null,
      units: [],
      // Serial-tracked lines: what the returns desk matches returned units against (lots/shipped-serials.ts).
      ...(serials.get(line.id)?.length ? { shippedSerials: serials.get(line.id) } : {}),
    });
  }
  const warehouseId = input.warehouseId ?? ctx.principal.warehouseId ?? (await defaultWarehouse(tx, byWarehouse));
  if (warehouseId) {
    requireWarehouse(ctx.principal, warehouseId);
    await requireStockingWarehouse(tx, warehouseId);
  }
  const now = new Date();
  const iso = now.toISOString();
  const sequence = await nextDocumentSequence(tx, ctx.returnNumberPrefix, utcDay(now));
  let doc: ReturnDocument = {
    id: crypto.randomUUID(),
    number: formatDocumentNumber(ctx.returnNumberPrefix, utcDay(now), sequence),
    orderId,
    orderNumber: order.number,
    customerName: order.customer.name,
    currency: order.currency,
    warehouseId,
    status: 'requested',
    method: input.method,
    resolution: input.resolution,
    customerNote: input.customerNote ?? null,
    rejectionReason: null,
    lines,
    replacementOrderId: null,
    refundRequest: null,
    milestones: { requested: iso },
    version: 1,
    createdAt: iso,
    updatedAt: iso,
  };
  await insertReturn(tx, doc);
  await record(
    tx,
    doc,
    'return-created',
    {
      lines: lines.map((l) => ({
        lineId: l.orderLineId,
        sku: l.sku,
        quantity: l.quantity,
        reasonCode: l.reasonCode,
        exchangeSku: l.exchange?.sku ?? null,
      })),
      resolution: doc.resolution,
      method: doc.method,
      reason: input.customerNote ?? 'return requested',
    },
    ctx.actor,
  );
  if (input.authorize) doc = await authorizeReturn(tx, doc.id, { note: 'authorized at creation' }, ctx);
  return doc;
}

export async function authorizeReturn(
  tx: Queryable,
  id: string,
  input: { warehouseId?: string; note?: string },
  ctx: ReturnActionContext,
): Promise<ReturnDocument> {
  const doc = await returnInScope(tx, ctx.principal, id, true);
  const warehouseId = input.warehouseId ?? doc.warehouseId ?? ctx.principal.warehouseId;
  if (!warehouseId) throw problems.unprocessable('return_warehouse_required', 'name the warehouseId that will receive the return');
  requireWarehouse(ctx.principal, warehouseId);
  await requireStockingWarehouse(tx, warehouseId);
  const saved = await saveReturn(tx, { ...moveTo(doc, 'authorized'), warehouseId });
  await record(tx, saved, 'return-authorized', { warehouseId, reason: input.note ?? 'return authorized' }, ctx.actor, { warehouseId });
  return loadReturn(tx, id);
}

export async function receiveReturn(
  tx: Queryable,
  id: string,
  input: z.output<typeof ReceiveReturnRequest>,
  ctx: ReturnActionContext,
): Promise<ReturnDocument> {
  const doc = await returnInScope(tx, ctx.principal, id, true);
  const next = accepted(receiveUnits(doc, input.lines, input.final, new Date().toISOString()));
  const saved = await saveReturn(tx, next);
  await record(
    tx,
    saved,
    'return-received',
    {
      lines: input.lines.map((r) => ({ returnLineId: r.returnLineId, quantity: r.quantity })),
      final: input.final,
      reason: input.note ?? 'units received',
    },
    ctx.actor,
  );
  return loadReturn(tx, id);
}

export async function inspectReturn(
  tx: Queryable,
  id: string,
  input: z.output<typeof InspectReturnRequest>,
  ctx: ReturnActionContext,
): Promise<ReturnDocument> {
  const doc = await returnInScope(tx, ctx.principal, id, true);
  const graded = input.lines.map((i) => ({
    returnLineId: i.returnLineId,
    units: i.units.map((u) => ({ condition: u.condition, disposition: u.disposition, notes: u.notes ?? null, serial: u.serial ?? null })),
  }));
  const next = accepted(inspectUnits(doc, graded, new Date().toISOString(), ctx.actor.id));
  const done = next.status === 'inspected';
  const restock = new Map<string, number>();
  for (const i of input.lines) {
    const line = doc.lines.find((l) => l.id === i.returnLineId)!;
    const units = i.units.filter((u) => u.disposition === 'restock').length;
    if (units) restock.set(line.sku, (restock.get(line.sku) ?? 0) + units);
  }
  const saved = await saveReturn(tx, next);
  // Restocked units are sellable again: back on hand, and first to waiting backorders.
  for (const [sku, quantity] of restock) await addOnHand(tx, doc.warehouseId!, sku, quantity);
  await record(
    tx,
    saved,
    'return-inspected',
    {
      lines: input.lines.map((i) => ({
        returnLineId: i.returnLineId,
        units: i.units.map((u) => ({ condition: u.condition, disposition: u.disposition })),
      })),
      restocked: [...restock].map(([sku, quantity]) => ({ sku, quantity })),
      complete: done,
      reason: input.note ?? 'units graded',
    },
    ctx.actor,
  );
  for (const sku of restock.keys())
    await allocateBackorders(tx, doc.warehouseId!, sku, ctx.actor, `returned units restocked (${doc.number})`);
  return loadReturn(tx, id);
}

export async function completeReturn(
  tx: Queryable,
  id: string,
  input: { refundShipping: boolean; note?: string },
  ctx: ReturnActionContext,
): Promise<ReturnDocument> {
  const doc = await returnInScope(tx, ctx.principal, id, true);
  let next = moveTo(doc, 'completed');
  const order = await loadOrder(tx, doc.orderId, true);
  const refundUnits = unitsToRefund(doc);
  if (refundUnits.length || input.refundShipping) {
    const refund = await raiseRefundRequest(tx, {
      order,
      source: 'return',
      returnId: doc.id,
      units: refundUnits,
      refundShipping: input.refundShipping,
      method: doc.resolution === 'store_credit' ? 'store_credit' : 'original_payment',
      reason: `return ${doc.number}${input.note ? `: ${input.note}` : ''}`,
      actor: ctx.actor,
    });
    next = { ...next, refundRequest: refund };
  }
  if (!doc.replacementOrderId) {
    const items = exchangeItems(doc, order.lines, acceptedUnits);
    if (items.length)
      next = { ...next, replacementOrderId: (await createReplacementOrder(tx, order, doc, items, ctx.actor, ctx.orderNumberPrefix)).id };
  }
  const saved = await saveReturn(tx, next);
  await record(
    tx,
    saved,
    'return-completed',
    {
      refundMinor: next.refundRequest?.amountMinor ?? 0,
      currency: doc.currency,
      replacementOrderId: next.replacementOrderId,
      reason: input.note ?? 'return completed',
    },
    ctx.actor,
    {
      ...(next.refundRequest ? { refundRequestId: next.refundRequest.id } : {}),
      ...(next.replacementOrderId ? { replacementOrderId: next.replacementOrderId } : {}),
    },
  );
  return loadReturn(tx, id);
}

/** Ships the exchange items now, before the returned units are inspected (advance exchange). */
export async function exchangeReturn(
  tx: Queryable,
  id: string,
  note: string | undefined,
  ctx: ReturnActionContext,
): Promise<ReturnDocument> {
  const doc = await returnInScope(tx, ctx.principal, id, true);
  if (!['authorized', 'partially_received', 'received', 'inspected'].includes(doc.status))
    throw problems.conflict('return_not_authorized', `the return is ${doc.status}`);
  if (doc.replacementOrderId)
    throw problems.conflict('return_replacement_exists', 'a replacement order was already created for this return');
  const order = await loadOrder(tx, doc.orderId, true);
  const items = exchangeItems(doc, order.lines, (l) => l.quantity);
  if (!items.length) throw problems.unprocessable('return_has_no_exchange', 'no line of this return is an exchange');
  const replacement = await createReplacementOrder(tx, order, doc, items, ctx.actor, ctx.orderNumberPrefix);
  const saved = await saveReturn(tx, { ...doc, replacementOrderId: replacement.id });
  await record(
    tx,
    saved,
    'return-exchange-created',
    { replacementOrderId: replacement.id, replacementNumber: replacement.number, reason: note ?? 'advance exchange' },
    ctx.actor,
    { replacementOrderId: replacement.id },
  );
  return loadReturn(tx, id);
}

function exchangeItems(doc: ReturnDocument, orderLines: readonly OrderLine[], units: (l: ReturnLineDoc) => number): ExchangeItem[] {
  return doc.lines
    .filter((l) => l.exchange && units(l) > 0)
    .map((l) => ({
      line: orderLines.find((o) => o.id === l.orderLineId)!,
      quantity: units(l),
      sku: l.exchange!.sku,
      name: l.exchange!.name,
      barcode: l.exchange!.barcode,
    }));
}

export async function rejectReturn(tx: Queryable, id: string, reason: string, ctx: ReturnActionContext): Promise<ReturnDocument> {
  const doc = await returnInScope(tx, ctx.principal, id, true);
  const saved = await saveReturn(tx, { ...moveTo(doc, 'rejected'), rejectionReason: reason });
  await record(tx, saved, 'return-rejected', { reason }, ctx.actor);
  return loadReturn(tx, id);
}

export async function cancelReturn(tx: Queryable, id: string, reason: string, ctx: ReturnActionContext): Promise<ReturnDocument> {
  const doc = await returnInScope(tx, ctx.principal, id, true);
  const saved = await saveReturn(tx, moveTo(doc, 'cancelled'));
  await record(tx, saved, 'return-cancelled', { reason }, ctx.actor);
  // A label bought for it will not be used: its refund is asked for in the background.
  await requestReturnLabelVoid(tx, id, `RMA cancelled: ${reason}`);
  return loadReturn(tx, id);
}

import type { z } from 'zod';
import type { AddLineRequest, UpdateLineRequest } from '../../../shared/api/order-commands';
import type { OrderDocument, OrderLine, OrderLineInput } from '../../../shared/api/orders';
import type { HoldReason } from '../../../shared/domain/fulfillment-status';
import { Problem, problems } from '../../http/problem';
import { holdFulfillment, removeLineUnits } from '../fulfillment-effects';
import type { CommandContext, CommandOutcome } from '../order-command';
import { pricedLine, totalsOf } from '../order-math';
import { recordChange } from '../order-transition';
import { routeOrder, type RoutingResult } from '../routing';
import { isRouted } from './partial-cancel-order';

/**
 * Line edits while nobody has started on the order: pending, confirmed, or
 * on hold from either. Totals are recalculated; on a routed order new units are routed and
 * removed units leave their fulfillment orders (reservations released). Once a station works on
 * it, partial-cancel is the way to take units off.
 */
function assertEditable(order: OrderDocument): void {
  const status = order.status === 'on_hold' ? order.statusBeforeHold : order.status;
  if (status !== 'pending' && status !== 'confirmed') {
    throw new Problem(
      409,
      'order_not_editable',
      'Conflict',
      `lines can change while the order is pending or confirmed; it is ${order.status} (use partial-cancel to take units off)`,
      {
        currentStatus: order.status,
        currentVersion: order.version,
      },
    );
  }
}

/** The fields a line change can carry (PATCH .../lines/{lineId} and a quoted change alike). */
type LineChange = Partial<Pick<OrderLine, 'quantity' | 'unitPriceMinor' | 'taxRateBps' | 'discountMinor' | 'name' | 'metadata'>>;

function findLine(order: OrderDocument, lineId: string): OrderLine {
  const line = order.lines.find((l) => l.id === lineId);
  if (!line) throw problems.notFound(`line ${lineId} of order ${order.id}`);
  return line;
}

/** Routes units added to a routed order; held orders hold the new work too. */
async function routeAdded(c: CommandContext, saved: OrderDocument, line: OrderLine, quantity: number): Promise<RoutingResult | null> {
  if (!isRouted(c.order)) return null;
  const routing = await routeOrder(c.tx, saved, c.actor, [{ line, quantity }]);
  if (saved.status === 'on_hold') await holdFulfillment(c.tx, saved.id, saved.holds as HoldReason[], 'the order is on hold', c.actor);
  return routing;
}

const routingSummary = (r: RoutingResult | null) =>
  r ? { fulfillmentOrderIds: r.fulfillmentOrders.map((f) => f.id), backorders: r.backorders } : null;

/** The line an add would put on the order, priced; refuses what the add route refuses. */
export function newLine(order: OrderDocument, body: z.output<typeof OrderLineInput>, id: string = crypto.randomUUID()): OrderLine {
  assertEditable(order);
  if (order.lines.length >= 500) throw problems.unprocessable('order_too_many_lines', 'an order holds at most 500 lines');
  if (body.discountMinor > body.unitPriceMinor * body.quantity)
    throw problems.unprocessable('line_discount_exceeds_amount', `the line discount ${body.discountMinor} exceeds the line amount`);
  return pricedLine({
    id,
    sku: body.sku,
    barcode: body.barcode ?? null,
    name: body.name,
    quantity: body.quantity,
    unitPriceMinor: body.unitPriceMinor,
    taxRateBps: body.taxRateBps,
    discountMinor: body.discountMinor,
    metadata: body.metadata ?? {},
    cancelledQuantity: 0,
    refundedQuantity: 0,
  });
}

/** `lineId` is given when a quoted edit applies the line it priced. */
export async function addLine(c: CommandContext, body: z.output<typeof AddLineRequest>, lineId?: string): Promise<CommandOutcome> {
  const { order, actor, tx } = c;
  const line = newLine(order, body, lineId);
  const changed = { ...order, lines: [...order.lines, line] };
  const saved = await recordChange(tx, { ...changed, totals: totalsOf(changed) }, actor, 'order-line-added', {
    lineId: line.id,
    sku: line.sku,
    quantity: line.quantity,
    unitPriceMinor: line.unitPriceMinor,
    totalMinor: line.totalMinor,
    reason: body.reason ?? null,
  });
  const routing = await routeAdded(c, saved, line, line.quantity);
  return { status: 201, extra: { line, routing: routingSummary(routing) } };
}

/** The line as an update would leave it, repriced; refuses what the update route refuses. */
export function changedLine(order: OrderDocument, lineId: string, body: LineChange): { line: OrderLine; next: OrderLine } {
  assertEditable(order);
  const line = findLine(order, lineId);
  const quantity = body.quantity ?? line.quantity;
  if (quantity < (line.refundedQuantity ?? 0)) {
    throw problems.conflict(
      'order_line_units_refunded',
      `${line.refundedQuantity} units of ${line.sku} were refunded; the line cannot go below that`,
      { currentVersion: order.version },
    );
  }
  const next = pricedLine({
    ...line,
    quantity,
    unitPriceMinor: body.unitPriceMinor ?? line.unitPriceMinor,
    taxRateBps: body.taxRateBps ?? line.taxRateBps,
    discountMinor: body.discountMinor ?? line.discountMinor,
    name: body.name ?? line.name,
    metadata: body.metadata ?? line.metadata,
  });
  if (next.discountMinor > next.unitPriceMinor * next.quantity) {
    throw problems.unprocessable(
      'line_discount_exceeds_amount',
      `the line discount ${next.discountMinor} exceeds the line amount ${next.unitPriceMinor * next.quantity}`,
    );
  }
  return { line, next };
}

export async function updateLine(c: CommandContext, lineId: string, body: z.output<typeof UpdateLineRequest>): Promise<CommandOutcome> {
  const { order, actor, tx } = c;
  const { line, next } = changedLine(order, lineId, body);
  const quantity = next.quantity;
  const changes: Record<string, { from: unknown; to: unknown }> = Object.fromEntries(
    (['quantity', 'unitPriceMinor', 'taxRateBps', 'discountMinor', 'name'] as const)
      .filter((k) => next[k] !== line[k])
      .map((k) => [k, { from: line[k], to: next[k] }]),
  );
  if (body.metadata) changes.metadata = { from: line.metadata, to: next.metadata };
  const changed = { ...order, lines: order.lines.map((l) => (l.id === lineId ? next : l)) };
  const saved = await recordChange(tx, { ...changed, totals: totalsOf(changed) }, actor, 'order-line-updated', {
    lineId,
    sku: line.sku,
    changes,
    reason: body.reason ?? null,
  });
  let routing: RoutingResult | null = null;
  if (quantity < line.quantity && isRouted(order))
    await removeLineUnits(tx, order, line, line.quantity - quantity, true, body.reason ?? 'line quantity reduced', actor);
  if (quantity > line.quantity) routing = await routeAdded(c, saved, next, quantity - line.quantity);
  return { extra: { line: next, routing: routingSummary(routing) } };
}

/** The line a removal takes off; refuses what the remove route refuses. */
export function removedLine(order: OrderDocument, lineId: string): OrderLine {
  assertEditable(order);
  const line = findLine(order, lineId);
  if (order.lines.filter((l) => l.quantity > 0).length === 1 && line.quantity > 0) {
    throw problems.conflict('order_needs_a_line', 'this is the last line of the order: cancel the order instead', {
      currentVersion: order.version,
    });
  }
  if ((line.refundedQuantity ?? 0) > 0)
    throw problems.conflict('order_line_units_refunded', `units of ${line.sku} were refunded; the line stays on record`, {
      currentVersion: order.version,
    });
  return line;
}

export async function removeLine(c: CommandContext, lineId: string, reason: string | undefined): Promise<CommandOutcome> {
  const { order, actor, tx } = c;
  const line = removedLine(order, lineId);
  const changed = { ...order, lines: order.lines.filter((l) => l.id !== lineId) };
  await recordChange(tx, { ...changed, totals: totalsOf(changed) }, actor, 'order-line-removed', {
    lineId,
    sku: line.sku,
    quantity: line.quantity,
    totalMinor: line.totalMinor,
    reason: reason ?? null,
  });
  if (isRouted(order) && line.quantity > 0) await removeLineUnits(tx, order, line, line.quantity, true, reason ?? 'line removed', actor);
  return { extra: { removedLine: line } };
}

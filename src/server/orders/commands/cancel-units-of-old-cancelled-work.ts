import { z } from 'zod';
import type { CancelledWorkUnitsTaken, TaskView } from '../../../shared/api/tasks';
import type { Actor } from '../../../shared/events/station-events';
import type { Queryable } from '../../db/database';
import { problems } from '../../http/problem';
import { formatMoney } from '../../notifications/render-notification';
import { TASK_CLOSED } from '../../tasks/accept-shipment';
import { updateTask } from '../../tasks/task-store';
import { loadOrder } from '../order-store';
import { cancelUnitsOfCancelledWork } from './cancel-units-of-cancelled-work';

/** The task migration 0023 opened for an order still charging for work cancelled before: its kind and what it lists. */
export const CANCELLED_WORK_UNITS_TASK = 'cancelled-work-units';
const ListedWork = z.array(
  z.object({
    fulfillmentOrderId: z.string().uuid(),
    warehouse: z.string(),
    units: z.array(z.object({ lineId: z.string().uuid(), quantity: z.number().int().min(1) })),
  }),
);

/**
 * A supervisor, having checked that nobody put it right by hand, cancels on the order the units of
 * work cancelled before such a cancel did so (the task lists them): exactly what the cancel does
 * now (cancelUnitsOfCancelledWork: the total and balance due drop by their price, only what was
 * captured for them is refunded, an order left with nothing to ship is cancelled), then the task is
 * resolved saying so. Units taken off the lines since (an edit) are not taken twice.
 */
export async function cancelUnitsOfOldCancelledWork(
  tx: Queryable,
  task: TaskView,
  by: { actor: Actor; note?: string },
): Promise<CancelledWorkUnitsTaken> {
  if (task.status !== 'open' && task.status !== 'in_progress') throw problems.conflict('task_not_open', TASK_CLOSED);
  const listed = ListedWork.safeParse(task.detail.fulfillmentOrders);
  if (task.kind !== CANCELLED_WORK_UNITS_TASK || !task.orderId || !listed.success)
    throw problems.conflict('task_not_cancelled_work', 'This task does not list cancelled work whose units are still on an order');
  const order = await loadOrder(tx, task.orderId, true);
  if (order.status === 'cancelled' || order.status === 'refunded')
    throw problems.conflict(
      'order_status_final',
      `${order.number} was ${order.status} since: nothing is left to take off it. Resolve the task with a note`,
    );
  const result: Omit<CancelledWorkUnitsTaken, 'task'> = { units: [], removedMinor: 0, refundedMinor: 0, cancelledWholeOrder: false };
  for (const work of listed.data) {
    if (result.cancelledWholeOrder) break;
    const why = { reason: `cancelled at ${work.warehouse} before its units left the order`, fulfillmentOrderId: work.fulfillmentOrderId };
    const done = await cancelUnitsOfCancelledWork(tx, order.id, work.units, why, by.actor);
    result.units.push(...done.lines);
    result.removedMinor += done.removedMinor;
    result.cancelledWholeOrder = done.cancelledWholeOrder;
  }
  const after = await loadOrder(tx, order.id);
  // A cancel of the whole order (left with nothing to ship) refunds too: the order's own count says all.
  result.refundedMinor = after.totals.refundedMinor - order.totals.refundedMinor;
  const who = by.actor.name ?? by.actor.id;
  const money = (minor: number) => formatMoney(minor, order.currency, 'en');
  const units = result.units.reduce((n, u) => n + u.quantity, 0);
  const note =
    `${who} cancelled on ${order.number} the ${units === 1 ? 'unit' : `${units} units`} its cancelled work still charged for` +
    (result.cancelledWholeOrder ? ', which left it with nothing to ship: the order is cancelled' : '') +
    `; its total is now ${money(after.totals.totalMinor)}, ${money(result.refundedMinor)} refunded${by.note ? `. ${by.note}` : ''}`;
  return { task: await updateTask(tx, task, { status: 'done', note }, by.actor), ...result };
}

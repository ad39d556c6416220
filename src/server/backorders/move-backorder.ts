import type { Queryable } from '../db/database';
import type { BackorderView } from '../../shared/api/fulfillment';
import type { Actor } from '../../shared/events/station-events';
import { backorderRefusalWords } from '../../shared/words/refusal-words';
import { problems } from '../http/problem';
import { appendTimeline } from '../timeline/timeline';
import { loadBackorder, lockSkuQueue, setBackorderPriority } from './backorder-store';
import { inQueueOrder, planQueueMove } from './queue-move';

/**
 * Moves a backorder one place up or down its SKU's queue as a warehouse sees it (waiting
 * backorders and those allocated there), renumbering only the priorities that must change: a
 * SKU's stock serves only that SKU's backorders, so passing another SKU's would change nothing.
 * The queue stays locked until the transaction ends, so two moves never interleave.
 */
export async function moveBackorder(
  tx: Queryable,
  id: string,
  move: { direction: 'up' | 'down'; reason: string; warehouseId: string | null; past?: string },
  actor: Actor,
): Promise<BackorderView> {
  const b = await loadBackorder(tx, id, true);
  if (b.status !== 'waiting' && b.status !== 'allocated')
    throw problems.conflict('backorder_status_final', backorderRefusalWords(b, 'move'));
  const queue = inQueueOrder(await lockSkuQueue(tx, move.warehouseId, b.sku));
  if (move.past) await refuseOtherSku(tx, b, move.past);
  const plan = planQueueMove(queue, id, move.direction, `the ${b.sku} backorders`);
  if (move.past && plan.passed !== move.past)
    throw problems.conflict(
      'backorder_queue_changed',
      `the ${b.sku} queue changed meanwhile: the backorder is no longer next to the one named; refresh and try again`,
    );
  for (const change of plan.changes) await setBackorderPriority(tx, change.id, change.to);
  const own = plan.changes.find((c) => c.id === id);
  await appendTimeline(tx, {
    type: 'backorder-moved',
    orderId: b.orderId,
    entityIds: { backorderId: b.id, lineId: b.lineId, passedBackorderId: plan.passed },
    payload: {
      direction: move.direction,
      reason: move.reason,
      // Places count from 1, as a supervisor reads the queue.
      place: { from: plan.from + 1, to: plan.to + 1 },
      priority: { from: b.priority, to: own?.to ?? b.priority },
      // Other backorders renumbered to keep their places: recorded here, on the move that did it.
      renumbered: plan.changes.filter((c) => c.id !== id).map((c) => ({ backorderId: c.id, from: c.from, to: c.to })),
    },
    actor,
  });
  return loadBackorder(tx, id);
}

/** Priority only orders one SKU's backorders: a move past another SKU's is a mistake, said as one. */
async function refuseOtherSku(tx: Queryable, b: BackorderView, pastId: string): Promise<void> {
  const past = await loadBackorder(tx, pastId);
  if (past.sku !== b.sku)
    throw problems.conflict(
      'backorder_other_sku',
      `${b.sku} and ${past.sku} are queued apart: a backorder moves only among the ${b.sku} backorders, which ${b.sku} stock serves`,
    );
}

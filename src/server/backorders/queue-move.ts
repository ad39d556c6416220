import { BACKORDER_PRIORITY_LIMIT } from '../../shared/api/fulfillment';
import { problems } from '../http/problem';

/** A backorder's place in the queue: its priority, and its age rank (created_at, then id), which breaks ties. */
export interface QueueEntry {
  id: string;
  priority: number;
  age: number;
}

export interface PriorityChange {
  id: string;
  from: number;
  to: number;
}

export interface QueueMove {
  /** Places in the queue, 0 first, before and after. */
  from: number;
  to: number;
  /** The backorder it changed places with. */
  passed: string;
  /** Every priority that changes, the moved backorder's included when it does. */
  changes: PriorityChange[];
}

/** a is served before b: higher priority, then older (QUEUE_ORDER). */
const servedBefore = (a: QueueEntry, b: QueueEntry) => a.priority > b.priority || (a.priority === b.priority && a.age < b.age);

export const inQueueOrder = (entries: readonly QueueEntry[]): QueueEntry[] =>
  [...entries].sort((a, b) => b.priority - a.priority || a.age - b.age);

/**
 * The priorities that move one backorder exactly one place, past its neighbour. Ties are broken
 * by age, which cannot change, so a swap can take renumbering a run of others (with every
 * priority 0: all those above it, or all those below). Both ways are worked out and the one that
 * changes fewer backorders is taken; on a tie, the one that changes the moved backorder itself.
 */
export function planQueueMove(queue: readonly QueueEntry[], id: string, direction: 'up' | 'down', queueName = 'the queue'): QueueMove {
  const from = queue.findIndex((e) => e.id === id);
  if (from < 0) throw new Error(`backorder ${id} is not in the queue it is moved in`);
  const to = direction === 'up' ? from - 1 : from + 1;
  if (to < 0 || to >= queue.length)
    throw problems.conflict('backorder_at_queue_end', `the backorder is already ${direction === 'up' ? 'first' : 'last'} in ${queueName}`);
  const wanted = [...queue];
  [wanted[from], wanted[to]] = [wanted[to]!, wanted[from]!];
  const upper = Math.min(from, to);
  const plans = [raising(wanted, upper), lowering(wanted, upper + 1)]
    .filter((plan) => [...plan.values()].every((p) => Math.abs(p) <= BACKORDER_PRIORITY_LIMIT))
    .sort((a, b) => a.size - b.size || Number(b.has(id)) - Number(a.has(id)));
  const plan = plans[0];
  if (!plan)
    throw problems.conflict(
      'backorder_priority_limit',
      `moving it would take a priority past ±${BACKORDER_PRIORITY_LIMIT}; set the priorities by hand`,
    );
  const before = new Map(queue.map((e) => [e.id, e.priority]));
  return {
    from,
    to,
    passed: queue[to]!.id,
    changes: [...plan].map(([changed, p]) => ({ id: changed, from: before.get(changed)!, to: p })),
  };
}

/** Raises wanted[at], and those above it for as long as they would no longer be ahead of the one below. */
function raising(wanted: readonly QueueEntry[], at: number): Map<string, number> {
  const next = new Map<string, number>();
  for (let k = at; k >= 0; k--) {
    const e = wanted[k]!;
    const below = { ...wanted[k + 1]!, priority: next.get(wanted[k + 1]!.id) ?? wanted[k + 1]!.priority };
    if (servedBefore(e, below)) break;
    next.set(e.id, e.age < below.age ? below.priority : below.priority + 1);
  }
  return next;
}

/** Lowers wanted[at], and those below it for as long as they would no longer be behind the one above. */
function lowering(wanted: readonly QueueEntry[], at: number): Map<string, number> {
  const next = new Map<string, number>();
  for (let k = at; k < wanted.length; k++) {
    const e = wanted[k]!;
    const above = { ...wanted[k - 1]!, priority: next.get(wanted[k - 1]!.id) ?? wanted[k - 1]!.priority };
    if (servedBefore(above, e)) break;
    next.set(e.id, e.age > above.age ? above.priority : above.priority - 1);
  }
  return next;
}

import type { FulfillmentStationEvent } from '../../shared/events/station-events';
import type { Queryable } from '../db/database';
import { lockOpenConflictTasks, retitleTasks, type OpenConflictTask } from '../tasks/task-store';
import { timelineEventsById, type TimelineEventView } from '../timeline/timeline';
import { joinConflictTask } from './conflict-join';
import { conflictWeight, type ConflictTask, type TaskRow } from './push-classify';

/**
 * One mistake spread over pushes is one task: a push's conflict task joins the sync-conflict task
 * still open for the same fulfillment order, station and follow-up, its title rebuilt over all
 * their events (the earlier ones read back from the timeline). Returns the conflict tasks to open
 * as new. A fixed number of statements: none without conflicts, the lock alone when none is open,
 * three otherwise. Pushes of one station run one at a time (push-state.ts holds the station's
 * row lock), so two of them never both join nor both open; the task's own lock keeps a
 * supervisor from closing it under the push.
 */
export async function joinOpenConflictTasks(tx: Queryable, stationId: string, conflicts: readonly ConflictTask[]): Promise<TaskRow[]> {
  if (!conflicts.length) return [];
  const open = await lockOpenConflictTasks(
    tx,
    stationId,
    conflicts.map(({ task }) => ({ orderId: task.orderId, fulfillmentOrderId: task.fulfillmentOrderId, followUp: task.detail.followUp })),
  );
  if (!open.length) return conflicts.map((c) => c.task);
  const listed = await timelineEventsById(
    tx,
    open.flatMap((t) => detailOf(t).eventIds),
  );
  const earlier = new Map(listed.map((e) => [e.id, e]));
  const fresh: TaskRow[] = [];
  const joined: { id: string; title: string; detail: Record<string, unknown> }[] = [];
  for (const next of conflicts) {
    // The oldest, should a reopened task and a newer one both be open.
    const task = open.find((t) => t.fulfillmentOrderId === next.task.fulfillmentOrderId && t.detail.followUp === next.task.detail.followUp);
    if (!task) {
      fresh.push(next.task);
      continue;
    }
    const stored = storedConflictTask(task, next, earlier);
    joinConflictTask(stored, next);
    joined.push({ id: task.id, title: stored.task.title, detail: stored.task.detail });
  }
  await retitleTasks(tx, joined);
  return fresh;
}

/** Only tasks opened by a conflict (push-classify.ts) record a station and follow-up, so only their detail is matched. */
const detailOf = (task: OpenConflictTask) => task.detail as ConflictTask['task']['detail'];

/**
 * An open task as the conflict task it was opened from: its events, its lead and its cause. The
 * title's other words (the order, its items, the station) come from the push joining it.
 */
function storedConflictTask(task: OpenConflictTask, next: ConflictTask, earlier: ReadonlyMap<string, TimelineEventView>): ConflictTask {
  const detail = detailOf(task);
  const lead = detail.eventType as FulfillmentStationEvent['type'];
  return {
    key: next.key,
    weight: conflictWeight(lead),
    events: detail.eventIds.flatMap((id) => {
      const e = earlier.get(id);
      return e ? [stationEventOf(e)] : [];
    }),
    lead,
    why: detail.why,
    titleOf: next.titleOf,
    task: { ...next.task, id: task.id, title: task.title, eventId: task.eventId ?? next.task.eventId, detail: { ...detail } },
  };
}

/** A pushed event as the timeline keeps it: checked when it was pushed, so taken back as it was. */
function stationEventOf(e: TimelineEventView): FulfillmentStationEvent {
  return {
    id: e.id,
    type: e.type,
    stationId: e.stationId,
    seq: e.stationSeq,
    orderId: e.orderId,
    fulfillmentOrderId: e.fulfillmentOrderId,
    actor: e.actor,
    occurredAt: e.occurredAt,
    payload: e.payload,
  } as unknown as FulfillmentStationEvent;
}

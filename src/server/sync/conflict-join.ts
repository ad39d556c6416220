import type { ConflictTask } from './push-classify';

/**
 * Adds `next`'s events to the conflict task `open` (same order, station and follow-up): listed in
 * its detail, the most pressing one says what to do, and the title is rebuilt over them all
 * (one item scanned twice reads "2 × …") with the cause of `open`'s first event. The same rule
 * whether `next` comes later in the batch (push-effects.ts) or in a later push (push-conflict-tasks.ts).
 */
export function joinConflictTask(open: ConflictTask, next: ConflictTask): void {
  open.task.detail.eventIds = [...open.task.detail.eventIds, ...next.task.detail.eventIds];
  open.task.detail.eventTypes = [...open.task.detail.eventTypes, ...next.task.detail.eventTypes];
  open.events = [...open.events, ...next.events];
  if (next.weight > open.weight) {
    open.weight = next.weight;
    open.lead = next.lead;
    open.task.detail.eventType = next.task.detail.eventType;
  }
  open.task.title = open.titleOf(open.events, open.lead, open.why);
}

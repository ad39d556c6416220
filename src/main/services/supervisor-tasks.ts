import type { z } from 'zod';
import { listOf } from '../../shared/api/list-page';
import {
  AcceptedShipment,
  CancelledWorkUnitsTaken,
  SHARED_SSCC_TASK,
  SharedSsccDetail,
  TaskView,
  WrittenOffShipment,
  hasShipmentToAccept,
} from '../../shared/api/tasks';
import { TimelineEventView } from '../../shared/api/timeline';
import type { CallerBound } from '../../shared/contract/index';
import type { SupervisorTask, supervisorHandlers } from '../../shared/contract/supervisor';
import { orderEnded } from '../../shared/sync/package-moves';

/** A call to the server as the supervisor signed in here (supervisor-desk.ts). */
export type SupervisorCall = <S extends z.ZodType>(
  answer: S,
  method: string,
  path: string,
  body?: unknown,
  headers?: Record<string, string>,
) => Promise<z.output<S>>;

type TaskHandlerName =
  | 'supervisor.tasks'
  | 'supervisor.resolve-task'
  | 'supervisor.accept-shipment'
  | 'supervisor.write-off-shipment'
  | 'supervisor.cancel-work-units';

/**
 * The supervisor desk's conflicts and tasks: listed with what happened (from the timeline), and
 * resolved, accepted or written off as the supervisor saw them (supervisor-desk.ts makes `call`).
 */
export function taskHandlers(call: SupervisorCall): Pick<CallerBound<typeof supervisorHandlers>, TaskHandlerName> {
  return {
    'supervisor.tasks': async () => {
      const page = await call(listOf(TaskView), 'GET', '/v1/orders/tasks?limit=200');
      const timelines = new Map<string, Promise<TimelineEventView[]>>();
      return Promise.all(page.data.map((t) => taskOf(call, t, timelines)));
    },
    // Each as the supervisor saw the task (If-Match): one that changed since is refused with version_mismatch, in words.
    'supervisor.resolve-task': async ({ taskId, version, note }) =>
      taskOf(call, await call(TaskView, 'PATCH', `/v1/orders/tasks/${taskId}`, { status: 'done', note }, asShown(version)), new Map()),
    'supervisor.accept-shipment': async ({ taskId, version, note }) => {
      const accepted = await call(
        AcceptedShipment,
        'POST',
        `/v1/orders/tasks/${taskId}/accept-shipment`,
        note ? { note } : {},
        asShown(version),
      );
      return taskOf(call, accepted.task, new Map());
    },
    'supervisor.write-off-shipment': async ({ taskId, version, note }) => {
      const writtenOff = await call(
        WrittenOffShipment,
        'POST',
        `/v1/orders/tasks/${taskId}/write-off-shipment`,
        note ? { note } : {},
        asShown(version),
      );
      return taskOf(call, writtenOff.task, new Map());
    },
    // Work cancelled before its cancel took the units off the order: they come off now, as the cancel does today.
    'supervisor.cancel-work-units': async ({ taskId, version, note }) => {
      const taken = await call(
        CancelledWorkUnitsTaken,
        'POST',
        `/v1/orders/tasks/${taskId}/cancel-units`,
        note ? { note } : {},
        asShown(version),
      );
      return taskOf(call, taken.task, new Map());
    },
  };
}

/** If-Match for the task version the supervisor's screen showed (the server's ETag is the version in quotes). */
export const asShown = (version: number) => ({ 'if-match': `"${version}"` });

export async function taskOf(
  call: SupervisorCall,
  task: TaskView,
  timelines: Map<string, Promise<TimelineEventView[]>>,
): Promise<SupervisorTask> {
  let event: SupervisorTask['event'] = null;
  let parcel: SupervisorTask['parcel'] = null;
  if (task.eventId && task.orderId) {
    if (!timelines.has(task.orderId))
      timelines.set(
        task.orderId,
        call(listOf(TimelineEventView), 'GET', `/v1/orders/${task.orderId}/timeline`).then((r) => r.data),
      );
    const timeline = await timelines.get(task.orderId)!;
    const e = timeline.find((x) => x.id === task.eventId);
    if (e) event = { type: e.type, outcome: e.outcome, actorName: e.actor.name ?? null, stationId: e.stationId, occurredAt: e.occurredAt };
    parcel = parcelOf(task, timeline);
  }
  const message = typeof task.detail.message === 'string' ? task.detail.message : null;
  const open = task.status !== 'done' && task.status !== 'cancelled';
  const parcelToSettle = open && hasShipmentToAccept(task);
  const ended = task.fulfillmentOrderStatus !== null && orderEnded({ status: task.fulfillmentOrderStatus });
  return {
    id: task.id,
    kind: task.kind,
    status: task.status,
    title: task.title,
    orderId: task.orderId,
    orderNumber: task.orderNumber,
    customerName: task.customerName,
    fulfillmentOrderId: task.fulfillmentOrderId,
    createdAt: task.createdAt,
    version: task.version,
    parcel,
    shipmentToAccept: parcelToSettle && !ended,
    shipmentToWriteOff: parcelToSettle && ended,
    parcelsToRelabel: open ? parcelsSharingSscc(task) : [],
    message,
    event,
  };
}

/**
 * The package the task's events are about (a conflict gathers a batch's events in detail.eventIds;
 * the one naming the task may be an earlier scan), and its SSCC and tracking number from the
 * last label printed for it, conflicted or not: a label printed offline never reached the server's package.
 */
function parcelOf(task: TaskView, timeline: TimelineEventView[]): SupervisorTask['parcel'] {
  const listed = task.detail.eventIds;
  const ids = new Set(Array.isArray(listed) ? listed.filter((x) => typeof x === 'string') : [task.eventId]);
  const packageId = timeline.find((e) => ids.has(e.id) && e.entityIds.packageId)?.entityIds.packageId;
  if (!packageId) return null;
  const label = timeline.findLast((e) => e.type === 'label-printed' && e.entityIds.packageId === packageId);
  const text = (v: unknown) => (typeof v === 'string' && v ? v : null);
  return { sscc: text(label?.payload.sscc), trackingNumber: text(label?.payload.trackingNumber) };
}

/** The parcels a duplicate-sscc task names, each of which the supervisor may relabel. */
function parcelsSharingSscc(task: TaskView): SupervisorTask['parcelsToRelabel'] {
  const detail = task.kind === SHARED_SSCC_TASK ? SharedSsccDetail.safeParse(task.detail) : null;
  return detail?.success ? detail.data.packages.map((p) => ({ packageId: p.packageId, orderNumber: p.orderNumber })) : [];
}

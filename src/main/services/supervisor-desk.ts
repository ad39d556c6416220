import type { z } from 'zod';
import { ACTING_USER_HEADER } from '../../shared/api/acting-user';
import { BackorderChanged, BackorderStockOptions, BackorderView } from '../../shared/api/fulfillment';
import { listOf } from '../../shared/api/list-page';
import { CancelledOrder } from '../../shared/api/order-commands';
import { StationList, WarehouseList } from '../../shared/api/stations';
import { AcceptedShipment, TaskView, WrittenOffShipment, hasShipmentToAccept } from '../../shared/api/tasks';
import { orderEnded } from '../../shared/sync/package-moves';
import { TimelineEventView } from '../../shared/api/timeline';
import { HandlerError } from '../../shared/contract/dispatch';
import { perCaller, type CallerBound, type Implementation, type StationIdentity, type StationUser } from '../../shared/contract/index';
import {
  supervisorHandlers,
  type StationOption,
  type SupervisorBackorder,
  type SupervisorFulfillmentOrder,
  type SupervisorTask,
} from '../../shared/contract/supervisor';
import { FulfillmentDocument } from '../../shared/sync/fulfillment-document';
import type { ServerLink } from './server-link';
import { backorderOf, skuQueues } from './supervisor-backorders';

export interface SupervisorDeskOptions {
  link: ServerLink;
  identity: () => StationIdentity;
  /** Who is signed in on a device. */
  signedIn: (deviceId: string) => StationUser | null;
}

const SUPERVISING_ROLES: readonly StationUser['role'][] = ['supervisor', 'admin'];

/**
 * Supervisor work from this station: every call goes to the server as the person signed in here
 * (the station credential plus the acting-user header), so the server applies that person's role
 * and records them, with this station, on the timeline. Nothing here works offline: these are
 * decisions about other stations' and warehouses' work, which only the server can take.
 * Each call acts as the person signed in on the calling device.
 */
export function createSupervisorDesk(options: SupervisorDeskOptions): Implementation<typeof supervisorHandlers> {
  return perCaller(supervisorHandlers, (caller) => supervisorDeskFor({ ...options, signedIn: () => options.signedIn(caller.deviceId) }));
}

function supervisorDeskFor({
  link,
  identity,
  signedIn,
}: Omit<SupervisorDeskOptions, 'signedIn'> & { signedIn: () => StationUser | null }): CallerBound<typeof supervisorHandlers> {
  const { supervisor, call } = supervisorCalls(link, signedIn);

  const here = () => {
    const id = identity();
    if (!id.warehouseId || !id.stationId)
      throw new HandlerError('station_not_enrolled', 'this station is not enrolled with a server yet', 409);
    return { warehouseId: id.warehouseId, stationId: id.stationId };
  };

  /** Waiting backorders (at no warehouse yet) and those allocated here, by SKU, each SKU's in the server's queue order. */
  async function backorders(): Promise<SupervisorBackorder[]> {
    const { warehouseId } = here();
    const [waiting, allocated] = await Promise.all([
      call(listOf(BackorderView), 'GET', '/v1/backorders?status=waiting&limit=200'),
      call(listOf(BackorderView), 'GET', `/v1/backorders?status=allocated&warehouseId=${warehouseId}&limit=200`),
    ]);
    return skuQueues([...waiting.data, ...allocated.data]);
  }

  async function stations(): Promise<StationOption[]> {
    const { stationId } = here();
    const list = await call(StationList, 'GET', '/v1/stations');
    return list.data.map((s) => ({
      id: s.id,
      name: s.name,
      warehouseId: s.warehouseId,
      kind: s.kind,
      current: s.id === stationId,
      enrolled: s.enrolled,
      lastSeenAt: s.lastSeenAt,
    }));
  }

  async function fulfillmentOrderOf(doc: FulfillmentDocument, names?: Map<string, string>): Promise<SupervisorFulfillmentOrder> {
    const known = names ?? new Map((await stations()).map((s) => [s.id, s.name]));
    const { stationId } = here();
    return {
      id: doc.id,
      orderId: doc.orderId,
      orderNumber: doc.orderNumber,
      status: doc.status,
      holds: doc.holds,
      claimedBy: doc.claimedBy,
      claimedByName: doc.claimedBy ? (known.get(doc.claimedBy) ?? null) : null,
      elsewhere: doc.claimedBy !== null && doc.claimedBy !== stationId,
      customerName: doc.customerName,
      units: doc.lines.reduce((n, l) => n + l.quantity, 0),
      updatedAt: doc.updatedAt,
    };
  }

  const reason = (what: string) => `${what} by ${supervisor().name} at ${identity().stationName ?? 'a station'}`;

  return {
    'supervisor.backorders': backorders,
    'supervisor.backorder-stock': async ({ backorderId }) =>
      (await call(BackorderStockOptions, 'GET', `/v1/backorders/${backorderId}/stock`)).data,
    'supervisor.reassign-backorder': async ({ backorderId, ...target }) =>
      backorderOf((await call(BackorderChanged, 'POST', `/v1/backorders/${backorderId}/reassign`, target)).backorder),
    'supervisor.cancel-backorder': async ({ backorderId, reason: why }) =>
      backorderOf((await call(BackorderChanged, 'POST', `/v1/backorders/${backorderId}/cancel`, { reason: why })).backorder),
    'supervisor.reorder-backorder': async ({ backorderId, direction, past }) => {
      // One place in its SKU's queue on the server, renumbered there in one transaction.
      await call(BackorderView, 'POST', `/v1/backorders/${backorderId}/move`, {
        direction,
        past,
        reason: reason(`moved ${direction} the queue`),
      });
      return backorders();
    },
    'supervisor.fulfillment-orders': async () => {
      const { warehouseId } = here();
      const [held, busy, names] = await Promise.all([
        call(listOf(FulfillmentDocument), 'GET', `/v1/fulfillment-orders?warehouseId=${warehouseId}&status=on_hold&limit=200`),
        call(listOf(FulfillmentDocument), 'GET', `/v1/fulfillment-orders?warehouseId=${warehouseId}&status=in_progress&limit=200`),
        stations().then((list) => new Map(list.map((s) => [s.id, s.name]))),
      ]);
      return Promise.all([...held.data, ...busy.data].map((doc) => fulfillmentOrderOf(doc, names)));
    },
    'supervisor.hold': async ({ fulfillmentOrderId, ...hold }) =>
      fulfillmentOrderOf(await call(FulfillmentDocument, 'POST', `/v1/fulfillment-orders/${fulfillmentOrderId}/hold`, hold)),
    'supervisor.release': async ({ fulfillmentOrderId, note }) =>
      fulfillmentOrderOf(
        await call(FulfillmentDocument, 'POST', `/v1/fulfillment-orders/${fulfillmentOrderId}/release`, note ? { note } : {}),
      ),
    'supervisor.move-fulfillment-order': async ({ fulfillmentOrderId, ...target }) =>
      fulfillmentOrderOf(await call(FulfillmentDocument, 'POST', `/v1/fulfillment-orders/${fulfillmentOrderId}/move`, target)),
    'supervisor.take-back': async ({ fulfillmentOrderId, reason: why }) =>
      fulfillmentOrderOf(await call(FulfillmentDocument, 'POST', `/v1/fulfillment-orders/${fulfillmentOrderId}/unclaim`, { reason: why })),
    'supervisor.cancel-order': async ({ orderId, reason: why, restock }) => {
      // The whole order, as the office would cancel it: every warehouse's part and its backorders, refunded if paid.
      const order = await call(CancelledOrder, 'POST', `/v1/orders/${orderId}/cancel`, { reason: why, restock, refund: true });
      const names = new Map((await stations()).map((s) => [s.id, s.name]));
      const fulfillmentOrders = await Promise.all(order.fulfillmentOrders.map((doc) => fulfillmentOrderOf(doc, names)));
      return { id: order.id, orderNumber: order.number, fulfillmentOrders };
    },
    'supervisor.tasks': async () => {
      const page = await call(listOf(TaskView), 'GET', '/v1/orders/tasks?limit=200');
      const timelines = new Map<string, Promise<TimelineEventView[]>>();
      return Promise.all(page.data.map((t) => taskOf(call, t, timelines)));
    },
    'supervisor.resolve-task': async ({ taskId, note }) =>
      taskOf(call, await call(TaskView, 'PATCH', `/v1/orders/tasks/${taskId}`, { status: 'done', note }), new Map()),
    'supervisor.accept-shipment': async ({ taskId, note }) => {
      const accepted = await call(AcceptedShipment, 'POST', `/v1/orders/tasks/${taskId}/accept-shipment`, note ? { note } : {});
      return taskOf(call, accepted.task, new Map());
    },
    'supervisor.write-off-shipment': async ({ taskId, note }) => {
      const writtenOff = await call(WrittenOffShipment, 'POST', `/v1/orders/tasks/${taskId}/write-off-shipment`, note ? { note } : {});
      return taskOf(call, writtenOff.task, new Map());
    },
    'supervisor.warehouses': async () => {
      const { warehouseId } = here();
      const list = await call(WarehouseList, 'GET', '/v1/warehouses');
      return list.data.map((w) => ({ id: w.id, code: w.code, name: w.name, current: w.id === warehouseId }));
    },
    'supervisor.stations': stations,
  };
}

/** Calls to the server as the supervisor signed in here; a station that cannot reach the server says so plainly. */
function supervisorCalls(link: ServerLink, signedIn: () => StationUser | null) {
  function supervisor(): StationUser {
    const who = signedIn();
    if (!who) throw new HandlerError('supervisor_sign_in_required', 'Sign in as a supervisor to do supervisor work', 403);
    if (!SUPERVISING_ROLES.includes(who.role))
      throw new HandlerError(
        'supervisor_sign_in_required',
        `${who.name} is a ${who.role}: supervisor work needs a supervisor or admin signed in`,
        403,
      );
    return who;
  }

  async function call<S extends z.ZodType>(answer: S, method: string, path: string, body?: unknown): Promise<z.output<S>> {
    const who = supervisor();
    const unreachable = (detail: string | null) =>
      new HandlerError(
        'server_unreachable',
        `Supervisor work is done on the server, and this station cannot reach it${detail ? ` (${detail})` : ''}. Try again when the station is online.`,
        503,
      );
    if (!link.state().online) throw unreachable(link.state().lastError);
    try {
      return await link.request(answer, method, path, body, { [ACTING_USER_HEADER]: who.id });
    } catch (err) {
      if (err instanceof HandlerError && err.code === 'server_unreachable') throw unreachable(err.message);
      throw err;
    }
  }

  return { supervisor, call };
}
type SupervisorCall = ReturnType<typeof supervisorCalls>['call'];

async function taskOf(call: SupervisorCall, task: TaskView, timelines: Map<string, Promise<TimelineEventView[]>>): Promise<SupervisorTask> {
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
  const parcelToSettle = task.status !== 'done' && task.status !== 'cancelled' && hasShipmentToAccept(task);
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
    parcel,
    shipmentToAccept: parcelToSettle && !ended,
    shipmentToWriteOff: parcelToSettle && ended,
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

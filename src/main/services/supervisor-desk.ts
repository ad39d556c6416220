import type { z } from 'zod';
import { ACTING_USER_HEADER } from '../../shared/api/acting-user';
import { BackorderChanged, BackorderStockOptions, BackorderView } from '../../shared/api/fulfillment';
import { listOf } from '../../shared/api/list-page';
import { CancelledOrder, OrderCancelPreview } from '../../shared/api/order-commands';
import { StationList, WarehouseList } from '../../shared/api/stations';
import { HandlerError } from '../../shared/contract/dispatch';
import { perCaller, type CallerBound, type Implementation, type StationIdentity, type StationUser } from '../../shared/contract/index';
import {
  supervisorHandlers,
  type StationOption,
  type SupervisorBackorder,
  type SupervisorFulfillmentOrder,
} from '../../shared/contract/supervisor';
import { FulfillmentDocument } from '../../shared/sync/fulfillment-document';
import type { ServerLink } from './server-link';
import { backorderOf, skuQueues } from './supervisor-backorders';
import { cancelPreviewHere } from './supervisor-cancel-preview';
import { relabelHandler, type RelabelPrinting } from './supervisor-relabel';
import { taskHandlers } from './supervisor-tasks';

export interface SupervisorDeskOptions {
  link: ServerLink;
  identity: () => StationIdentity;
  /** Who is signed in on a device. */
  signedIn: (deviceId: string) => StationUser | null;
  /** A relabelled parcel's new label prints here (supervisor-relabel.ts). */
  printing: RelabelPrinting;
}

const SUPERVISING_ROLES: readonly StationUser['role'][] = ['supervisor', 'admin'];

/** Supervisor work, and news of it, is for a supervisor or an admin. */
export const supervises = (who: StationUser | null): boolean => !!who && SUPERVISING_ROLES.includes(who.role);

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
  printing,
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
    'supervisor.cancel-order-preview': async ({ orderId }) =>
      cancelPreviewHere(await call(OrderCancelPreview, 'GET', `/v1/orders/${orderId}/cancel-preview`), here().warehouseId),
    'supervisor.cancel-order': async ({ orderId, reason: why, restock }) => {
      // The whole order, as the office would cancel it: every warehouse's part and its backorders, refunded if paid.
      const order = await call(CancelledOrder, 'POST', `/v1/orders/${orderId}/cancel`, { reason: why, restock, refund: true });
      const names = new Map((await stations()).map((s) => [s.id, s.name]));
      const fulfillmentOrders = await Promise.all(order.fulfillmentOrders.map((doc) => fulfillmentOrderOf(doc, names)));
      return { id: order.id, orderNumber: order.number, fulfillmentOrders };
    },
    ...taskHandlers(call),
    'supervisor.relabel-package': relabelHandler(call, printing, supervisor),
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

  async function call<S extends z.ZodType>(
    answer: S,
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<z.output<S>> {
    const who = supervisor();
    // Why the server cannot be reached ("fetch failed", a timeout) is for support: in the details, not the words.
    const unreachable = (technical: string | null) =>
      new HandlerError(
        'server_unreachable',
        'Supervisor work is done on the server, and this station cannot reach it. Try again when the station is online.',
        503,
        { technical },
      );
    if (!link.state().online) throw unreachable(link.state().lastError);
    try {
      return await link.request(answer, method, path, body, { ...headers, [ACTING_USER_HEADER]: who.id });
    } catch (err) {
      if (err instanceof HandlerError && err.code === 'server_unreachable') throw unreachable(link.state().lastError);
      throw err;
    }
  }

  return { supervisor, call };
}

import { z } from 'zod';
import type { BackorderView } from '../api/fulfillment';
import { HOLD_REASONS, type FulfillmentStatus } from '../domain/fulfillment-status';
import { handler } from './handler';

/**
 * Supervisor work at a station: backorders, held and busy fulfillment orders, conflicts. It is
 * done online, on the server, as the person signed in here (main refuses without a supervisor
 * or admin signed in, and when the server is unreachable).
 */
const Id = z.string().uuid();
const Reason = z.string().trim().min(1, 'give a reason').max(1000);

/** A backorder of this warehouse's queue (or not yet at any warehouse), in allocation order. */
export type SupervisorBackorder = Pick<
  BackorderView,
  'id' | 'orderId' | 'orderNumber' | 'sku' | 'quantity' | 'status' | 'priority' | 'warehouseId' | 'createdAt'
>;

/** A fulfillment order that needs a supervisor's eye: on hold, or in progress at a station. */
export interface SupervisorFulfillmentOrder {
  id: string;
  orderId: string;
  orderNumber: string;
  status: FulfillmentStatus;
  holds: string[];
  claimedBy: string | null;
  /** The claiming station's name when it is one of this warehouse's stations. */
  claimedByName: string | null;
  /** Claimed by a station other than this one. */
  elsewhere: boolean;
  customerName: string;
  units: number;
  updatedAt: string;
}

/** An open task (a sync conflict, or follow-up work) with what happened, from the timeline. */
export interface SupervisorTask {
  id: string;
  kind: string;
  status: string;
  title: string;
  orderId: string | null;
  fulfillmentOrderId: string | null;
  createdAt: string;
  /** The server's explanation (a conflict's outcome message), when there is one. */
  message: string | null;
  /** The station event behind a conflict, as the timeline recorded it. */
  event: { type: string; outcome: string; actorName: string | null; stationId: string | null; occurredAt: string } | null;
}

export interface WarehouseOption {
  id: string;
  code: string;
  name: string;
  /** The warehouse of this station. */
  current: boolean;
}

export interface StationOption {
  id: string;
  name: string;
  warehouseId: string;
  /** This station. */
  current: boolean;
}

export const ReassignBackorder = z.object({ backorderId: Id, warehouseId: Id, stationId: Id.optional(), reason: Reason }).strict();
export const CancelBackorder = z.object({ backorderId: Id, reason: Reason }).strict();
export const ReorderBackorder = z.object({ backorderId: Id, direction: z.enum(['up', 'down']) }).strict();
export const HoldFulfillmentOrder = z
  .object({
    fulfillmentOrderId: Id,
    reasons: z.array(z.enum(HOLD_REASONS)).min(1).max(HOLD_REASONS.length),
    note: z.string().trim().max(1000).optional(),
  })
  .strict();
export const ReleaseFulfillmentOrder = z.object({ fulfillmentOrderId: Id, note: z.string().trim().max(1000).optional() }).strict();
export const MoveFulfillmentOrder = z
  .object({ fulfillmentOrderId: Id, warehouseId: Id.optional(), stationId: Id.optional(), reason: Reason })
  .strict()
  .refine((m) => m.warehouseId || m.stationId, { message: 'choose a warehouse or a station', path: ['stationId'] });
export const ResolveTask = z.object({ taskId: Id, note: z.string().trim().min(1, 'say how it was resolved').max(2000) }).strict();

const none = z.undefined().optional();

export const supervisorHandlers = {
  'supervisor.backorders': handler(none).returns<SupervisorBackorder[]>(),
  'supervisor.reassign-backorder': handler(ReassignBackorder).returns<SupervisorBackorder>(),
  'supervisor.cancel-backorder': handler(CancelBackorder).returns<SupervisorBackorder>(),
  'supervisor.reorder-backorder': handler(ReorderBackorder).returns<SupervisorBackorder[]>(),
  'supervisor.fulfillment-orders': handler(none).returns<SupervisorFulfillmentOrder[]>(),
  'supervisor.hold': handler(HoldFulfillmentOrder).returns<SupervisorFulfillmentOrder>(),
  'supervisor.release': handler(ReleaseFulfillmentOrder).returns<SupervisorFulfillmentOrder>(),
  'supervisor.move-fulfillment-order': handler(MoveFulfillmentOrder).returns<SupervisorFulfillmentOrder>(),
  'supervisor.tasks': handler(none).returns<SupervisorTask[]>(),
  'supervisor.resolve-task': handler(ResolveTask).returns<SupervisorTask>(),
  'supervisor.warehouses': handler(none).returns<WarehouseOption[]>(),
  'supervisor.stations': handler(none).returns<StationOption[]>(),
};

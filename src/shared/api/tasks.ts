import { z } from 'zod';
import { FULFILLMENT_STATUSES } from '../domain/fulfillment-status';

/** Follow-up work for people, and sync conflicts for a supervisor (GET/PATCH /v1/orders/tasks). */
export const TaskView = z.object({
  id: z.string(),
  kind: z.string(),
  status: z.string(),
  title: z.string(),
  orderId: z.string().nullable(),
  /** The order's number and customer, so a person can find its parcel or call its customer (null without an order). */
  orderNumber: z.string().nullable(),
  customerName: z.string().nullable(),
  fulfillmentOrderId: z.string().nullable(),
  /** That fulfillment order's status now (null without one): a parcel shipped for a cancelled order cannot be accepted onto it. */
  fulfillmentOrderStatus: z.enum(FULFILLMENT_STATUSES).nullable(),
  eventId: z.string().nullable(),
  warehouseId: z.string().nullable(),
  assignee: z.string().nullable(),
  dueAt: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()),
  version: z.number().int(),
  createdAt: z.string(),
  resolvedAt: z.string().nullable(),
});
export type TaskView = z.infer<typeof TaskView>;

/**
 * A station shipped a parcel the server never recorded (its order was moved to another station or
 * back to the pool while the station was offline): a sync conflict listing a package-shipped, for a
 * supervisor to accept. An actor conflict (the work was applied, by someone who may not do it
 * here) has nothing to accept: its parcel is on the order already.
 */
export function hasShipmentToAccept(task: Pick<TaskView, 'kind' | 'detail'>): boolean {
  const types = task.detail.eventTypes;
  return (
    task.kind === 'sync-conflict' &&
    task.detail.code !== 'actor_not_authorized' &&
    Array.isArray(types) &&
    types.includes('package-shipped')
  );
}

/** POST /v1/orders/tasks/{taskId}/write-off-shipment: what left the building, taken off stock where it left. */
export const WrittenOffShipment = z.object({
  task: TaskView,
  warehouseId: z.string(),
  /** Per SKU: taken off stock now; written off already when the order ended (not restocked); on hand after. */
  units: z.array(z.object({ sku: z.string(), quantity: z.number().int(), alreadyOff: z.number().int(), onHand: z.number().int() })),
});
export type WrittenOffShipment = z.infer<typeof WrittenOffShipment>;

/** POST /v1/orders/tasks/{taskId}/accept-shipment: an optional word for the resolution note. */
export const AcceptShipmentRequest = z.object({ note: z.string().trim().min(1).max(1000).optional() }).strict();

/** What accepting a shipment did: the task resolved, and the parcels now on the order, shipped from the station that packed them. */
export const AcceptedShipment = z.object({
  task: TaskView,
  fulfillmentOrderId: z.string(),
  stationId: z.string(),
  packageIds: z.array(z.string()),
});
export type AcceptedShipment = z.infer<typeof AcceptedShipment>;

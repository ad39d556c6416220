import { z } from 'zod';
import { FULFILLMENT_STATUSES } from '../domain/fulfillment-status';
import { ShippingLabelData } from '../labels/label-data';
import { SsccBlockRequest } from './sscc-blocks';

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

/**
 * POST /v1/orders/tasks/{taskId}/relabel-package: one of the parcels a duplicate-sscc task names
 * gets a new SSCC, numbered by the server from the range the station labels from (its label
 * settings), so the carrier never sees two parcels as one.
 */
export const RelabelPackageRequest = z
  .object({
    packageId: z.string().uuid('packageId is a UUID'),
    range: SsccBlockRequest,
    note: z.string().trim().min(1).max(1000).optional(),
  })
  .strict();
export type RelabelPackageRequest = z.infer<typeof RelabelPackageRequest>;

/**
 * What a relabel did: the task (resolved once at most one parcel carries the old SSCC), the
 * parcel's old and new SSCC, and what its new shipping label prints (its carrier and tracking
 * number unchanged: only the SSCC is new).
 */
export const RelabelledPackage = z.object({
  task: TaskView,
  fulfillmentOrderId: z.string(),
  orderId: z.string(),
  packageId: z.string(),
  previousSscc: z.string(),
  sscc: z.string(),
  label: ShippingLabelData,
});
export type RelabelledPackage = z.infer<typeof RelabelledPackage>;

/** The kind of task opened when two parcels carry one SSCC (server/packages/shared-sscc.ts). */
export const SHARED_SSCC_TASK = 'duplicate-sscc';

/** A duplicate-sscc task's detail, as shared-sscc.ts opens it: the SSCC, and every parcel that carried it then. */
export const SharedSsccDetail = z.object({
  sscc: z.string(),
  packages: z.array(z.object({ packageId: z.string(), fulfillmentOrderId: z.string(), orderId: z.string(), orderNumber: z.string() })),
});
export type SharedSsccDetail = z.infer<typeof SharedSsccDetail>;

/**
 * What cancelling the units of a task's cancelled work did (POST /v1/orders/tasks/{taskId}/cancel-units,
 * for work cancelled before its cancel took the units off the order): the task resolved, the units
 * taken off, what they were worth, what was refunded (the captured part), and whether the order,
 * left with nothing to ship, was cancelled.
 */
export const CancelledWorkUnitsTaken = z.object({
  task: TaskView,
  units: z.array(z.object({ lineId: z.string(), quantity: z.number().int(), amountMinor: z.number().int() })),
  removedMinor: z.number().int(),
  refundedMinor: z.number().int(),
  cancelledWholeOrder: z.boolean(),
});
export type CancelledWorkUnitsTaken = z.infer<typeof CancelledWorkUnitsTaken>;

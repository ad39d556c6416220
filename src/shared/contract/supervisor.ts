import { z } from 'zod';
import { BackorderStockOption, BackorderView } from '../api/fulfillment';
import { CancelMoney, CancelUnitStates } from '../api/order-commands';
import { StationKind } from '../api/stations';
import { FULFILLMENT_STATUSES, HOLD_REASONS } from '../domain/fulfillment-status';
import { handler } from './handler';

/**
 * Supervisor work at a station: backorders, held and busy fulfillment orders, conflicts. It is
 * done online, on the server, as the person signed in here (main refuses without a supervisor
 * or admin signed in, and when the server is unreachable).
 */
const Id = z.string().uuid();
const Reason = z.string().trim().min(1, 'give a reason').max(1000);

/**
 * A backorder of this warehouse's queue (or not yet at any warehouse), grouped by SKU, each SKU's
 * in allocation order. A SKU's stock serves only its own backorders, so the place that matters is
 * the one within its SKU (`queue`: 1 is served first); the server's priority numbers are not shown.
 */
export const SupervisorBackorder = BackorderView.pick({
  id: true,
  orderId: true,
  orderNumber: true,
  sku: true,
  quantity: true,
  status: true,
  warehouseId: true,
  createdAt: true,
}).extend({
  /** Null once it has left the queue (reassigned, cancelled). */
  queue: z.object({ place: z.number().int().min(1), of: z.number().int().min(1) }).nullable(),
});
export type SupervisorBackorder = z.infer<typeof SupervisorBackorder>;

/** A fulfillment order that needs a supervisor's eye: on hold, or in progress at a station. */
export const SupervisorFulfillmentOrder = z.object({
  id: z.string(),
  orderId: z.string(),
  orderNumber: z.string(),
  status: z.enum(FULFILLMENT_STATUSES),
  holds: z.array(z.string()),
  claimedBy: z.string().nullable(),
  /** The claiming station's name when it is one of this warehouse's stations. */
  claimedByName: z.string().nullable(),
  /** Claimed by a station other than this one. */
  elsewhere: z.boolean(),
  customerName: z.string(),
  units: z.number(),
  updatedAt: z.string(),
});
export type SupervisorFulfillmentOrder = z.infer<typeof SupervisorFulfillmentOrder>;

/** An open task (a sync conflict, or follow-up work) with what happened, from the timeline. */
export const SupervisorTask = z.object({
  id: z.string(),
  kind: z.string(),
  status: z.string(),
  title: z.string(),
  orderId: z.string().nullable(),
  orderNumber: z.string().nullable(),
  customerName: z.string().nullable(),
  fulfillmentOrderId: z.string().nullable(),
  createdAt: z.string(),
  /** The server's version of the task as shown: resolving it sends this, and a task changed since is refused (409 version_mismatch). */
  version: z.number().int(),
  /** The parcel the task's events are about, as its label named it: what to look for to stop it. */
  parcel: z.object({ sscc: z.string().nullable(), trackingNumber: z.string().nullable() }).nullable(),
  /** A station shipped a parcel the server never recorded (its order was moved away meanwhile): a supervisor may accept the shipment. */
  shipmentToAccept: z.boolean(),
  /** Such a parcel, but its order was cancelled or closed incomplete meanwhile: its units come off stock instead. */
  shipmentToWriteOff: z.boolean(),
  /** Parcels carrying one SSCC (an open duplicate-sscc task): a supervisor relabels all but one. Empty for other tasks. */
  parcelsToRelabel: z.array(z.object({ packageId: z.string(), orderNumber: z.string() })),
  /** The server's explanation (a conflict's outcome message), when there is one. */
  message: z.string().nullable(),
  /** The station event behind a conflict, as the timeline recorded it. */
  event: z
    .object({
      type: z.string(),
      outcome: z.string(),
      actorName: z.string().nullable(),
      stationId: z.string().nullable(),
      occurredAt: z.string(),
    })
    .nullable(),
});
export type SupervisorTask = z.infer<typeof SupervisorTask>;

export const WarehouseOption = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  /** The warehouse of this station. */
  current: z.boolean(),
});
export type WarehouseOption = z.infer<typeof WarehouseOption>;

export const StationOption = z.object({
  id: z.string(),
  name: z.string(),
  warehouseId: z.string(),
  /** Only packing stations are offered as the target of a move. */
  kind: StationKind,
  /** This station. */
  current: z.boolean(),
  /** Has traded its enrollment code for a credential. */
  enrolled: z.boolean(),
  /** When the server last heard from it; null when never. */
  lastSeenAt: z.string().nullable(),
});
export type StationOption = z.infer<typeof StationOption>;

export const ReassignBackorder = z.object({ backorderId: Id, warehouseId: Id, stationId: Id.optional(), reason: Reason }).strict();
export const CancelBackorder = z.object({ backorderId: Id, reason: Reason }).strict();
export const BackorderStock = z.object({ backorderId: Id }).strict();
/** One place within its SKU's queue, past `past`: the neighbour of the same SKU the supervisor sees there. */
export const ReorderBackorder = z.object({ backorderId: Id, direction: z.enum(['up', 'down']), past: Id }).strict();
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
/** Back to the pool from the station holding it (gone home with it open, or the station died): any station may take it. */
export const TakeBackFulfillmentOrder = z.object({ fulfillmentOrderId: Id, reason: Reason }).strict();
/**
 * The customer's whole order cancelled (every warehouse's part, its backorders; refunded if paid):
 * its unshipped units go back to stock, or its picked ones are written off (`restock: false`: picked and unsellable; units never picked are released).
 */
export const CancelCustomerOrder = z
  .object({ orderId: Id, reason: z.string().trim().min(1, 'give a reason').max(500), restock: z.boolean() })
  .strict();

/** Asks what cancelling the customer's order would do, before asking the supervisor. */
export const CancelOrderPreviewRequest = z.object({ orderId: Id }).strict();

/**
 * What cancelling the customer's whole order would do, as the server says (the question is built
 * from this): every unit that will not ship, those at other warehouses than this one, and the money
 * in the payment's terms (the refund is what the server's cancel refunds).
 */
export const SupervisorCancelPreview = z.object({
  orderId: z.string(),
  orderNumber: z.string(),
  customerName: z.string(),
  units: z.number().int().min(0),
  /** Units in live work at other warehouses, by warehouse code; this warehouse's are not listed. */
  elsewhere: z.array(z.object({ warehouse: z.string(), units: z.number().int().min(1) })),
  /** Where its units stand (picked, not picked yet, on backorder): what the cancel does to each; null when the server did not say (an older server). */
  unitStates: CancelUnitStates.nullable(),
  money: CancelMoney,
});
export type SupervisorCancelPreview = z.infer<typeof SupervisorCancelPreview>;

/** An order as its cancel left it, with its fulfillment orders (each cancelled unless it had ended already). */
export const SupervisorCancelledOrder = z.object({
  id: z.string(),
  orderNumber: z.string(),
  fulfillmentOrders: z.array(SupervisorFulfillmentOrder),
});
export type SupervisorCancelledOrder = z.infer<typeof SupervisorCancelledOrder>;

/** The longest resolution note: the task keeps it whole. */
export const RESOLUTION_NOTE_MAX = 2000;
/** The version of the task the supervisor read: a task that gained events since is not resolved unread. */
const ShownVersion = z.number().int().min(1);
export const ResolveTask = z
  .object({
    taskId: Id,
    version: ShownVersion,
    note: z
      .string()
      .trim()
      .min(1, 'say how it was resolved')
      .max(RESOLUTION_NOTE_MAX, `keep the note to ${RESOLUTION_NOTE_MAX} characters`),
  })
  .strict();

/** Accepts the parcel a conflict is about onto its order; the note is added to the resolution. */
export const AcceptShipment = z.object({ taskId: Id, version: ShownVersion, note: z.string().trim().min(1).max(1000).optional() }).strict();

/** Gives one of the parcels a duplicate-sscc task names a new SSCC, and prints its new label at this station. */
export const RelabelPackage = z
  .object({ taskId: Id, version: ShownVersion, packageId: Id, note: z.string().trim().min(1).max(1000).optional() })
  .strict();

/** What a relabel did: the task as it is now, the parcel's old and new SSCC, and where its new label prints. */
export const SupervisorRelabel = z.object({
  task: SupervisorTask,
  orderNumber: z.string(),
  previousSscc: z.string(),
  sscc: z.string(),
  /** The printer here the new label was queued on; null when it could not be (printProblem says why). */
  printerName: z.string().nullable(),
  printProblem: z.string().nullable(),
});
export type SupervisorRelabel = z.infer<typeof SupervisorRelabel>;

const none = z.undefined().optional();

export const supervisorHandlers = {
  'supervisor.backorders': handler(none, z.array(SupervisorBackorder)),
  'supervisor.backorder-stock': handler(BackorderStock, z.array(BackorderStockOption)),
  'supervisor.reassign-backorder': handler(ReassignBackorder, SupervisorBackorder),
  'supervisor.cancel-backorder': handler(CancelBackorder, SupervisorBackorder),
  'supervisor.reorder-backorder': handler(ReorderBackorder, z.array(SupervisorBackorder)),
  'supervisor.fulfillment-orders': handler(none, z.array(SupervisorFulfillmentOrder)),
  'supervisor.hold': handler(HoldFulfillmentOrder, SupervisorFulfillmentOrder),
  'supervisor.release': handler(ReleaseFulfillmentOrder, SupervisorFulfillmentOrder),
  'supervisor.move-fulfillment-order': handler(MoveFulfillmentOrder, SupervisorFulfillmentOrder),
  'supervisor.take-back': handler(TakeBackFulfillmentOrder, SupervisorFulfillmentOrder),
  'supervisor.cancel-order-preview': handler(CancelOrderPreviewRequest, SupervisorCancelPreview),
  'supervisor.cancel-order': handler(CancelCustomerOrder, SupervisorCancelledOrder),
  'supervisor.tasks': handler(none, z.array(SupervisorTask)),
  'supervisor.resolve-task': handler(ResolveTask, SupervisorTask),
  'supervisor.accept-shipment': handler(AcceptShipment, SupervisorTask),
  'supervisor.write-off-shipment': handler(AcceptShipment, SupervisorTask),
  'supervisor.relabel-package': handler(RelabelPackage, SupervisorRelabel),
  'supervisor.cancel-work-units': handler(AcceptShipment, SupervisorTask),
  'supervisor.warehouses': handler(none, z.array(WarehouseOption)),
  'supervisor.stations': handler(none, z.array(StationOption)),
};

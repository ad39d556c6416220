import { z } from 'zod';

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

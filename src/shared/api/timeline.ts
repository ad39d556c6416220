import { z } from 'zod';
import { Actor } from '../events/station-events';

/** One event on an order's timeline (GET /v1/orders/:id/timeline, the audit log). */
export const TimelineEventView = z.object({
  id: z.string(),
  position: z.number().int(),
  type: z.string(),
  /** The event in order-lifecycle's timeline types (docs/architecture.md, Domain: timeline event), or null. */
  lifecycleType: z
    .string()
    .nullable()
    .describe('the event in the order-lifecycle vocabulary (created, status_changed, payment_received, shipped, ...), or null'),
  /** @deprecated lifecycleType's first-release name, kept for one release. */
  seed000Type: z
    .string()
    .nullable()
    .meta({ deprecated: true, description: 'the first-release name of lifecycleType, kept for one release' }),
  orderId: z.string().nullable(),
  fulfillmentOrderId: z.string().nullable(),
  entityIds: z.record(z.string(), z.string()),
  payload: z.record(z.string(), z.unknown()),
  actor: Actor,
  stationId: z.string().nullable(),
  stationSeq: z.number().int().nullable(),
  occurredAt: z.string(),
  recordedAt: z.string(),
  outcome: z.string().describe('applied, conflicted or rejected'),
  outcomeCode: z.string().nullable(),
  outcomeMessage: z.string().nullable(),
});
export type TimelineEventView = z.infer<typeof TimelineEventView>;

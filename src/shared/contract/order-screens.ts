import { z } from 'zod';
import { handler } from './handler';

/**
 * One order open at one screen of a station at a time: each device keeps its own copy and
 * outbox, so two screens scanning the same order would count its units twice. Main, which all
 * devices share, keeps which device has which order open.
 */
export const OpenOnScreenRequest = z.object({ fulfillmentOrderId: z.string().uuid(), orderNumber: z.string().min(1).max(64) });

export const OpenOnScreenOutcome = z.union([
  z.object({ granted: z.literal(true) }),
  /** `message` is for the packer: which screen has it, and how it is freed. */
  z.object({ granted: z.literal(false), code: z.literal('open_elsewhere'), message: z.string() }),
]);
export type OpenOnScreenOutcome = z.infer<typeof OpenOnScreenOutcome>;

export const orderScreenHandlers = {
  /** Opens the order at this device unless another device with someone signed in has it open. */
  'screens.open-order': handler(OpenOnScreenRequest, OpenOnScreenOutcome),
  /** This device closed the order (shipped it, opened another, or none). */
  'screens.close-order': handler(z.object({ fulfillmentOrderId: z.string().uuid() }), z.object({ closed: z.boolean() })),
};

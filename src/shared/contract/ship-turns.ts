import { z } from 'zod';
import { handler } from './handler';

/**
 * Ship at one device of a station at a time. Each browser on the station host has its own
 * outbox, so a box packed at one screen reaches the others only after a push and a pull: main,
 * which every device shares, keeps one Ship per fulfillment order and knows every label printed.
 * `packageIds`: the packages the asking device's view holds (any status).
 */
export const ShipTurnRequest = z.object({
  fulfillmentOrderId: z.string().uuid(),
  orderNumber: z.string().min(1).max(64),
  packageIds: z.array(z.string().uuid()).max(500),
});
export type ShipTurnRequest = z.infer<typeof ShipTurnRequest>;

export const SHIP_TURN_REFUSALS = ['shipping_elsewhere', 'shipped_elsewhere'] as const;

export const ShipTurnOutcome = z.union([
  z.object({ granted: z.literal(true) }),
  /** `message` is for the packer: which screen, and that nothing was printed here. */
  z.object({ granted: z.literal(false), code: z.enum(SHIP_TURN_REFUSALS), message: z.string() }),
]);
export type ShipTurnOutcome = z.infer<typeof ShipTurnOutcome>;

export const shipTurnHandlers = {
  /** Before a package is made: granted unless another device is shipping the order or shipped a box this device has not seen. */
  'shipping.take-turn': handler(ShipTurnRequest, ShipTurnOutcome),
  /** Ship is done at this device (its label job exists, or it stopped): another device may ship the order. */
  'shipping.end-turn': handler(z.object({ fulfillmentOrderId: z.string().uuid() }), z.object({ ended: z.boolean() })),
};

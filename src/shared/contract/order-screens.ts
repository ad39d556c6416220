import { z } from 'zod';
import { handler } from './handler';
import { StationUser } from './station';

/**
 * One order open at one screen of a station at a time: each device keeps its own copy and
 * outbox, so two screens scanning the same order would count its units twice. Main, which all
 * devices share, keeps which device has which order open.
 */
export const OpenOnScreenRequest = z.object({ fulfillmentOrderId: z.string().uuid(), orderNumber: z.string().min(1).max(64) });

export const OpenOnScreenOutcome = z.union([
  z.object({ granted: z.literal(true) }),
  z.object({
    granted: z.literal(false),
    code: z.literal('open_elsewhere'),
    /** For the packer: which screen has it (theirs or someone's), whether it is connected now, and how it is freed. */
    message: z.string(),
    /**
     * The person asking has it open at another screen of theirs that is not connected now (a
     * closed page, a flat battery): they may pack it here instead (screens.take-order-here).
     */
    mayTakeHere: z.boolean().optional(),
  }),
]);
export type OpenOnScreenOutcome = z.infer<typeof OpenOnScreenOutcome>;

/** A screen (device) of this station where someone signed in has an order open, for a supervisor. */
export const ScreenWithOrder = z.object({
  deviceId: z.string(),
  /** What it was named when it paired, or its browser and system ("Chrome on Android"). */
  screenName: z.string(),
  fulfillmentOrderId: z.string().uuid(),
  orderNumber: z.string(),
  signedIn: StationUser,
  /** Its page is open and has called main lately (a screen switched off, or out of reach, is not). */
  connected: z.boolean(),
  /** When its page last called main (UTC ISO); null: not since the station started. */
  lastHeardAt: z.string().nullable(),
  /** The screen asking. */
  here: z.boolean(),
});
export type ScreenWithOrder = z.infer<typeof ScreenWithOrder>;

export const orderScreenHandlers = {
  /** Opens the order at this device unless another device with someone signed in has it open. */
  'screens.open-order': handler(OpenOnScreenRequest, OpenOnScreenOutcome),
  /** This device closed the order (shipped it, opened another, or none). */
  'screens.close-order': handler(z.object({ fulfillmentOrderId: z.string().uuid() }), z.object({ closed: z.boolean() })),
  /**
   * "Pack it here instead": the person signed in here has the order open at another screen of
   * theirs that is not connected now. They are signed out there and it opens here; refused as
   * `screens.open-order` is (with its words) when that does not hold.
   */
  'screens.take-order-here': handler(OpenOnScreenRequest, OpenOnScreenOutcome),
  /** The screens of this station with an order open by someone signed in (a supervisor or admin asks). */
  'screens.list': handler(z.undefined().optional(), z.array(ScreenWithOrder)),
  /** A supervisor signs a screen out (one switched off or lost): its order is free. Answers the list again. */
  'screens.sign-out': handler(z.object({ deviceId: z.string().min(1).max(200) }).strict(), z.array(ScreenWithOrder)),
};

import type { Implementation, StationUser } from '../../shared/contract/index';
import type { OpenOnScreenOutcome, orderScreenHandlers } from '../../shared/contract/order-screens';

/**
 * Which device of the station has which order open, so a second screen is told it is open at
 * the first instead of scanning its units again. Where people sign in, a device counts while
 * someone is signed in there: a screen left alone signs out when idle (settings), and its order
 * is free again. Where nobody is set up to sign in, it counts while its page is open (listening
 * to main); a closed or crashed page frees it.
 */
export function createOrderScreens({
  signedIn,
  signInSetUp,
  connected,
}: {
  signedIn: (deviceId: string) => StationUser | null;
  /** Whether anyone can sign in at this station (its list of people is not empty). */
  signInSetUp: () => boolean;
  /** Whether a page of the device listens to main now. */
  connected: (deviceId: string) => boolean;
}) {
  /** deviceId -> the fulfillment order open there. */
  const open = new Map<string, string>();

  /** Why `deviceId`'s open order is still held there: who works at it, or 'screen' for an open page nobody signs in at; null if it is free. */
  function holder(deviceId: string): StationUser | 'screen' | null {
    if (signInSetUp()) return signedIn(deviceId);
    return connected(deviceId) ? 'screen' : null;
  }

  function openHere(req: { fulfillmentOrderId: string; orderNumber: string }, deviceId: string): OpenOnScreenOutcome {
    for (const [other, id] of open) {
      const held = other !== deviceId && id === req.fulfillmentOrderId ? holder(other) : null;
      if (held === 'screen')
        return {
          granted: false,
          code: 'open_elsewhere',
          message: `${req.orderNumber} is open at the other screen: pack it there. It is free here once it is closed there, or that screen's page is closed.`,
        };
      if (held)
        return {
          granted: false,
          code: 'open_elsewhere',
          message: `${req.orderNumber} is open at the other screen (${held.name}): pack it there. It is free here once it is closed there or ${held.name} signs out.`,
        };
    }
    open.set(deviceId, req.fulfillmentOrderId);
    return { granted: true };
  }

  const handlers: Implementation<typeof orderScreenHandlers> = {
    'screens.open-order': async (req, { deviceId }) => openHere(req, deviceId),
    'screens.close-order': async ({ fulfillmentOrderId }, { deviceId }) => ({
      closed: open.get(deviceId) === fulfillmentOrderId && open.delete(deviceId),
    }),
  };
  return { handlers };
}

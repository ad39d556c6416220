import type { Implementation, StationUser } from '../../shared/contract/index';
import type { OpenOnScreenOutcome, orderScreenHandlers } from '../../shared/contract/order-screens';

/**
 * Which device of the station has which order open, so a second screen is told it is open at
 * the first instead of scanning its units again. A device counts while someone is signed in
 * there: a screen left alone signs out when idle (settings), and its order is free again. With
 * nobody set up to sign in, nothing is refused here (the Ship turn still is, ship-turns.ts).
 */
export function createOrderScreens({ signedIn }: { signedIn: (deviceId: string) => StationUser | null }) {
  /** deviceId -> the fulfillment order open there. */
  const open = new Map<string, string>();

  function openHere(req: { fulfillmentOrderId: string; orderNumber: string }, deviceId: string): OpenOnScreenOutcome {
    for (const [other, id] of open) {
      const person = other !== deviceId && id === req.fulfillmentOrderId ? signedIn(other) : null;
      if (person)
        return {
          granted: false,
          code: 'open_elsewhere',
          message: `${req.orderNumber} is open at the other screen (${person.name}): pack it there. It is free here once it is closed there or ${person.name} signs out.`,
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

import { HandlerError } from '../../shared/contract/dispatch';
import type { Implementation, ScreenWithOrder, StationUser } from '../../shared/contract/index';
import type { orderScreenHandlers } from '../../shared/contract/order-screens';
import type { DevicePresence } from './device-presence';
import type { OrderScreens } from './order-screens';
import { supervises } from './supervisor-desk';

/**
 * The station's screens with an order open, for a supervisor, who may sign one out: a handheld
 * whose battery died, or a browser closed for good, holds its order until its session idles out;
 * signed out, the order is free. Kept here in main, so it works offline.
 */
export function createScreensDesk({
  screens,
  presence,
  signedIn,
  screenName,
}: {
  screens: OrderScreens;
  presence: Pick<DevicePresence, 'present' | 'lastHeardAt'>;
  signedIn: (deviceId: string) => StationUser | null;
  /** What a screen is called (named as it paired). */
  screenName: (deviceId: string) => string;
}): Implementation<Pick<typeof orderScreenHandlers, 'screens.list' | 'screens.sign-out'>> {
  function supervisorAt(deviceId: string): StationUser {
    const who = signedIn(deviceId);
    if (who && supervises(who)) return who;
    throw new HandlerError(
      'supervisor_sign_in_required',
      who ? `${who.name} is a ${who.role}: a supervisor or admin signs a screen out` : 'Sign in as a supervisor to sign a screen out',
      403,
    );
  }

  function list(here: string): ScreenWithOrder[] {
    return screens.heldBySomeone().map(({ deviceId, order, signedIn: who }) => {
      const heard = presence.lastHeardAt(deviceId);
      return {
        deviceId,
        screenName: screenName(deviceId),
        fulfillmentOrderId: order.fulfillmentOrderId,
        orderNumber: order.orderNumber,
        signedIn: who,
        connected: presence.present(deviceId),
        lastHeardAt: heard === null ? null : new Date(heard).toISOString(),
        here: deviceId === here,
      };
    });
  }

  return {
    'screens.list': async (_, { deviceId }) => {
      supervisorAt(deviceId);
      return list(deviceId);
    },
    'screens.sign-out': async ({ deviceId: screen }, { deviceId }) => {
      const supervisor = supervisorAt(deviceId);
      if (screen === deviceId)
        throw new HandlerError('screen_is_yours', 'This is your own screen: use Sign out at the top to sign out here.', 409);
      const held = screens.heldBySomeone().find((s) => s.deviceId === screen);
      if (!held)
        throw new HandlerError(
          'screen_not_found',
          'Nobody has an order open at that screen now (it may have been signed out already).',
          404,
        );
      screens.signOutScreen(screen, { reason: 'supervisor', by: supervisor.name, orderNumber: held.order.orderNumber });
      return list(deviceId);
    },
  };
}

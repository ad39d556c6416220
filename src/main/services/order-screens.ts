import type { Implementation, StationUser } from '../../shared/contract/index';
import type { OpenOnScreenOutcome, orderScreenHandlers } from '../../shared/contract/order-screens';
import { openElsewhereMessage, type ScreenHolder } from './order-screen-words';
import type { SignedOutElsewhere } from './station-people';

type OpenRequest = { fulfillmentOrderId: string; orderNumber: string };

export interface OrderScreensOptions {
  signedIn: (deviceId: string) => StationUser | null;
  /** Whether anyone can sign in at this station (its list of people is not empty). */
  signInSetUp: () => boolean;
  /** Whether a page of the device listens to main now. */
  connected: (deviceId: string) => boolean;
  /** Whether the device's page is there now: listening, and heard from lately (device-presence.ts). */
  present: (deviceId: string) => boolean;
  /** What the device is called (named as it paired), so a packer knows which screen to go to. */
  screenName: (deviceId: string) => string;
  /** Signs out whoever is signed in on the device, saying why to its page (when it is back). */
  signOut: (deviceId: string, why: SignedOutElsewhere) => void;
}

/**
 * Which device of the station has which order open, so a second screen is told it is open at
 * the first instead of scanning its units again. Where people sign in, a device counts while
 * someone is signed in there: a screen left alone signs out when idle (settings), and its order
 * is free again; sooner, its own person may move the order to where they are when that screen is
 * gone (takeHere), and a supervisor may sign it out (screens-desk.ts). Where nobody is set up to
 * sign in, it counts while its page is open (listening to main); a closed or crashed page frees it.
 */
export function createOrderScreens(options: OrderScreensOptions) {
  const { signedIn, signInSetUp, connected, present, screenName } = options;
  /** deviceId -> the fulfillment order open there. */
  const open = new Map<string, OpenRequest>();

  /** Why `deviceId`'s open order is still held there: who works at it, or 'screen' for an open page nobody signs in at; null if it is free. */
  function holder(deviceId: string): ScreenHolder | null {
    if (signInSetUp()) return signedIn(deviceId);
    return connected(deviceId) ? 'screen' : null;
  }

  /** The other devices holding the order open, each with who holds it there. */
  function heldElsewhere(fulfillmentOrderId: string, deviceId: string): { device: string; held: ScreenHolder }[] {
    const found: { device: string; held: ScreenHolder }[] = [];
    for (const [device, req] of open) {
      const held = device !== deviceId && req.fulfillmentOrderId === fulfillmentOrderId ? holder(device) : null;
      if (held) found.push({ device, held });
    }
    return found;
  }

  /** The person signed in here has it open only at screens of theirs that are gone: they may pack it here instead. */
  function onlyYourGoneScreens(others: { device: string; held: ScreenHolder }[], deviceId: string): boolean {
    const you = signInSetUp() ? signedIn(deviceId) : null;
    return !!you && others.every(({ device, held }) => held !== 'screen' && held.id === you.id && !present(device));
  }

  function refusal(req: OpenRequest, deviceId: string, other: { device: string; held: ScreenHolder }, mayTakeHere: boolean) {
    const you = signedIn(deviceId);
    const yours = other.held !== 'screen' && !!you && other.held.id === you.id;
    const message = openElsewhereMessage(req.orderNumber, other.held, {
      yours,
      connected: present(other.device),
      screen: screenName(other.device),
    });
    return { granted: false, code: 'open_elsewhere', message, ...(mayTakeHere ? { mayTakeHere } : {}) } as const;
  }

  function openHere(req: OpenRequest, deviceId: string): OpenOnScreenOutcome {
    const others = heldElsewhere(req.fulfillmentOrderId, deviceId);
    if (others.length) return refusal(req, deviceId, others[0]!, onlyYourGoneScreens(others, deviceId));
    open.set(deviceId, req);
    return { granted: true };
  }

  /** "Pack it here instead": signs its person out at their gone screens, and opens it here. */
  function takeHere(req: OpenRequest, deviceId: string): OpenOnScreenOutcome {
    const others = heldElsewhere(req.fulfillmentOrderId, deviceId);
    if (!onlyYourGoneScreens(others, deviceId)) return openHere(req, deviceId);
    for (const { device } of others) signOutScreen(device, { reason: 'moved', orderNumber: req.orderNumber });
    return openHere(req, deviceId);
  }

  /** Signs out whoever is at the device: its order is free. */
  function signOutScreen(deviceId: string, why: SignedOutElsewhere): void {
    options.signOut(deviceId, why);
    open.delete(deviceId);
  }

  const handlers: Implementation<
    Pick<typeof orderScreenHandlers, 'screens.open-order' | 'screens.close-order' | 'screens.take-order-here'>
  > = {
    'screens.open-order': async (req, { deviceId }) => openHere(req, deviceId),
    'screens.close-order': async ({ fulfillmentOrderId }, { deviceId }) => ({
      closed: open.get(deviceId)?.fulfillmentOrderId === fulfillmentOrderId && open.delete(deviceId),
    }),
    'screens.take-order-here': async (req, { deviceId }) => takeHere(req, deviceId),
  };
  return {
    handlers,
    /** The devices with an order open where someone signed in holds it. */
    heldBySomeone(): { deviceId: string; order: OpenRequest; signedIn: StationUser }[] {
      return [...open].flatMap(([deviceId, order]) => {
        const who = signInSetUp() ? signedIn(deviceId) : null;
        return who ? [{ deviceId, order, signedIn: who }] : [];
      });
    },
    signOutScreen,
  };
}
export type OrderScreens = ReturnType<typeof createOrderScreens>;

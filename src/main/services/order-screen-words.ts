import type { StationUser } from '../../shared/contract/index';
import { deviceTag } from './device-tag';

/** Who holds an order open at another screen: the person signed in there, or 'screen' for a page nobody signs in at. */
export type ScreenHolder = StationUser | 'screen';

/**
 * Why the order does not open here, told to whoever asked: their own other screen or someone
 * else's, by its name, whether that screen is connected now, and what frees it. A screen not connected may
 * still hold scans it has not sent (they go up when it comes back), so it is sent back to first.
 */
export function openElsewhereMessage(
  orderNumber: string,
  holder: ScreenHolder,
  { yours, connected, screen }: { yours: boolean; connected: boolean; screen: string },
) {
  const n = orderNumber;
  const named = `“${screen}”`;
  if (holder === 'screen')
    return `${n} is open at the other screen, ${named}: pack it there. It is free here once it is closed there, or that screen's page is closed.`;
  const name = holder.name;
  if (yours && connected)
    return `${n} is open at your other screen, ${named}, which is connected now: pack it there (its scans are there). It is free here once you close it there or sign out there.`;
  if (yours)
    return `${n} is open at your other screen, ${named}, which is not connected now (its page is closed, or it is off or out of reach). Scans it has not sent are still on it: open Dockside there again to send them and pack it there. If that screen is gone, choose Pack it here instead.`;
  if (connected)
    return `${n} is open at ${name}'s screen, ${named}: pack it there. It is free here once it is closed there or ${name} signs out.`;
  return `${n} is open at ${name}'s screen, ${named}, which is not connected now. Scans it has not sent are still on it: ${name} can open Dockside there again, or sign in here to pack it here. If that screen is gone, a supervisor can sign it out (Supervisor, Screens).`;
}

/** A screen paired before screens had names: told apart by the start of its device id. */
export const unnamedScreen = (deviceId: string) => `Device ${deviceTag(deviceId)}`;

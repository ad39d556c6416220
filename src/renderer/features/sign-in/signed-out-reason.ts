import type { StationSignOut } from '../../../shared/contract/index';

/**
 * Why the last person here was signed out, on the sign-in screen of this device. A screen that
 * comes back after its person moved its order elsewhere, or a supervisor signed it out, says so:
 * its scans not yet sent go to the server now, as every page's do.
 */
export function signedOutReason(s: StationSignOut): string {
  switch (s.reason) {
    case 'idle':
      return `${s.name} was signed out after ${s.idleMinutes} minutes without activity. Sign in again to carry on.`;
    case 'moved':
      return `${s.name} was signed out here while this screen was not connected: ${s.orderNumber} is being packed at another screen. Sign in again to carry on with other work.`;
    case 'supervisor':
      return `${s.name} was signed out here by ${s.by}: ${s.orderNumber} can be packed at another screen. Sign in again to carry on with other work.`;
  }
}

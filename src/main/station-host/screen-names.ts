import { unnamedScreen } from '../services/order-screen-words';
import { deviceTag } from '../services/device-tag';

/**
 * A screen's name when whoever paired it gave none: its browser and system, from the User-Agent
 * it paired with ("Chrome on Android"), and the start of its device id, so two handhelds of one
 * make still read apart on the supervisor's list.
 */
export function screenNameFromBrowser(userAgent: string | undefined, deviceId: string): string {
  const ua = userAgent ?? '';
  const browser = BROWSERS.find(([, pattern]) => pattern.test(ua))?.[0];
  const system = SYSTEMS.find(([, pattern]) => pattern.test(ua))?.[0];
  if (!browser && !system) return unnamedScreen(deviceId);
  return `${browser ?? 'A browser'}${system ? ` on ${system}` : ''} (${deviceTag(deviceId)})`;
}

/** A page on the station's own computer (it pairs without a code); there may be more than one window. */
export const stationComputerScreenName = (deviceId: string) => `Station computer (${deviceTag(deviceId)})`;

// Order matters: Edge and Opera say "Chrome" too, Chrome says "Safari", a Zebra handheld says "Android".
const BROWSERS: [string, RegExp][] = [
  ['Edge', /\bEdg(e|A|iOS)?\//],
  ['Opera', /\bOPR\//],
  ['Firefox', /\b(Firefox|FxiOS)\//],
  ['Chrome', /\b(Chrome|CriOS|Chromium)\//],
  ['Safari', /\bVersion\/[\d.]+.*Safari\//],
];
const SYSTEMS: [string, RegExp][] = [
  ['Android', /\bAndroid\b/],
  ['iPhone', /\biPhone\b/],
  ['iPad', /\biPad\b/],
  ['Windows', /\bWindows\b/],
  ['macOS', /\bMac OS X\b/],
  ['ChromeOS', /\bCrOS\b/],
  ['Linux', /\bLinux\b/],
];

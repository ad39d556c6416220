import { z } from 'zod';

/**
 * Each browser or handheld using a station host is a device with its own token: it pairs once
 * (POST /api/devices) and the page keeps the token, so a reload is the same device. The page
 * sends it on every call and on the event stream. Pairing takes the one-time code shown at the
 * station (its console, and the Supervisor screen), except for the station's own page opened on
 * the station's machine, which the host pairs by itself (the rule is in the host's device admission).
 */
export const DEVICE_TOKEN_HEADER = 'dockside-device-token';

/** 32 random bytes, base64url, behind a prefix that says what it is. */
export const DeviceToken = z.string().regex(/^dkd_[A-Za-z0-9_-]{43}$/, 'not a device token');

/** What a screen is called where a supervisor lists the station's screens ("Handheld 3", "Returns bench"). */
export const ScreenName = z
  .string()
  .trim()
  .min(1, 'name the screen, or leave the name out')
  .max(40, 'a screen name has at most 40 characters');

/**
 * The body of POST /api/devices: the pairing code as typed (case and dashes do not matter), and
 * what to call this screen; without a name the host names it from its browser and system.
 */
export const DevicePairingRequest = z
  .object({ pairingCode: z.string().trim().min(1).max(32).optional(), screenName: ScreenName.optional() })
  .strict();
export type DevicePairingRequest = z.infer<typeof DevicePairingRequest>;

/** The station host's answer to POST /api/devices. */
export const DeviceTokenIssued = z.object({ deviceToken: DeviceToken }).strict();
export type DeviceTokenIssued = z.infer<typeof DeviceTokenIssued>;

/** Why the host refused a device (application/problem+json): not paired, wrong code, pairing paused. */
export const DeviceRefusal = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  code: z.string(),
  detail: z.string(),
});
export type DeviceRefusal = z.infer<typeof DeviceRefusal>;

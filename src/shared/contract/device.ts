import { z } from 'zod';

/**
 * Each browser or handheld using a station host is a device with its own token: the host issues
 * one on first contact (POST /api/devices) and the page keeps it, so a reload is the same device.
 * The page sends it on every call and on the event stream. A later pairing step (a one-time code
 * shown at the station before a token is issued) goes where the host issues tokens.
 */
export const DEVICE_TOKEN_HEADER = 'dockside-device-token';

/** 32 random bytes, base64url, behind a prefix that says what it is. */
export const DeviceToken = z.string().regex(/^dkd_[A-Za-z0-9_-]{43}$/, 'not a device token');

/** The station host's answer to POST /api/devices. */
export const DeviceTokenIssued = z.object({ deviceToken: DeviceToken }).strict();
export type DeviceTokenIssued = z.infer<typeof DeviceTokenIssued>;

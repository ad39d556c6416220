import { z } from 'zod';
import { TrackingText } from '../domain/unit-tracking';
import { USER_ROLES } from '../domain/user-roles';
import { handler } from './handler';

export const StationIdentity = z.object({
  enrolled: z.boolean(),
  stationId: z.string().nullable(),
  stationName: z.string().nullable(),
  warehouseId: z.string().nullable(),
  warehouseName: z.string().nullable(),
  serverUrl: z.string().nullable(),
});
export type StationIdentity = z.infer<typeof StationIdentity>;

export const EnrollRequest = z.object({
  serverUrl: z.string().url().max(500),
  code: z.string().trim().min(6).max(64),
});

/** A person signed in at this station; their id is the actor of what they do. */
export const StationUser = z.object({ id: z.string(), name: z.string(), role: z.enum(USER_ROLES) });
export type StationUser = z.infer<typeof StationUser>;

/** Who may sign in here (names and roles only: the hashes never leave main). */
/**
 * Someone was signed out on this device other than by pressing Sign out here: the station did it
 * after `idleMinutes` without a scan or an action; they moved the order open here to another
 * screen while this one was gone ('moved'); a supervisor signed this screen out (`by`).
 */
export const StationSignOut = z.discriminatedUnion('reason', [
  z.object({ reason: z.literal('idle'), name: z.string(), idleMinutes: z.number(), at: z.string() }),
  z.object({ reason: z.literal('moved'), name: z.string(), orderNumber: z.string(), at: z.string() }),
  z.object({ reason: z.literal('supervisor'), name: z.string(), by: z.string(), orderNumber: z.string(), at: z.string() }),
]);
export type StationSignOut = z.infer<typeof StationSignOut>;

export const StationPeople = z.object({
  users: z.array(StationUser),
  /** When the list last came from the server; null: never (sign-in then is not possible yet). */
  refreshedAt: z.string().nullable(),
  signedIn: StationUser.nullable(),
  /** Why this device's last person was signed out by the station (not by pressing Sign out); cleared at the next sign-in. */
  lastSignOut: StationSignOut.nullable().optional(),
});
export type StationPeople = z.infer<typeof StationPeople>;

/** A person (wrong PINs) or a device's badge reader (unknown badges) that failed to sign in, for a supervisor. */
export const SignInLockout = z.object({
  /** `pin:<user id>`, `badge:<device id>`, or `badge:<device id>/hand-over` or `/serial-check`. */
  key: z.string(),
  kind: z.enum(['pin', 'badge']),
  /** The person's name, or which device's badge reader. */
  label: z.string(),
  /** Failures counting towards the next lock. */
  failures: z.number(),
  /** Locked until then; null: not locked now. */
  lockedUntil: z.string().nullable(),
});
export type SignInLockout = z.infer<typeof SignInLockout>;

/** A person's PIN, a device's badge reader, or a device's badge checks at work (its hand-over, its serials and lots). */
export const ClearLockoutRequest = z
  .object({ key: z.string().regex(/^(pin|badge):[0-9a-f-]{36}(\/(hand-over|serial-check))?$/, 'a lockout key from the list') })
  .strict();

/** A one-time code that pairs a browser or handheld with this station's host (POST /api/devices). */
export const PairingCode = z.object({ code: z.string(), expiresAt: z.string() });
export type PairingCode = z.infer<typeof PairingCode>;

/** How long a badge code can be: a scan outside it is no badge, said so before anyone is asked. */
export const BADGE_LENGTH = { min: 6, max: 128 } as const;

export const SignInRequest = z.union([
  z.object({ userId: z.string().uuid(), pin: z.string().regex(/^\d{4,8}$/, 'a PIN is 4 to 8 digits') }).strict(),
  z.object({ badge: z.string().trim().min(BADGE_LENGTH.min).max(BADGE_LENGTH.max) }).strict(),
]);

/** A code scanned at work that may be another person's badge: they take over this device. */
export const HandOverRequest = z.object({ badge: z.string().trim().min(1).max(BADGE_LENGTH.max) }).strict();
export const HandOver = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('handed-over'), user: StationUser, previous: StationUser }),
  z.object({ outcome: z.literal('own-badge'), user: StationUser }),
  z.object({ outcome: z.literal('not-a-badge') }),
  /** After a run of codes that were no badge the check is paused on this device: it cannot tell, and the screen must not show the code. */
  z.object({ outcome: z.literal('paused'), minutes: z.number().int().positive() }),
]);
export type HandOver = z.infer<typeof HandOver>;

/**
 * A code about to be recorded as a unit's serial or lot, asked of main only when it could be a
 * badge: a badge is a credential and must never travel as a serial. Only what could be recorded
 * (a lot or serial's text) is asked, so a longer badge cannot be tested this way at all.
 */
export const BadgeAtSerialRequest = z.object({ code: TrackingText }).strict();
export const BadgeAtSerial = z.discriminatedUnion('outcome', [
  /** Someone's badge at this warehouse: not taken as the serial or lot (and nobody is signed in by it). */
  z.object({ outcome: z.literal('badge') }),
  z.object({ outcome: z.literal('not-a-badge') }),
  /** Too many codes asked on this device lately: main does not check now, and the screen must not take a code that could be a badge. */
  z.object({ outcome: z.literal('paused'), minutes: z.number().int().positive() }),
]);
export type BadgeAtSerial = z.infer<typeof BadgeAtSerial>;

export const stationHandlers = {
  'station.get-identity': handler(z.undefined().optional(), StationIdentity),
  'station.enroll': handler(EnrollRequest, StationIdentity),
  'station.people': handler(z.undefined().optional(), StationPeople),
  'station.sign-in': handler(SignInRequest, StationUser),
  'station.sign-out': handler(z.undefined().optional(), StationPeople),
  /** A badge scanned at work by someone signed in: its holder takes over the device (see station-people.ts). */
  'station.hand-over': handler(HandOverRequest, HandOver),
  /** A code about to be recorded as a unit's serial or lot: whether it is a badge (see station-people.ts). */
  'station.badge-at-serial': handler(BadgeAtSerialRequest, BadgeAtSerial),
  /** The person at this device is still working (a scan, a key press): keeps them from the idle sign-out. */
  'station.still-here': handler(z.undefined().optional(), z.null()),
  /** Supervisor (or admin) signed in here: who cannot sign in now, and clearing that. Works offline. */
  'station.sign-in-lockouts': handler(z.undefined().optional(), z.array(SignInLockout)),
  'station.clear-sign-in-lockout': handler(ClearLockoutRequest, z.array(SignInLockout)),
  /** Supervisor (or admin) signed in here: the current code for pairing a handheld with the station host. */
  'station.pairing-code': handler(z.undefined().optional(), PairingCode),
};

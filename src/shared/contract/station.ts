import { z } from 'zod';
import type { UserRole } from '../domain/user-roles';
import { handler } from './handler';

export interface StationIdentity {
  enrolled: boolean;
  stationId: string | null;
  stationName: string | null;
  warehouseId: string | null;
  warehouseName: string | null;
  serverUrl: string | null;
}

export const EnrollRequest = z.object({
  serverUrl: z.string().url().max(500),
  code: z.string().trim().min(6).max(64),
});

/** A person signed in at this station; their id is the actor of what they do. */
export interface StationUser {
  id: string;
  name: string;
  role: UserRole;
}

/** Who may sign in here (names and roles only: the hashes never leave main). */
export interface StationPeople {
  users: StationUser[];
  /** When the list last came from the server; null: never (sign-in then is not possible yet). */
  refreshedAt: string | null;
  signedIn: StationUser | null;
  /** Why this device's last person was signed out by the station (not by pressing Sign out); cleared at the next sign-in. */
  lastSignOut?: StationSignOut | null;
}

/** The station signed someone out on its own: after `idleMinutes` without a scan or an action. */
export interface StationSignOut {
  reason: 'idle';
  name: string;
  idleMinutes: number;
  at: string;
}

/** A person (wrong PINs) or a device's badge reader (unknown badges) that failed to sign in, for a supervisor. */
export interface SignInLockout {
  /** `pin:<user id>` or `badge:<device id>`. */
  key: string;
  kind: 'pin' | 'badge';
  /** The person's name, or which device's badge reader. */
  label: string;
  /** Failures counting towards the next lock. */
  failures: number;
  /** Locked until then; null: not locked now. */
  lockedUntil: string | null;
}

export const ClearLockoutRequest = z
  .object({ key: z.string().regex(/^(pin|badge):[0-9a-f-]{36}$/, 'a lockout key from the list') })
  .strict();

/** A one-time code that pairs a browser or handheld with this station's host (POST /api/devices). */
export interface PairingCode {
  code: string;
  expiresAt: string;
}

export const SignInRequest = z.union([
  z.object({ userId: z.string().uuid(), pin: z.string().regex(/^\d{4,8}$/, 'a PIN is 4 to 8 digits') }).strict(),
  z.object({ badge: z.string().trim().min(6).max(128) }).strict(),
]);

export const stationHandlers = {
  'station.get-identity': handler(z.undefined().optional()).returns<StationIdentity>(),
  'station.enroll': handler(EnrollRequest).returns<StationIdentity>(),
  'station.people': handler(z.undefined().optional()).returns<StationPeople>(),
  'station.sign-in': handler(SignInRequest).returns<StationUser>(),
  'station.sign-out': handler(z.undefined().optional()).returns<StationPeople>(),
  /** The person at this device is still working (a scan, a key press): keeps them from the idle sign-out. */
  'station.still-here': handler(z.undefined().optional()).returns<null>(),
  /** Supervisor (or admin) signed in here: who cannot sign in now, and clearing that. Works offline. */
  'station.sign-in-lockouts': handler(z.undefined().optional()).returns<SignInLockout[]>(),
  'station.clear-sign-in-lockout': handler(ClearLockoutRequest).returns<SignInLockout[]>(),
  /** Supervisor (or admin) signed in here: the current code for pairing a handheld with the station host. */
  'station.pairing-code': handler(z.undefined().optional()).returns<PairingCode>(),
};

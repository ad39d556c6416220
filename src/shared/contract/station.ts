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
};

import { z } from 'zod';
import { USER_ROLES } from '../domain/user-roles';

/** The scrypt parameters and result of a PIN, so a station checks a PIN offline (never the PIN itself). */
export const PinScrypt = z.object({
  N: z.number().int(),
  r: z.number().int(),
  p: z.number().int(),
  salt: z.string(),
  hash: z.string(),
  keyLength: z.number().int(),
});

/** One person who may sign in at a station (GET /v1/sync/users): hashes only, never a PIN or badge. */
export const SyncedUser = z.object({
  id: z.string(),
  name: z.string(),
  role: z.enum(USER_ROLES),
  warehouseId: z.string().nullable(),
  badgeHash: z.string().nullable(),
  pinHash: z.string(),
  pinScrypt: PinScrypt,
  version: z.number().int(),
  updatedAt: z.string(),
});
export type SyncedUser = z.infer<typeof SyncedUser>;

const Hashing = z.object({ algorithm: z.string(), format: z.string() });

/** The sign-in list of one warehouse's stations. */
export const SyncedUserList = z.object({
  warehouseId: z.string(),
  generatedAt: z.string(),
  /** How to check a PIN or badge against the hashes (documentation for other clients). */
  hashing: z.object({ pin: Hashing.extend({ keyLength: z.number().int(), note: z.string() }), badge: Hashing }),
  users: z.array(SyncedUser),
  /** Changes whenever the list does; also sent as the ETag. */
  etag: z.string(),
});
export type SyncedUserList = z.infer<typeof SyncedUserList>;

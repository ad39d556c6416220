import { createHash, scrypt as scryptCb, timingSafeEqual } from 'node:crypto';
import { join } from 'node:path';
import { HandlerError } from '../../shared/contract/dispatch';
import type { StationPeople, StationUser } from '../../shared/contract/index';
import type { SyncedUser } from '../../shared/sync/synced-users';
import { readJsonFile, writeJsonFileAtomic } from './json-file';

/** What the station keeps of each person on the server's sign-in list: who they are and the hashes to check them by. */
type SignInEntry = Pick<SyncedUser, 'id' | 'name' | 'role' | 'badgeHash' | 'pinScrypt'>;

interface StoredList {
  refreshedAt: string;
  users: SignInEntry[];
}

export interface StationPeopleOptions {
  dataDir: string;
  /** Fetches the sign-in list from the server (throws when unreachable). */
  fetchList: () => Promise<{ users: readonly SignInEntry[] }>;
  /** Who may sign in, or who is signed in on `deviceId`, changed; null: the list (every device). */
  onChange: (deviceId: string | null) => void;
  /** Wrong PINs in a row before a person is locked out for `lockoutMs`. */
  maxAttempts?: number;
  lockoutMs?: number;
  now?: () => number;
}

function scrypt(pin: string, salt: Buffer, keyLength: number, p: { N: number; r: number; p: number }): Promise<Buffer> {
  // maxmem must cover 128 * N * r bytes, or Node refuses parameters the server chose.
  const maxmem = 256 * p.N * p.r + 1024 * 1024;
  return new Promise((resolve, reject) => scryptCb(pin, salt, keyLength, { ...p, maxmem }, (err, key) => (err ? reject(err) : resolve(key))));
}

/**
 * Who may sign in at this station, and who is signed in on each of its devices (the desktop
 * window, each browser or handheld on the station host): nobody is signed in on a device where
 * they did not sign in. The list is the server's (hashed PINs, hashed badges) kept on disk so
 * people sign in offline; PINs are checked here in main, and a run of wrong PINs locks that
 * person out for a while on every device (a 4-digit PIN is only 10,000 guesses).
 */
export function createStationPeople(options: StationPeopleOptions) {
  const file = join(options.dataDir, 'people.json');
  const maxAttempts = options.maxAttempts ?? 5;
  const lockoutMs = options.lockoutMs ?? 5 * 60_000;
  const now = options.now ?? Date.now;
  let list: StoredList | null = readJsonFile<StoredList>(file);
  /** Device id -> who is signed in there. */
  const signedIn = new Map<string, StationUser>();
  const failures = new Map<string, { count: number; lockedUntil: number }>();

  const publicUser = (u: StationUser): StationUser => ({ id: u.id, name: u.name, role: u.role });
  const people = (deviceId: string): StationPeople => ({
    users: (list?.users ?? []).map(publicUser), refreshedAt: list?.refreshedAt ?? null, signedIn: signedIn.get(deviceId) ?? null,
  });

  async function refresh(): Promise<void> {
    const fetched = await options.fetchList();
    list = { refreshedAt: new Date(now()).toISOString(), users: fetched.users.map((u) => ({ id: u.id, name: u.name, role: u.role, badgeHash: u.badgeHash, pinScrypt: u.pinScrypt })) };
    writeJsonFileAtomic(file, list);
    // Someone removed from the list (deactivated, moved) is signed out, on every device.
    for (const [deviceId, user] of signedIn) if (!list.users.some((u) => u.id === user.id)) signedIn.delete(deviceId);
    options.onChange(null);
  }

  function signedInAs(deviceId: string, user: SignInEntry): StationUser {
    failures.delete(user.id);
    const who = publicUser(user);
    signedIn.set(deviceId, who);
    options.onChange(deviceId);
    return who;
  }

  async function signIn(deviceId: string, request: { userId: string; pin: string } | { badge: string }): Promise<StationUser> {
    if (!list) throw new HandlerError('people_not_synced', 'This station has not received its list of people from the server yet. Connect it once, then sign in.', 409);
    if ('badge' in request) {
      const hash = createHash('sha256').update(request.badge.trim()).digest('hex');
      const user = list.users.find((u) => u.badgeHash === hash);
      if (!user) throw new HandlerError('unknown_badge', 'This badge is not registered for this warehouse.', 401);
      return signedInAs(deviceId, user);
    }
    const user = list.users.find((u) => u.id === request.userId);
    if (!user) throw new HandlerError('unknown_user', 'That person cannot sign in at this warehouse.', 404);
    const f = failures.get(user.id);
    if (f && f.lockedUntil > now()) {
      const minutes = Math.ceil((f.lockedUntil - now()) / 60_000);
      throw new HandlerError('sign_in_locked', `Too many wrong PINs for ${user.name}. Try again in ${minutes} min or ask a supervisor.`, 429);
    }
    const s = user.pinScrypt;
    const expected = Buffer.from(s.hash, 'base64url');
    const actual = await scrypt(request.pin, Buffer.from(s.salt, 'base64url'), expected.length, s);
    if (actual.length === expected.length && timingSafeEqual(actual, expected)) return signedInAs(deviceId, user);
    const count = (f && f.lockedUntil <= now() && f.lockedUntil > 0 ? 0 : (f?.count ?? 0)) + 1;
    failures.set(user.id, { count, lockedUntil: count >= maxAttempts ? now() + lockoutMs : 0 });
    const left = maxAttempts - count;
    throw new HandlerError('wrong_pin', left > 0 ? `Wrong PIN for ${user.name} (${left} ${left === 1 ? 'try' : 'tries'} left).` : `Wrong PIN for ${user.name}: locked for ${Math.round(lockoutMs / 60_000)} min.`, 401);
  }

  function signOut(deviceId: string): StationPeople {
    signedIn.delete(deviceId);
    options.onChange(deviceId);
    return people(deviceId);
  }

  return { people, refresh, signIn, signOut };
}
export type StationPeopleService = ReturnType<typeof createStationPeople>;

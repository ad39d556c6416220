import { createHash, scrypt as scryptCb, timingSafeEqual } from 'node:crypto';
import { join } from 'node:path';
import { HandlerError } from '../../shared/contract/dispatch';
import {
  BADGE_LENGTH,
  type BadgeAtSerial,
  type HandOver,
  type StationPeople,
  type StationSignOut,
  type StationUser,
} from '../../shared/contract/index';
import { notABadge } from '../../shared/domain/badge-code';
import type { ScanCodeRules } from '../../shared/domain/scan-code';
import type { SyncedUser } from '../../shared/sync/synced-users';
import { readJsonFile, writeJsonFileAtomic } from './json-file';
import { createSignInGuard, type GuardLimits, type SignInGuard } from './sign-in-guard';
import { deviceTag } from './device-tag';

/** Why someone was signed out on a device from elsewhere (StationSignOut, less who and when). */
export type SignedOutElsewhere = DistributiveOmit<Exclude<StationSignOut, { reason: 'idle' }>, 'name' | 'at'>;
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

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
  /** Minutes without activity after which a person is signed out (a station setting, read each time). */
  idleMinutes: () => number;
  /** How the station's scanner settings tell codes apart (read each time): an order number scanned here is not a badge. */
  scanRules: () => ScanCodeRules;
  /** Wrong PINs (per person), unknown badges and serials checked (per device) before a lock, and its back-off. */
  limits?: Partial<GuardLimits>;
  now?: () => number;
}

const DEFAULT_LIMITS: GuardLimits = {
  // A 4-digit PIN is only 10,000 guesses.
  pin: { maxFailures: 5, lockMs: 5 * 60_000, maxLockMs: 60 * 60_000 },
  // Someone trying badge numbers one after another at a reader.
  badge: { maxFailures: 10, lockMs: 60_000, maxLockMs: 30 * 60_000 },
  // Every serial or lot typed or scanned at a device is checked: a packer's pace (an item scan, its
  // serial, into the box) is well under one unit each 5 s kept up, with a carton's 120 units in a
  // burst on top. Faster than that for long is no packer: the check pauses, doubling as a badge reader's.
  'serial-check': { maxFailures: 120, forgiveOneEveryMs: 5_000, lockMs: 5 * 60_000, maxLockMs: 60 * 60_000 },
};

function scrypt(pin: string, salt: Buffer, keyLength: number, p: { N: number; r: number; p: number }): Promise<Buffer> {
  // maxmem must cover 128 * N * r bytes, or Node refuses parameters the server chose.
  const maxmem = 256 * p.N * p.r + 1024 * 1024;
  return new Promise((resolve, reject) =>
    scryptCb(pin, salt, keyLength, { ...p, maxmem }, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

const minutes = (ms: number) => Math.max(1, Math.ceil(ms / 60_000));

/**
 * Who may sign in at this station, and who is signed in on each of its devices (the desktop
 * window, each browser or handheld on the station host): nobody is signed in on a device where
 * they did not sign in. The list is the server's (hashed PINs, hashed badges) kept on disk so
 * people sign in offline; PINs are checked here in main. A run of wrong PINs locks that person
 * out on every device, a run of unknown badges locks that device's badge reader (the guard keeps
 * both on disk). A person with no activity for a while is signed out.
 */
export function createStationPeople(options: StationPeopleOptions) {
  const file = join(options.dataDir, 'people.json');
  const now = options.now ?? Date.now;
  const guard = createSignInGuard(options.dataDir, { ...DEFAULT_LIMITS, ...options.limits }, now);
  let list: StoredList | null = readJsonFile<StoredList>(file);
  /** Device id -> who is signed in there, and when they last did something. */
  const signedIn = new Map<string, { user: StationUser; lastActivity: number }>();
  const lastSignOut = new Map<string, StationSignOut>();

  const publicUser = (u: StationUser): StationUser => ({ id: u.id, name: u.name, role: u.role });
  const people = (deviceId: string): StationPeople => ({
    users: (list?.users ?? []).map(publicUser),
    refreshedAt: list?.refreshedAt ?? null,
    signedIn: signedIn.get(deviceId)?.user ?? null,
    lastSignOut: lastSignOut.get(deviceId) ?? null,
  });

  async function refresh(): Promise<void> {
    const fetched = await options.fetchList();
    list = {
      refreshedAt: new Date(now()).toISOString(),
      users: fetched.users.map((u) => ({ id: u.id, name: u.name, role: u.role, badgeHash: u.badgeHash, pinScrypt: u.pinScrypt })),
    };
    writeJsonFileAtomic(file, list);
    // Someone removed from the list (deactivated, moved) is signed out, on every device.
    for (const [deviceId, { user }] of signedIn) if (!list.users.some((u) => u.id === user.id)) signedIn.delete(deviceId);
    options.onChange(null);
  }

  function signedInAs(deviceId: string, user: SignInEntry): StationUser {
    const who = publicUser(user);
    signedIn.set(deviceId, { user: who, lastActivity: now() });
    lastSignOut.delete(deviceId);
    options.onChange(deviceId);
    return who;
  }

  async function signIn(deviceId: string, request: { userId: string; pin: string } | { badge: string }): Promise<StationUser> {
    if (!list)
      throw new HandlerError(
        'people_not_synced',
        'This station has not received its list of people from the server yet. Connect it once, then sign in.',
        409,
      );
    if ('badge' in request) return signedInAs(deviceId, badgeHolder(guard, deviceId, list.users, request.badge, options.scanRules(), now));
    const user = list.users.find((u) => u.id === request.userId);
    if (!user) throw new HandlerError('unknown_user', 'That person cannot sign in at this warehouse.', 404);
    await checkPin(guard, user, request.pin, now);
    return signedInAs(deviceId, user);
  }

  /**
   * A code scanned at work, on a device where someone is signed in, that is neither an item nor an
   * order of this station: if it is a registered badge, its holder takes over the device (a
   * supervisor stepping in, the next shift). A code that is no badge counts toward pausing this
   * check on the device (a hand-over lock, apart from the sign-in reader's), so badges cannot be
   * guessed from a pack screen; while paused, such a code is answered as paused (for how long):
   * it may be a badge, and the screen says so rather than show it.
   */
  function handOver(deviceId: string, badge: string): HandOver {
    const session = signedIn.get(deviceId);
    // An item, order or label code is no guess at a badge, and not counted.
    if (!session || !list || notABadge(badge, options.scanRules())) return { outcome: 'not-a-badge' };
    const checker = {
      kind: 'badge' as const,
      id: `${deviceId}/hand-over`,
      label: `Badge hand-over at work on device ${deviceTag(deviceId)}`,
    };
    const check = guard.check(checker);
    if (check.locked) return { outcome: 'paused', minutes: minutes(check.until - now()) };
    const hash = createHash('sha256').update(badge.trim()).digest('hex');
    const holder = list.users.find((u) => u.badgeHash === hash);
    if (!holder) {
      guard.failed(checker);
      return { outcome: 'not-a-badge' };
    }
    // One's own badge is no proof of anything here (anyone knows theirs): it must not clear the count
    // toward the pause, or guesses between scans of it would never pause the check.
    if (holder.id === session.user.id) return { outcome: 'own-badge', user: session.user };
    guard.succeeded(checker);
    const previous = session.user;
    return { outcome: 'handed-over', user: signedInAs(deviceId, holder), previous };
  }

  function signOut(deviceId: string): StationPeople {
    signedIn.delete(deviceId);
    lastSignOut.delete(deviceId);
    options.onChange(deviceId);
    return people(deviceId);
  }

  /** Signs out the person on `deviceId` from elsewhere (their order moved, a supervisor), kept as why for that device's page. */
  function signOutBecause(deviceId: string, why: SignedOutElsewhere): void {
    const session = signedIn.get(deviceId);
    if (!session) return;
    signedIn.delete(deviceId);
    lastSignOut.set(deviceId, { ...why, name: session.user.name, at: new Date(now()).toISOString() });
    options.onChange(deviceId);
  }

  /** Signs out the person on `deviceId` if they have been idle too long; answers whether it did. */
  function signOutIfIdle(deviceId: string): boolean {
    const session = signedIn.get(deviceId);
    const idleMinutes = options.idleMinutes();
    if (!session || now() - session.lastActivity < idleMinutes * 60_000) return false;
    signedIn.delete(deviceId);
    lastSignOut.set(deviceId, { reason: 'idle', name: session.user.name, idleMinutes, at: new Date(now()).toISOString() });
    options.onChange(deviceId);
    return true;
  }

  return {
    people,
    /** Whether anyone can sign in here: with nobody on the list, the station's screens work without a sign-in. */
    signInSetUp: () => (list?.users.length ?? 0) > 0,
    refresh,
    signIn,
    handOver,
    /** Whether a code about to be recorded as a serial or lot is someone's badge here (badgeAtSerial below). */
    badgeAtSerial: (deviceId: string, code: string) =>
      badgeAtSerial(guard, deviceId, signedIn.has(deviceId) ? list : null, code, options.scanRules(), now),
    signOut,
    signOutBecause,
    /** Something the person on `deviceId` did: an idle session ends first (the action then finds nobody signed in). */
    noteActivity(deviceId: string): void {
      signOutIfIdle(deviceId);
      const session = signedIn.get(deviceId);
      if (session) session.lastActivity = now();
    },
    /** Signs out everyone idle too long (run on a timer, so the screen changes without anyone touching it). */
    signOutIdle(): void {
      for (const deviceId of [...signedIn.keys()]) signOutIfIdle(deviceId);
    },
    lockouts: () => guard.list(),
    clearLockout: (key: string) => guard.clear(key),
  };
}
export type StationPeopleService = ReturnType<typeof createStationPeople>;

/**
 * A code about to be recorded as a unit's serial or lot on `deviceId`: whether it is the badge of
 * someone at this warehouse (a packer badging in by reflex while the unit waits). Serials are no
 * badge all day, so they cannot count toward the hand-over's pause; but every answer tells a
 * guesser something, whether or not a serial is then recorded (main cannot see that, and the
 * request can be sent without any unit), so every code checked is counted in this device's own
 * budget over time, hit or miss, and a hit neither signs anyone in nor clears a count. An item or
 * order code, or one of no badge's length, is no guess: answered without checking or counting.
 */
function badgeAtSerial(
  guard: SignInGuard,
  deviceId: string,
  /** The list of people, when someone is signed in on the device (else nothing is checked). */
  list: StoredList | null,
  code: string,
  rules: ScanCodeRules,
  now: () => number,
): BadgeAtSerial {
  const text = code.trim();
  if (!list || text.length < BADGE_LENGTH.min || notABadge(text, rules)) return { outcome: 'not-a-badge' };
  const checker = {
    kind: 'badge' as const,
    id: `${deviceId}/serial-check`,
    label: `Badge check of serials and lots on device ${deviceTag(deviceId)}`,
    limitedAs: 'serial-check' as const,
  };
  const check = guard.check(checker);
  if (check.locked) return { outcome: 'paused', minutes: minutes(check.until - now()) };
  // A hit is counted too: what a guesser learns is the answer, whichever it is.
  guard.failed(checker);
  const hash = createHash('sha256').update(text).digest('hex');
  return list.users.some((u) => u.badgeHash === hash) ? { outcome: 'badge' } : { outcome: 'not-a-badge' };
}

/**
 * The person whose badge this is; unknown badges count toward locking this device's badge reader.
 * An order number or item barcode scanned by someone not yet signed in is no guess at a badge:
 * it is refused with what to do instead, and does not count.
 */
function badgeHolder(
  guard: SignInGuard,
  deviceId: string,
  users: readonly SignInEntry[],
  badge: string,
  rules: ScanCodeRules,
  now: () => number,
): SignInEntry {
  const reader = { kind: 'badge' as const, id: deviceId, label: `Badge reader of device ${deviceTag(deviceId)}` };
  const check = guard.check(reader);
  if (check.locked)
    throw new HandlerError(
      'badge_reader_locked',
      `Too many unknown badges here: badge sign-in on this device is locked for ${minutes(check.until - now())} min. Ask a supervisor.`,
      429,
    );
  const hash = createHash('sha256').update(badge.trim()).digest('hex');
  const user = users.find((u) => u.badgeHash === hash);
  if (user) {
    guard.succeeded(reader);
    return user;
  }
  const plainly = notABadge(badge, rules);
  if (plainly)
    throw new HandlerError('not_a_badge', `That is ${plainly}, not a badge. Sign in first: scan your badge or tap your name.`, 422);
  const { lockedForMs } = guard.failed(reader);
  throw new HandlerError(
    'unknown_badge',
    lockedForMs === null
      ? 'This badge is not registered for this warehouse.'
      : `This badge is not registered for this warehouse. Too many unknown badges: badge sign-in on this device is locked for ${minutes(lockedForMs)} min.`,
    401,
  );
}

/** Checks a PIN under the lockout guard: a run of wrong PINs locks the person out on every device. */
async function checkPin(guard: SignInGuard, user: SignInEntry, pin: string, now: () => number): Promise<void> {
  const person = { kind: 'pin' as const, id: user.id, label: user.name };
  const check = guard.check(person);
  if (check.locked)
    throw new HandlerError(
      'sign_in_locked',
      `Too many wrong PINs for ${user.name}. Try again in ${minutes(check.until - now())} min or ask a supervisor.`,
      429,
    );
  // Counted as a failure before the (slow) check, so guesses sent all at once cannot outrun the lock.
  const { left, lockedForMs } = guard.failed(person);
  const s = user.pinScrypt;
  const expected = Buffer.from(s.hash, 'base64url');
  const actual = await scrypt(pin, Buffer.from(s.salt, 'base64url'), expected.length, s);
  if (actual.length === expected.length && timingSafeEqual(actual, expected)) {
    guard.succeeded(person);
    return;
  }
  throw new HandlerError(
    'wrong_pin',
    lockedForMs === null
      ? `Wrong PIN for ${user.name} (${left} ${left === 1 ? 'try' : 'tries'} left).`
      : `Wrong PIN for ${user.name}: locked for ${minutes(lockedForMs)} min.`,
    401,
  );
}

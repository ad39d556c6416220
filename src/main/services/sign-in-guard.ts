import { join } from 'node:path';
import type { SignInLockout } from '../../shared/contract/index';
import { readJsonFile, writeJsonFileAtomic } from './json-file';

/** What is guarded: one person's PIN, or one device's badge reader. */
export interface GuardedSubject {
  kind: SignInLockout['kind'];
  /** The person's id (PIN) or the device's id (badge reader). */
  id: string;
  /** What a supervisor reads: the person's name, or which device. */
  label: string;
  /** The limit it is held to, when not its kind's: a device's badge checks of serials and lots. */
  limitedAs?: 'serial-check';
}

export interface AttemptLimit {
  /** Failures in a row that lock the subject. */
  maxFailures: number;
  /** The first lock's length; each further lock in a row doubles it, up to `maxLockMs`. */
  lockMs: number;
  maxLockMs: number;
  /**
   * One failure is forgiven each time this passes: a budget of failures over time rather than in
   * a row, for checks that fail all day in honest work (a packer's serials are no badge). A long
   * quiet spell after a lock (the longest lock) forgets the back-off too.
   */
  forgiveOneEveryMs?: number;
}

export type GuardLimits = Record<SignInLockout['kind'] | NonNullable<GuardedSubject['limitedAs']>, AttemptLimit>;

interface StoredFailures {
  subject: GuardedSubject;
  /** Failures since the last success or the last lock. */
  count: number;
  /** Locks in a row without a success between them: the back-off. */
  locks: number;
  lockedUntil: number;
  /** Forgiving limits: when `count` was last brought up to date. */
  countedAt?: number;
}

interface FailuresFile {
  version: 1;
  entries: StoredFailures[];
}

export type GuardCheck = { locked: false } | { locked: true; until: number };

/**
 * Counts wrong PINs and unknown badges and locks the subject after a run of them. The counts are
 * on disk (written before the refusal is answered), so restarting the station never hands out a
 * fresh set of guesses; a supervisor can clear a lock.
 */
export function createSignInGuard(dataDir: string, limits: GuardLimits, now: () => number) {
  const path = join(dataDir, 'sign-in-failures.json');
  const entries = new Map<string, StoredFailures>((readJsonFile<FailuresFile>(path)?.entries ?? []).map((e) => [keyOf(e.subject), e]));
  const save = () => writeJsonFileAtomic(path, { version: 1, entries: [...entries.values()] } satisfies FailuresFile);
  const limitOf = (subject: GuardedSubject) => limits[subject.limitedAs ?? subject.kind];

  return {
    check(subject: GuardedSubject): GuardCheck {
      const e = entries.get(keyOf(subject));
      return e && e.lockedUntil > now() ? { locked: true, until: e.lockedUntil } : { locked: false };
    },
    /** Records a failure; answers how many are left before a lock, or the lock it caused. */
    failed(subject: GuardedSubject): { left: number; lockedForMs: number | null } {
      const limit = limitOf(subject);
      const key = keyOf(subject);
      const e = entries.get(key) ?? { subject, count: 0, locks: 0, lockedUntil: 0 };
      e.subject = subject;
      forgive(e, limit, now());
      e.count += 1;
      let lockedForMs: number | null = null;
      if (e.count >= limit.maxFailures) {
        lockedForMs = Math.min(limit.lockMs * 2 ** e.locks, limit.maxLockMs);
        e.lockedUntil = now() + lockedForMs;
        e.locks += 1;
        e.count = 0;
      }
      entries.set(key, e);
      save();
      return { left: limit.maxFailures - e.count, lockedForMs };
    },
    succeeded(subject: GuardedSubject): void {
      if (entries.delete(keyOf(subject))) save();
    },
    /** Subjects locked now, or with failures counting towards a lock. */
    list(): SignInLockout[] {
      // A forgiving budget's failures are honest work until it locks (a packer's serials): not listed till then.
      const listed = [...entries.entries()].filter(([, e]) => !limitOf(e.subject).forgiveOneEveryMs || e.lockedUntil > now());
      return listed.map(([key, e]) => ({
        key,
        kind: e.subject.kind,
        label: e.subject.label,
        failures: e.count,
        lockedUntil: e.lockedUntil > now() ? new Date(e.lockedUntil).toISOString() : null,
      }));
    },
    /** A supervisor lets the subject try again (with no back-off carried over). Answers whether there was one. */
    clear(key: string): boolean {
      const had = entries.delete(key);
      if (had) save();
      return had;
    },
  };
}
export type SignInGuard = ReturnType<typeof createSignInGuard>;

/** Brings a forgiving budget's count up to date: one failure forgiven per `forgiveOneEveryMs` since it was counted. */
function forgive(e: StoredFailures, limit: AttemptLimit, at: number): void {
  const every = limit.forgiveOneEveryMs;
  if (!every) return;
  const forgiven = e.count > 0 && e.countedAt !== undefined ? Math.floor((at - e.countedAt) / every) : 0;
  e.count = Math.max(0, e.count - forgiven);
  e.countedAt = e.count > 0 ? e.countedAt! + forgiven * every : at;
  if (e.locks > 0 && e.lockedUntil + limit.maxLockMs <= at) e.locks = 0;
}

function keyOf(subject: Pick<GuardedSubject, 'kind' | 'id'>): string {
  return `${subject.kind}:${subject.id}`;
}

import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyRequest } from 'fastify';
import type { Database } from '../db/database';
import { Problem, problems } from '../http/problem';
import { parseCredential, sha256 } from './secrets';
import { check, type CheckOptions, type Verdict } from './credential-check';
import { createFailedAuthLimiter, type FailedAuthLimiter } from './failed-auth-limiter';
import { ACTING_USER_HEADER } from '../../shared/api/acting-user';
import { resolveActingUser, type ActingUser } from './acting-user';

export const ROLES = ['admin', 'supervisor', 'packer', 'returns', 'integrator'] as const;
export type Role = (typeof ROLES)[number];
/**
 * What a route's declaration can name: a role, 'station' for an enrolled station's own credential,
 * or 'customer' for a customer key (only routes that name it: never part of ANY_ROLE).
 */
export type RouteRole = Role | 'station' | 'customer';
/** Every credential: for routes any authenticated caller may use. */
export const ANY_ROLE: readonly RouteRole[] = [...ROLES, 'station'];

export type Principal =
  | { kind: 'api-key'; id: string; name: string; role: Role; warehouseId: string | null }
  | { kind: 'station'; id: string; name: string; role: 'station'; warehouseId: string }
  /** A customer key: one customer's own orders, in any warehouse. id is the key's. */
  | { kind: 'customer'; id: string; name: string; role: 'customer'; customerId: string; warehouseId: null }
  /** A person signed in at an enrolled station, acting through it (see acting-user.ts). id is the user's. */
  | {
      kind: 'station-user';
      id: string;
      name: string;
      role: ActingUser['role'];
      warehouseId: string;
      stationId: string;
      stationName: string;
    };

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal;
  }
}

/** A credential that verified keeps skipping the failure limits this long: a flood naming it cannot lock its holder out. */
const KNOWN_GOOD_MS = 60 * 60_000;

/**
 * Resolves bearer credentials. scrypt is deliberately slow, so a verified credential is cached
 * (by its SHA-256, never in clear) for a short time; a revocation, rotation or re-enrolment
 * drops it from every process's cache at once (forgetCredential, fed by the change hub). Once
 * the cache runs out, its record is read again (revoked? replaced?), but a record still holding
 * the hash the credential matched (within KNOWN_GOOD_MS) is not hashed against again: a station
 * back from half a minute offline, or twenty of them at once, cost the server a scrypt each.
 */
export function createAuthenticator(
  db: Database,
  options: { cacheMs?: number; limiter?: FailedAuthLimiter; verifySecret?: CheckOptions['verifySecret'] } = {},
) {
  const cacheMs = options.cacheMs ?? 30_000;
  const limiter = options.limiter ?? createFailedAuthLimiter();
  const cache = new Map<string, { principal: Principal; until: number }>();
  /** Credentials that verified lately: spared the failure limits, and the stored hash they matched. */
  const knownGood = new Map<string, { kind: CredentialKind; id: string; hash: string; until: number }>();
  const inflight = new Map<string, Promise<Verdict>>();
  // Bumped by every credential change: a verification that started before one must not cache its answer.
  let generation = 0;

  /**
   * A busy client must not pay for scrypt when its cache entry runs out: in its last quarter an
   * entry is re-verified in the background while it keeps answering, and concurrent requests
   * with an uncached credential share one verification instead of each running scrypt (a
   * thundering herd that stalled the server).
   */
  function cached(key: string, token: string): Principal | null {
    const hit = cache.get(key);
    const now = Date.now();
    if (!hit || hit.until <= now) return null;
    if (hit.until - now < cacheMs / 4 && !inflight.has(key)) void verifyOnce(token, key).catch(() => {});
    return hit.principal;
  }

  function verifyOnce(token: string, key: string): Promise<Verdict> {
    let p = inflight.get(key);
    if (!p) {
      p = verify(token, key).finally(() => inflight.delete(key));
      inflight.set(key, p);
    }
    return p;
  }

  async function verify(token: string, key: string): Promise<Verdict> {
    const started = generation;
    const known = knownGood.get(key);
    const verdict = await check(db, token, key, {
      verifiedHash: known && known.until > Date.now() ? known.hash : undefined,
      verifySecret: options.verifySecret,
    });
    if ('principal' in verdict) {
      // Only the answer may be stale after a credential change: the exemption is not an answer (the
      // next request still verifies), and skipping it let a change notice arriving mid-verification
      // put a working credential behind a forger's limit (failed-auth-limits on PostgreSQL).
      if (generation === started) cache.set(key, { principal: verdict.principal, until: Date.now() + cacheMs });
      knownGood.set(key, {
        kind: credentialKindOf(verdict.principal),
        id: verdict.principal.id,
        hash: verdict.hash,
        until: Date.now() + KNOWN_GOOD_MS,
      });
    } else {
      cache.delete(key);
      knownGood.delete(key);
    }
    return verdict;
  }

  async function resolve(token: string, address: string): Promise<Principal> {
    const key = sha256(token);
    const hit = cached(key, token);
    if (hit) return hit;
    const limitedAs = limitKeyOf(token, key);
    // A request that joins a verification already running costs no hashing of its own: only the first is counted.
    const limited = !((knownGood.get(key)?.until ?? 0) > Date.now()) && !inflight.has(key);
    if (limited) {
      const waitMs = limiter.reserve(limitedAs, address);
      if (waitMs > 0) {
        await sleep(Math.min(waitMs, limiter.limitedAnswerDelayMs));
        throw tooManyFailedAttempts(waitMs);
      }
    }
    const verdict = await verifyOnce(token, key);
    if ('principal' in verdict) {
      if (limited) limiter.succeeded(limitedAs, address);
      return verdict.principal;
    }
    if (verdict.refused === 'revoked') throw new Problem(401, 'credential_revoked', 'Credential revoked', verdict.detail);
    throw problems.unauthorized('the credential is unknown or malformed');
  }

  /** Only an enrolled station may name an acting user; without the header a credential keeps exactly its own rights. */
  async function actingFor(credential: Principal, header: string | string[] | undefined): Promise<Principal> {
    if (header === undefined) return credential;
    if (credential.kind !== 'station') {
      throw new Problem(
        403,
        'acting_user_not_allowed',
        'Not allowed',
        `only an enrolled station acts for a person signed in at it (the ${ACTING_USER_HEADER} header)`,
      );
    }
    if (typeof header !== 'string') throw new Problem(403, 'acting_user_unknown', 'Not allowed', `send one ${ACTING_USER_HEADER} header`);
    const user = await resolveActingUser(db, credential.warehouseId, header.trim());
    return {
      kind: 'station-user',
      id: user.id,
      name: user.name,
      role: user.role,
      warehouseId: credential.warehouseId,
      stationId: credential.id,
      stationName: credential.name,
    };
  }

  return {
    async authenticate(request: FastifyRequest): Promise<Principal> {
      const header = request.headers.authorization;
      if (!header) throw problems.unauthorized('no Authorization header; send "Bearer <credential>"');
      const m = /^Bearer\s+(\S+)$/i.exec(header);
      if (!m) throw problems.unauthorized('Authorization must be "Bearer <credential>"');
      const credential = await resolve(m[1]!, request.ip);
      const principal = await actingFor(credential, request.headers[ACTING_USER_HEADER]);
      request.principal = principal;
      bindToLog(request, principal);
      return principal;
    },
    /** A credential was revoked, rotated or re-enrolled (on any process): nothing cached of it may answer again. */
    forgetCredential(change: { kind: 'station' | 'api-key'; id: string }): void {
      generation++;
      for (const [key, entry] of cache)
        if (credentialKindOf(entry.principal) === change.kind && entry.principal.id === change.id) cache.delete(key);
      // knownGood is kept: it only spares a once-verified credential the failed-attempt limit, and
      // it goes at the first failed verification. Dropping it here let a notice of a station's own
      // enrolment, arriving late, put its working credential behind a forger's limit.
    },
    forget() {
      generation++;
      cache.clear();
      knownGood.clear();
    },
  };
}

type CredentialKind = 'station' | 'api-key';
/** The stored credential a principal was verified from: a customer key is an API key (revoked and rotated as one). */
function credentialKindOf(principal: Principal): CredentialKind {
  return principal.kind === 'customer' || principal.kind === 'api-key' ? 'api-key' : 'station';
}

/** What the failure limits count a credential as: the station it names, or its API key lookup prefix; null for what names nothing. */
function limitKeyOf(token: string, key: string): string | null {
  const parsed = parseCredential(token);
  if (parsed?.kind === 'st') return `st:${parsed.id}`;
  return token.length >= 24 && token.length <= 512 ? `ak:${key.slice(0, 12)}` : null;
}

function tooManyFailedAttempts(waitMs: number): Problem {
  const seconds = Math.max(1, Math.ceil(waitMs / 1000));
  return new Problem(
    429,
    'too_many_failed_attempts',
    'Too many failed attempts',
    `too many failed authentication attempts for this credential or from this address; try again in ${seconds} s`,
    { retryAfterSeconds: seconds },
    { 'retry-after': String(seconds) },
  );
}

/** Log lines of an authenticated request say who made it (a child logger; nothing secret). */
function bindToLog(request: FastifyRequest, principal: Principal): void {
  const who =
    principal.kind === 'station-user'
      ? { stationId: principal.stationId, userId: principal.id, role: principal.role }
      : principal.kind === 'station'
        ? { stationId: principal.id }
        : { apiKeyId: principal.id, role: principal.role };
  request.log = request.log.child(who);
}

export type Authenticator = ReturnType<typeof createAuthenticator>;

/**
 * The principal must hold one of the roles (admin holds every role). Declared routes get this
 * from their spec (http/define-route.ts); call it elsewhere only for a rule the input decides.
 */
export function requireRole(principal: Principal, ...roles: RouteRole[]): void {
  if (principal.role === 'admin') return;
  if (!roles.includes(principal.role)) {
    throw problems.forbidden(`this needs one of the roles ${roles.join(', ')}; you are ${principal.role}`);
  }
}

/** Warehouse scope: a principal bound to a warehouse only reaches that warehouse's work. */
export function requireWarehouse(principal: Principal, warehouseId: string): void {
  if (principal.warehouseId && principal.warehouseId !== warehouseId) {
    throw problems.forbidden('this belongs to another warehouse');
  }
}

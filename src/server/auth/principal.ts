import type { FastifyRequest } from 'fastify';
import type { Database } from '../db/database';
import { Problem, problems } from '../http/problem';
import { parseCredential, sha256, verifySecret } from './secrets';
import { ACTING_USER_HEADER } from '../../shared/api/acting-user';
import { resolveActingUser, type ActingUser } from './acting-user';

export const ROLES = ['admin', 'supervisor', 'packer', 'returns', 'integrator'] as const;
export type Role = (typeof ROLES)[number];
/** What a route's declaration can name: a role, or 'station' for an enrolled station's own credential. */
export type RouteRole = Role | 'station';
/** Every credential: for routes any authenticated caller may use. */
export const ANY_ROLE: readonly RouteRole[] = [...ROLES, 'station'];

export type Principal =
  | { kind: 'api-key'; id: string; name: string; role: Role; warehouseId: string | null }
  | { kind: 'station'; id: string; name: string; role: 'station'; warehouseId: string }
  /** A person signed in at an enrolled station, acting through it (see acting-user.ts). id is the user's. */
  | { kind: 'station-user'; id: string; name: string; role: ActingUser['role']; warehouseId: string; stationId: string; stationName: string };

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal;
  }
}

/**
 * Resolves bearer credentials. scrypt is deliberately slow, so a verified credential is cached
 * (by its SHA-256, never in clear) for a short time; revocation takes effect within that time.
 */
export function createAuthenticator(db: Database, cacheMs = 30_000) {
  const cache = new Map<string, { principal: Principal; until: number }>();

  const inflight = new Map<string, Promise<Principal | null>>();

  /**
   * A busy client must not pay for scrypt when its cache entry runs out: in its last quarter an
   * entry is re-verified in the background while it keeps answering (revocation still takes
   * effect within cacheMs), and concurrent requests with an uncached credential share one
   * verification instead of each running scrypt (a thundering herd that stalled the server).
   */
  async function resolve(token: string): Promise<Principal | null> {
    const key = sha256(token);
    const hit = cache.get(key);
    const now = Date.now();
    if (hit && hit.until > now) {
      if (hit.until - now < cacheMs / 4 && !inflight.has(key)) void verifyOnce(token, key).catch(() => {});
      return hit.principal;
    }
    return verifyOnce(token, key);
  }

  function verifyOnce(token: string, key: string): Promise<Principal | null> {
    let p = inflight.get(key);
    if (!p) {
      p = verify(token, key).finally(() => inflight.delete(key));
      inflight.set(key, p);
    }
    return p;
  }

  async function verify(token: string, key: string): Promise<Principal | null> {
    if (token.length < 24 || token.length > 512) return null;
    const parsed = parseCredential(token);
    let principal: Principal | null = null;
    if (!parsed || parsed.kind === 'ak') {
      const rows = await db.query<{ id: string; name: string; role: Role; warehouse_id: string | null; secret_hash: string }>(
        'select id, name, role, warehouse_id, secret_hash from api_keys where lookup_prefix = $1 and revoked_at is null',
        [key.slice(0, 12)],
      );
      for (const row of rows) {
        if (await verifySecret(token, row.secret_hash)) {
          principal = { kind: 'api-key', id: row.id, name: row.name, role: row.role, warehouseId: row.warehouse_id };
          break;
        }
      }
    } else {
      const [row] = await db.query<{ id: string; name: string; warehouse_id: string; credential_hash: string | null }>(
        'select id, name, warehouse_id, credential_hash from stations where id = $1 and revoked_at is null',
        [parsed.id],
      );
      if (row?.credential_hash && (await verifySecret(parsed.secret, row.credential_hash))) {
        principal = { kind: 'station', id: row.id, name: row.name, role: 'station', warehouseId: row.warehouse_id };
      }
    }
    if (principal) cache.set(key, { principal, until: Date.now() + cacheMs });
    else cache.delete(key);
    return principal;
  }

  /** Only an enrolled station may name an acting user; without the header a credential keeps exactly its own rights. */
  async function actingFor(credential: Principal, header: string | string[] | undefined): Promise<Principal> {
    if (header === undefined) return credential;
    if (credential.kind !== 'station') {
      throw new Problem(403, 'acting_user_not_allowed', 'Not allowed', `only an enrolled station acts for a person signed in at it (the ${ACTING_USER_HEADER} header)`);
    }
    if (typeof header !== 'string') throw new Problem(403, 'acting_user_unknown', 'Not allowed', `send one ${ACTING_USER_HEADER} header`);
    const user = await resolveActingUser(db, credential.warehouseId, header.trim());
    return { kind: 'station-user', id: user.id, name: user.name, role: user.role, warehouseId: credential.warehouseId, stationId: credential.id, stationName: credential.name };
  }

  return {
    async authenticate(request: FastifyRequest): Promise<Principal> {
      const header = request.headers.authorization;
      if (!header) throw problems.unauthorized('no Authorization header; send "Bearer <credential>"');
      const m = /^Bearer\s+(\S+)$/i.exec(header);
      if (!m) throw problems.unauthorized('Authorization must be "Bearer <credential>"');
      const credential = await resolve(m[1]!);
      if (!credential) throw problems.unauthorized('the credential is unknown, malformed or revoked');
      const principal = await actingFor(credential, request.headers[ACTING_USER_HEADER]);
      request.principal = principal;
      return principal;
    },
    forget() {
      cache.clear();
    },
  };
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

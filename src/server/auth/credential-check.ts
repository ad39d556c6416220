import type { Queryable } from '../db/database';
import { toIso } from '../db/database';
import type { Principal, Role } from './principal';
import { parseCredential, verifySecret } from './secrets';

/** What checking a credential found: who it is (and the stored hash it matched), or why it is refused. */
export type Verdict = { principal: Principal; hash: string } | { refused: 'unknown' } | { refused: 'revoked'; detail: string };

/**
 * How a check knows the token: `verifiedHash` is the stored hash this very token (the caller keys
 * by its SHA-256) matched before. A record still holding that hash needs no scrypt to match it
 * again: scrypt of one secret and salt gives one answer. A changed hash (rotated, re-enrolled) is
 * verified in full.
 */
export interface CheckOptions {
  verifiedHash?: string;
  verifySecret?: (secret: string, stored: string) => Promise<boolean>;
}

const UNKNOWN: Verdict = { refused: 'unknown' };

/**
 * Checks a bearer credential against its stored hash (scrypt: slow on purpose; callers cache and
 * rate-limit around this). A revoked credential, or the last secret a rotation or re-enrolment
 * replaced, is refused as revoked: only its true holder can get that answer.
 */
export async function check(db: Queryable, token: string, key: string, options: CheckOptions = {}): Promise<Verdict> {
  if (token.length < 24 || token.length > 512) return UNKNOWN;
  const verify = options.verifySecret ?? verifySecret;
  const matches = (secret: string, stored: string) => stored === options.verifiedHash || verify(secret, stored);
  const parsed = parseCredential(token);
  return !parsed || parsed.kind === 'ak'
    ? checkApiKey(db, token, key.slice(0, 12), matches)
    : checkStation(db, parsed.id, parsed.secret, matches);
}

type Matches = (secret: string, stored: string) => boolean | Promise<boolean>;

async function checkApiKey(db: Queryable, token: string, prefix: string, matches: Matches): Promise<Verdict> {
  const rows = await db.query<{
    id: string;
    name: string;
    role: Role | 'customer';
    warehouse_id: string | null;
    customer_id: string | null;
    lookup_prefix: string;
    secret_hash: string;
    retired_lookup_prefix: string | null;
    retired_secret_hash: string | null;
    revoked_at: unknown;
    rotated_at: unknown;
  }>(
    `select id, name, role, warehouse_id, customer_id, lookup_prefix, secret_hash, retired_lookup_prefix, retired_secret_hash, revoked_at, rotated_at
       from api_keys where lookup_prefix = $1 or retired_lookup_prefix = $1`,
    [prefix],
  );
  for (const row of rows) {
    if (row.lookup_prefix === prefix && (await matches(token, row.secret_hash))) {
      if (row.revoked_at) return { refused: 'revoked', detail: `this API key was revoked at ${toIso(row.revoked_at)}` };
      if (row.role === 'customer')
        return {
          principal: { kind: 'customer', id: row.id, name: row.name, role: 'customer', customerId: row.customer_id!, warehouseId: null },
          hash: row.secret_hash,
        };
      return {
        principal: { kind: 'api-key', id: row.id, name: row.name, role: row.role, warehouseId: row.warehouse_id },
        hash: row.secret_hash,
      };
    }
    if (row.retired_lookup_prefix === prefix && row.retired_secret_hash && (await matches(token, row.retired_secret_hash))) {
      return { refused: 'revoked', detail: `this API key was rotated at ${toIso(row.rotated_at)}; use the new key` };
    }
  }
  return UNKNOWN;
}

async function checkStation(db: Queryable, id: string, secret: string, matches: Matches): Promise<Verdict> {
  const [row] = await db.query<{
    id: string;
    name: string;
    warehouse_id: string;
    credential_hash: string | null;
    retired_credential_hash: string | null;
    revoked_at: unknown;
    credential_replaced_at: unknown;
  }>(
    'select id, name, warehouse_id, credential_hash, retired_credential_hash, revoked_at, credential_replaced_at from stations where id = $1',
    [id],
  );
  if (!row) return UNKNOWN;
  if (row.credential_hash && (await matches(secret, row.credential_hash))) {
    if (row.revoked_at)
      return {
        refused: 'revoked',
        detail: `this station was revoked at ${toIso(row.revoked_at)}; an admin can re-enrol it with a new enrollment code`,
      };
    return {
      principal: { kind: 'station', id: row.id, name: row.name, role: 'station', warehouseId: row.warehouse_id },
      hash: row.credential_hash,
    };
  }
  if (row.retired_credential_hash && (await matches(secret, row.retired_credential_hash))) {
    return {
      refused: 'revoked',
      detail: `this station credential was replaced at ${toIso(row.credential_replaced_at)} (rotated or re-enrolled); use the new one`,
    };
  }
  return UNKNOWN;
}

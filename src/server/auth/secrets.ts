import { createHash, randomBytes, scrypt as scryptCb, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import { uuidFromHex } from '../../shared/hex';

const scrypt = promisify(scryptCb) as (
  password: string,
  salt: Buffer,
  keylen: number,
  options: { N: number; r: number; p: number },
) => Promise<Buffer>;
/** The cost of every hash this server makes: about 19 ms of a core and 16 MB each. */
export const SECRET_HASH_PARAMS = { N: 16384, r: 8, p: 1 } as const;
let params: { N: number; r: number; p: number } = SECRET_HASH_PARAMS;

/**
 * For the unit and integration tests only (their setup calls it; nothing else may): hashes
 * 16 times cheaper. The suite makes over a thousand of them, a fifth of its CPU at full cost.
 * A hash records its own parameters, so checking one is the same code at either cost.
 */
export function hashCheaplyForTests(): void {
  // Vitest sets VITEST in its workers: a server that called this by mistake stops here, hashing nothing cheaply.
  if (!process.env.VITEST) throw new Error('hashCheaplyForTests() is for the test runner only: servers hash at full cost');
  params = { N: 1024, r: 8, p: 1 };
}

/** What the next hash costs (SECRET_HASH_PARAMS unless a test lowered it). */
export const secretHashParams = (): Readonly<typeof params> => params;

/** Secrets at rest are scrypt hashes: `scrypt$N$r$p$salt$hash` (base64url). */
export async function hashSecret(secret: string): Promise<string> {
  const salt = randomBytes(16);
  const { N, r, p } = params;
  const hash = await scrypt(secret, salt, 32, { N, r, p });
  return ['scrypt', N, r, p, salt.toString('base64url'), hash.toString('base64url')].join('$');
}

export async function verifySecret(secret: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const actual = await scrypt(secret, Buffer.from(salt, 'base64url'), expected.length, { N: Number(n), r: Number(r), p: Number(p) });
  return timingSafeEqual(actual, expected);
}

export function randomSecret(bytes = 24): string {
  return randomBytes(bytes).toString('base64url');
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Credentials name their record so the server can find the hash: dks_<kind>_<uuid hex>_<secret>. */
export type CredentialKind = 'ak' | 'st';

export function formatCredential(kind: CredentialKind, id: string, secret: string): string {
  return `dks_${kind}_${id.replace(/-/g, '')}_${secret}`;
}

export function parseCredential(token: string): { kind: CredentialKind; id: string; secret: string } | null {
  const m = /^dks_(ak|st)_([0-9a-f]{32})_([A-Za-z0-9_-]{16,})$/.exec(token);
  if (!m) return null;
  return { kind: m[1] as CredentialKind, id: uuidFromHex(m[2]!), secret: m[3]! };
}

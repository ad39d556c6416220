import { createHash, scryptSync } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Someone on a test station's sign-in list, with the PIN and badge they sign in with in the clear. */
export interface TestPerson {
  id: string;
  name: string;
  role: string;
  pin?: string;
  badge?: string;
}

/** A PIN hash no PIN matches: for people a test never signs in by PIN. */
const NO_PIN = { N: 16384, r: 8, p: 1, salt: 'c2FsdA', hash: 'aGFzaA', keyLength: 32 };

/**
 * Writes the sign-in list into a station's data directory as the station keeps it after a sync:
 * hashes only (a cheap scrypt cost, so tests stay quick), as of `refreshedAt`.
 */
export function writePeopleFile(dataDir: string, people: readonly TestPerson[], refreshedAt = new Date()): void {
  const users = people.map(({ pin, badge, ...u }) => {
    const salt = Buffer.from(`salt-${u.id}`);
    const pinScrypt = pin
      ? {
          N: 1024,
          r: 8,
          p: 1,
          salt: salt.toString('base64url'),
          hash: scryptSync(pin, salt, 32, { N: 1024, r: 8, p: 1 }).toString('base64url'),
          keyLength: 32,
        }
      : NO_PIN;
    return { ...u, ...(badge ? { badgeHash: createHash('sha256').update(badge).digest('hex') } : {}), pinScrypt };
  });
  writeFileSync(join(dataDir, 'people.json'), JSON.stringify({ refreshedAt: refreshedAt.toISOString(), users }));
}

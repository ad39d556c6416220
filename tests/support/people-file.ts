import { createHash, scryptSync } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** A person as a test knows them: badge and PIN in clear. */
export interface TestPerson {
  id: string;
  name: string;
  role: string;
  badge: string;
  pin: string;
}

/** The sign-in list as the station keeps it in `dir` after a sync: hashes only. */
export function writePeopleFile(dir: string, people: readonly TestPerson[]): void {
  const users = people.map(({ badge, pin, ...u }) => {
    const salt = Buffer.from(`salt-${u.id}`);
    const hash = scryptSync(pin, salt, 32, { N: 1024, r: 8, p: 1 });
    return {
      ...u,
      badgeHash: createHash('sha256').update(badge).digest('hex'),
      pinScrypt: { N: 1024, r: 8, p: 1, salt: salt.toString('base64url'), hash: hash.toString('base64url'), keyLength: 32 },
    };
  });
  writeFileSync(join(dir, 'people.json'), JSON.stringify({ refreshedAt: new Date().toISOString(), users }));
}

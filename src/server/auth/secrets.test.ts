import { execFileSync } from 'node:child_process';
import { scryptSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hashSecret, SECRET_HASH_PARAMS, secretHashParams, verifySecret } from './secrets';

/** What `script` prints in a plain Node process, as a server runs (not a vitest worker), given `m`: secrets.ts. */
const inPlainNode = (script: string) =>
  execFileSync(process.execPath, ['--import', 'tsx', '-e', `import('./src/server/auth/secrets.ts').then(async (m) => { ${script} })`], {
    encoding: 'utf8',
    env: { ...process.env, VITEST: '' },
  }).trim();

describe('secrets at rest', () => {
  it('are hashed at full cost in any process the tests did not lower (a server, the CLI)', () => {
    // Only the test setup lowers the cost.
    const hashed = inPlainNode("console.log(await m.hashSecret('4821'));");
    expect(hashed).toMatch(/^scrypt\$16384\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(SECRET_HASH_PARAMS).toEqual({ N: 16384, r: 8, p: 1 });
  });

  it('cannot be made cheap outside the test runner', () => {
    const hashed = inPlainNode(
      "try { m.hashCheaplyForTests(); } catch (e) { console.log(e.message); } console.log(await m.hashSecret('4821'));",
    );
    expect(hashed).toContain('for the test runner only');
    expect(hashed).toMatch(/scrypt\$16384\$8\$1\$/);
  });

  it('are checked by the cost each hash records, whichever it was made at', async () => {
    const here = await hashSecret('4821');
    expect(here.startsWith(`scrypt$${secretHashParams().N}$`)).toBe(true);
    expect(await verifySecret('4821', here)).toBe(true);
    expect(await verifySecret('4822', here)).toBe(false);
    // One made at full cost, as a server stores it.
    const salt = Buffer.from('salt-of-16-bytes');
    const fullCost = [
      'scrypt',
      16384,
      8,
      1,
      salt.toString('base64url'),
      scryptSync('4821', salt, 32, { N: 16384, r: 8, p: 1 }).toString('base64url'),
    ].join('$');
    expect(await verifySecret('4821', fullCost)).toBe(true);
    expect(await verifySecret('4822', fullCost)).toBe(false);
  });
});

import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { seedPgliteDataDir } from './testing/database-templates';
import { createTestDatabase, testDatabaseUrl, type TestDatabase } from './testing/test-database';
import { setUpWarehouse, startTestServer } from './testing/test-server';

const execFileAsync = promisify(execFile);
/** Runs the CLI from the run's bundle of src/server/cli.ts (global-setup.ts): no tsx transpiling it at each start. */
const runCli = (args: string[], env?: NodeJS.ProcessEnv) =>
  execFileAsync(process.execPath, ['--enable-source-maps', inject('cliBundle'), ...args], { env, timeout: 60_000 });
const dir = mkdtempSync(join(tmpdir(), 'dockside-cli-'));
let pgdb: TestDatabase | null = null;
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await pgdb?.drop();
});

describe('cli create-admin', () => {
  it('prints a new admin key that the server then accepts', async () => {
    const base = testDatabaseUrl();
    pgdb = base ? await createTestDatabase(base) : null;
    // An empty database, so the CLI migrates it first. On PGlite, a copy of one just initialised:
    // initdb itself is PGlite's, and took 3-5 s more in the CLI's process.
    if (!pgdb) seedPgliteDataDir(dir, inject('pgliteEmptyTemplate'));
    const env = { ...process.env, DOCKSIDE_DATA_DIR: dir, DATABASE_URL: pgdb?.url ?? '' };
    const { stdout, stderr } = await runCli(['create-admin', '--name', 'Ops lead'], env);
    const key = stdout.trim();
    expect(key).toMatch(/^dks_ak_[A-Za-z0-9_-]{40,}$/);
    expect(stderr).toContain('Created admin API key "Ops lead"');

    const t = await startTestServer({ dataDir: pgdb ? null : dir, databaseUrl: pgdb?.url ?? null, bootstrapToken: undefined });
    try {
      const ok = await t.api('POST', '/v1/warehouses', { token: key, body: { code: 'CLI-1', name: 'Made with the CLI key' } });
      expect(ok.status).toBe(201);
      const wrong = await t.api('GET', '/v1/warehouses', { token: `${key.slice(0, -2)}xx` });
      expect(wrong.status).toBe(401);
      const [row] = await t.server.db.query<{ name: string; role: string; secret_hash: string }>(
        'select name, role, secret_hash from api_keys',
      );
      expect(row).toMatchObject({ name: 'Ops lead', role: 'admin' });
      expect(row!.secret_hash).not.toContain(key);
    } finally {
      await t.close();
    }
  });

  it('revokes and rotates: npm run revoke / rotate / enrollment-code', async () => {
    const base = testDatabaseUrl();
    const own = base ? await createTestDatabase(base) : null;
    const dataDir = mkdtempSync(join(tmpdir(), 'dockside-cli-revoke-'));
    const env = { ...process.env, DOCKSIDE_DATA_DIR: dataDir, DATABASE_URL: own?.url ?? '' };
    const cli = (...args: string[]) => runCli(args, env);
    try {
      // Set up through a server on the same database, then stop it (PGlite: one process per directory).
      let t = await startTestServer({ dataDir: own ? null : dataDir, databaseUrl: own?.url ?? null });
      const { stationId, stationToken } = await setUpWarehouse(t, 'CLI-1');
      const key = await t.api('POST', '/v1/api-keys', { body: { name: 'erp', role: 'integrator' } });
      await t.close();

      const revoked = await cli('revoke', 'station', stationId);
      expect(revoked.stderr).toContain(`Revoked station "Pack 1 CLI-1" (${stationId})`);
      const rotated = (await cli('rotate', 'api-key', key.body.id)).stdout.trim();
      expect(rotated).toMatch(/^dks_ak_/);
      const code = (await cli('enrollment-code', stationId, '--minutes', '5')).stdout.trim();
      await expect(cli('revoke', 'station', crypto.randomUUID())).rejects.toMatchObject({
        code: 1,
        stderr: expect.stringContaining('not_found'),
      });
      await expect(cli('revoke', 'printer', stationId)).rejects.toMatchObject({ code: 2 });

      t = await startTestServer({ dataDir: own ? null : dataDir, databaseUrl: own?.url ?? null });
      try {
        expect((await t.api('GET', '/v1/sync/hello', { token: stationToken })).body.code).toBe('credential_revoked');
        expect((await t.api('GET', '/v1/warehouses', { token: key.body.key })).body.code).toBe('credential_revoked');
        expect((await t.api('GET', '/v1/warehouses', { token: rotated })).status).toBe(200);
        const enrolled = await t.api('POST', '/v1/stations/enroll', { body: { code }, token: null });
        expect(enrolled.body.stationId).toBe(stationId);
        expect((await t.api('GET', '/v1/sync/hello', { token: enrolled.body.credential })).status).toBe(200);
      } finally {
        await t.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
      await own?.drop();
    }
  }, 240_000); // four CLI processes on loaded cores

  it('refuses an unknown command with usage', async () => {
    await expect(runCli(['drop-everything'])).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('usage:') });
  });
});

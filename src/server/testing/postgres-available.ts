import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const script = fileURLToPath(new URL('../../../scripts/start-test-postgres.sh', import.meta.url));

export type PostgresForTests = { available: true; url: string; stop(): Promise<void> } | { available: false; reason: string };

/**
 * PostgreSQL for a test that needs a real server: DOCKSIDE_TEST_DATABASE_URL when set, else a
 * throwaway cluster from scripts/start-test-postgres.sh, else the reason there is none.
 */
export async function postgresForTests(): Promise<PostgresForTests> {
  const given = process.env.DOCKSIDE_TEST_DATABASE_URL;
  if (given) return { available: true, url: given, stop: async () => {} };
  try {
    const { stdout } = await run('bash', [script], { timeout: 60_000 });
    const env = Object.fromEntries([...stdout.matchAll(/^export (\w+)=(.*)$/gm)].map((m) => [m[1]!, m[2]!]));
    if (!env.DATABASE_URL || !env.DOCKSIDE_PG_DIR)
      return { available: false, reason: `start-test-postgres.sh printed no DATABASE_URL: ${stdout}` };
    return {
      available: true,
      url: env.DATABASE_URL,
      stop: async () => {
        await run('bash', [script, 'stop', env.DOCKSIDE_PG_DIR!], { timeout: 30_000 }).catch(() => {});
      },
    };
  } catch (err) {
    const e = err as { code?: number; stderr?: string; message: string };
    return {
      available: false,
      reason:
        e.code === 3
          ? 'no PostgreSQL: DOCKSIDE_TEST_DATABASE_URL is unset and PostgreSQL is not installed here (apt-get install postgresql)'
          : `no PostgreSQL: DOCKSIDE_TEST_DATABASE_URL is unset and scripts/start-test-postgres.sh failed: ${(e.stderr ?? e.message).trim()}`,
    };
  }
}

/**
 * Server administration from the command line (the server's environment applies: DATABASE_URL,
 * DOCKSIDE_DATA_DIR).
 *
 *   npm run create-admin -- [--name "Ops admin"]      prints a new admin API key (shown once)
 *   npm run revoke -- station|api-key <id>             revokes it on every server process at once
 *   npm run rotate -- station|api-key <id>             prints its new credential (shown once); the old one is refused
 *   npm run enrollment-code -- <station id> [--minutes 60]   prints a one-time code that re-enrols the station (a revoked one too)
 *
 * With the embedded database (PGlite, DOCKSIDE_DATA_DIR) stop the server first: only one process
 * may open a PGlite directory. With PostgreSQL it can run beside live servers.
 */
import { z } from 'zod';
import { revokeApiKey, rotateApiKey, storeApiKey } from './auth/api-keys';
import { configFromEnv } from './config';
import { openDatabase, type Database } from './db/database';
import { migrate } from './db/migrate';
import { Problem } from './http/problem';
import { reissueEnrollmentCode, revokeStation, rotateStationCredential } from './stations/station-credentials';

const USAGE = [
  'usage: tsx src/server/cli.ts <command>',
  '  create-admin [--name <name>]',
  '  revoke station|api-key <id>',
  '  rotate station|api-key <id>',
  '  enrollment-code <station id> [--minutes <1-10080>]',
].join('\n');

function usage(): never {
  console.error(USAGE);
  process.exit(2);
}

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

function idArg(value: string | undefined): string {
  if (!value || !z.string().uuid().safeParse(value).success) {
    console.error(`expected an id (a UUID), got ${JSON.stringify(value ?? '')}`);
    process.exit(2);
  }
  return value;
}

/** Opens the server's database (migrated), runs `work` and closes it; a refusal (not found, already revoked) exits 1 with its reason. */
async function withDatabase(work: (db: Database, where: string) => Promise<void>): Promise<void> {
  const config = configFromEnv();
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: config.pgPoolSize });
  try {
    await migrate(db);
    await work(db, config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : (config.dataDir ?? 'in memory'));
  } catch (err) {
    if (!(err instanceof Problem)) throw err;
    console.error(`${err.code}: ${err.detail ?? err.title}`);
    process.exitCode = 1;
  } finally {
    await db.close();
  }
}

async function createAdmin(args: string[]) {
  const name = option(args, '--name') ?? 'admin';
  if (!name || name.length > 100) usage();
  await withDatabase(async (db, where) => {
    const key = await storeApiKey(db, { name, role: 'admin', warehouseId: null });
    console.error(`Created admin API key "${name}" (${key.id}) in ${where}. It is shown once; store it now:`);
    console.log(key.key);
  });
}

async function revoke([kind, id]: string[]) {
  if (kind !== 'station' && kind !== 'api-key') usage();
  const target = idArg(id);
  await withDatabase(async (db) => {
    const revoked = kind === 'station' ? await revokeStation(db, target) : await revokeApiKey(db, target);
    console.error(
      `Revoked ${kind} "${revoked.name}" (${revoked.id}) at ${revoked.revokedAt}; every server process refuses it from now on.`,
    );
  });
}

async function rotate([kind, id]: string[]) {
  if (kind !== 'station' && kind !== 'api-key') usage();
  const target = idArg(id);
  await withDatabase(async (db) => {
    if (kind === 'station') {
      const rotated = await rotateStationCredential(db, target);
      console.error(`New credential for station "${rotated.stationName}" (${target}); the old one is refused. It is shown once:`);
      console.log(rotated.credential);
    } else {
      const rotated = await rotateApiKey(db, target);
      console.error(`New secret for API key "${rotated.name}" (${target}); the old one is refused. It is shown once:`);
      console.log(rotated.key);
    }
  });
}

async function enrollmentCode([id, ...args]: string[]) {
  const target = idArg(id);
  const minutes = option(args, '--minutes') ?? '60';
  if (!/^\d+$/.test(minutes) || Number(minutes) < 1 || Number(minutes) > 7 * 24 * 60) usage();
  await withDatabase(async (db) => {
    const issued = await reissueEnrollmentCode(db, target, { codeTtlMinutes: Number(minutes) });
    console.error(
      `Enrollment code for station "${issued.name}" (${issued.id}), valid ${minutes} min; enter it at the station to re-enrol it:`,
    );
    console.log(issued.enrollmentCode);
  });
}

const COMMANDS: Record<string, (args: string[]) => Promise<void>> = {
  'create-admin': createAdmin,
  revoke,
  rotate,
  'enrollment-code': enrollmentCode,
};

const isMain = process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href;
if (isMain) {
  const [command, ...rest] = process.argv.slice(2);
  const run = command ? COMMANDS[command] : undefined;
  if (!run) usage();
  await run(rest);
}

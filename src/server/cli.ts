/**
 * Server administration from the command line (the server's environment applies: DATABASE_URL,
 * DOCKSIDE_DATA_DIR).
 *
 *   tsx src/server/cli.ts create-admin [--name "Ops admin"]   prints a new admin API key (shown once)
 *
 * With the embedded database (PGlite, DOCKSIDE_DATA_DIR) stop the server first: only one process
 * may open a PGlite directory. With PostgreSQL it can run beside live servers.
 */
import { storeApiKey } from './auth/api-keys';
import { configFromEnv } from './config';
import { openDatabase } from './db/database';
import { migrate } from './db/migrate';

export const FIRST_ADMIN_HINT = [
  'No admin yet. Create the first admin API key with one of:',
  '  npm run create-admin        (prints a new key; stop this server first when it uses the embedded database)',
  '  DOCKSIDE_BOOTSTRAP_TOKEN=<24+ random characters> npm run server   (that token becomes the first admin key)',
].join('\n');

function usage(): never {
  console.error('usage: tsx src/server/cli.ts create-admin [--name <name>]');
  process.exit(2);
}

async function createAdmin(args: string[]) {
  const i = args.indexOf('--name');
  const name = i >= 0 ? args[i + 1] : 'admin';
  if (!name || name.length > 100) usage();
  const config = configFromEnv();
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: config.pgPoolSize });
  try {
    await migrate(db);
    const key = await storeApiKey(db, { name, role: 'admin', warehouseId: null });
    const where = config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : config.dataDir ?? 'in memory';
    console.error(`Created admin API key "${name}" (${key.id}) in ${where}. It is shown once; store it now:`);
    console.log(key.key);
  } finally {
    await db.close();
  }
}

const isMain = process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href;
if (isMain) {
  const [command, ...rest] = process.argv.slice(2);
  if (command === 'create-admin') await createAdmin(rest);
  else usage();
}

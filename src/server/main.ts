import { createCentralServer } from './app';
import { FIRST_ADMIN_HINT } from './first-admin-hint';
import { configFromEnv } from './config';
import { readEnvironmentOrExit } from '../shared/config/environment';

/** A wrong environment: its message alone, no stack. */
function quit(message: string): never {
  console.error(message);
  process.exit(2);
}

/** `npm run server`: the central order server. Configuration by environment (see README). */
const config = readEnvironmentOrExit(() => configFromEnv(), quit);
const server = await createCentralServer(config);
const [keys] = await server.db.query<{ n: unknown }>('select count(*) as n from api_keys');
await server.app.listen({ port: config.port, host: config.host });
const address = server.app.server.address();
const port = typeof address === 'object' && address ? address.port : config.port;
console.log(
  `Dockside central server listening on http://${config.host}:${port} (database: ${server.db.engine}${config.databaseUrl ? '' : `, ${config.dataDir ?? 'in memory'}`})`,
);
if (Number(keys?.n) === 0) {
  console.log(FIRST_ADMIN_HINT);
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void server.close().finally(() => process.exit(0));
  });
}

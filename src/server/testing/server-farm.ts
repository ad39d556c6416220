import { createCentralServer, type CentralServer } from '../app';
import { configFromEnv } from '../config';
import { FarmRequest, type FarmReply } from './server-farm-protocol';

/**
 * One Node process that runs many central servers, one at a time or side by side, each on its own
 * PGlite data directory and port, as `npm run server` would run it (the same configuration from the
 * environment, the same createCentralServer, real HTTP). e2e starts one per Playwright worker for
 * the servers its tests take: a server process paid about 1.45 CPU-s to load its modules and start,
 * a server here about 0.65 CPU-s, on the two cores the suite is short of. A test that needs a server
 * it can crash starts a process of its own (processes.ts).
 *
 * Driven over Node's IPC channel (server-farm-protocol.ts); it ends when its parent goes.
 */
const running = new Map<string, CentralServer>();

const reply = (message: FarmReply) => process.send!(message);

async function handle(request: FarmRequest): Promise<void> {
  if (request.type === 'start') {
    try {
      const config = configFromEnv({
        ...process.env,
        ...request.env,
        DOCKSIDE_DATA_DIR: request.dataDir,
        PORT: String(request.port),
        DATABASE_URL: '',
      });
      const server = await createCentralServer(config);
      try {
        await server.app.listen({ port: config.port, host: config.host });
      } catch (err) {
        await server.close();
        throw err;
      }
      running.set(request.id, server);
      reply({ type: 'started', id: request.id, url: `http://${config.host}:${config.port}` });
    } catch (err) {
      reply({ type: 'failed', id: request.id, error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
    }
  } else {
    const server = running.get(request.id);
    running.delete(request.id);
    await server?.close().catch((err: unknown) => console.error(`closing server ${request.id}:`, err));
    reply({ type: 'stopped', id: request.id });
  }
}

if (!process.send) {
  console.error('server-farm runs as a child process with an IPC channel (e2e/support/processes.ts)');
  process.exit(2);
}
process.on('message', (message) => void handle(FarmRequest.parse(message)));
// The parent gone (a test worker ended or crashed): nothing here is anyone's any more.
process.on('disconnect', () => {
  void Promise.allSettled([...running.values()].map((s) => s.close())).finally(() => process.exit(0));
});
reply({ type: 'ready' });

import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { test as base } from '@playwright/test';
import { startVirtualPrinter, type VirtualPrinter, type VirtualPrinterMode } from '../../src/main/printing/testing/virtual-printer';
import { apiClient, type ApiClient } from '../../src/server/testing/api-client';
import { pgliteTemplate, seedPgliteDataDir } from '../../src/server/testing/database-templates';
import { startNetworkLink, type NetworkLink } from './network-link';
import {
  ADMIN_TOKEN,
  freePort,
  startCentralServer,
  startServerFarm,
  startStationHost,
  tempDir,
  type RunningProcess,
  type ServerFarm,
} from './processes';

/**
 * Starts the real processes of one test (or one worker) in their own data directories, and
 * stops everything it started when that test (or worker) ends, last started first.
 */
export interface Launcher {
  /** A new directory under this test's (or worker's) own. */
  dataDir(name: string): string;
  centralServer(): Promise<RunningProcess>;
  /** `allowedHosts`: names handhelds on the LAN reach it by (LAN_STATION_HOSTNAME). */
  stationHost(serverUrl: string, options?: { dataDir?: string; allowedHosts?: string[] }): Promise<RunningProcess>;
  printer(options?: { mode?: VirtualPrinterMode }): Promise<VirtualPrinter>;
  /** A link to the server the test can cut: one station goes offline, the server stays up. */
  networkLink(server: RunningProcess): Promise<NetworkLink>;
  /** The server's REST API as the admin. */
  api(server: RunningProcess): ApiClient;
}

/**
 * The migrated PGlite every central server here starts from (built once, cached in .cache/ like
 * the unit tests' template): a server process then opens an existing data directory instead of
 * running initdb and all migrations, which took most of each test's start-up on loaded cores.
 * A fresh data directory is still what the CLI tests and migrate.test.ts start from.
 */
let template: Promise<string> | null = null;

/** `dir` as a new copy of the template. */
async function seedFromTemplate(dir: string): Promise<void> {
  seedPgliteDataDir(dir, await (template ??= pgliteTemplate()));
}

/** A central server process on a new copy of the template, in `dir`. */
async function seededCentralServer(dir: string): Promise<RunningProcess> {
  await seedFromTemplate(dir);
  return startCentralServer(dir, await freePort());
}

function launcher(prefix: string): Launcher & { stopAll(): Promise<void> } {
  const root = tempDir(prefix);
  const running: (() => Promise<unknown>)[] = [];
  let dirs = 0;
  const dataDir = (name: string) => join(root, `${name}-${++dirs}`);
  const started = <T>(thing: T, stop: (t: T) => Promise<unknown>): T => {
    running.push(() => stop(thing));
    return thing;
  };
  return {
    dataDir,
    centralServer: async () => started(await seededCentralServer(dataDir('server')), (p) => p.stop()),
    stationHost: async (serverUrl, options = {}) =>
      started(await startStationHost(options.dataDir ?? dataDir('station'), await freePort(), serverUrl, options), (p) => p.stop()),
    printer: async (options = {}) => started(await startVirtualPrinter(options), (p) => p.close()),
    networkLink: async (server) => started(await startNetworkLink(Number(new URL(server.url).port)), (l) => l.cut()),
    api: (server) => apiClient(server.url, ADMIN_TOKEN),
    async stopAll() {
      for (const stop of running.reverse()) await stop().catch(() => undefined);
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/**
 * The central servers of one worker's tests that ask for `server`, run in one process of the
 * worker's (a server farm: processes.ts), each test's started while the test before it runs (a
 * start took 4-9 s of each test on loaded cores as a process of its own, which sat partly idle while
 * the test waited on its page). Each test still gets a server of its own, on a new copy of the
 * template, that only it uses and that stops when it ends; a test that must crash its server
 * starts a process (`launch.centralServer()`).
 */
function serverPool() {
  const root = tempDir('servers');
  let dirs = 0;
  let farm: Promise<ServerFarm> | null = null;
  const start = async () => {
    const dir = join(root, `server-${++dirs}`);
    await seedFromTemplate(dir);
    return { dir, server: await (await (farm ??= startServerFarm())).startServer(dir, await freePort()) };
  };
  let next: ReturnType<typeof start> | null = null;
  return {
    /** The server started ahead (or one started now), whose taker stops it; the next one starts now. */
    async take() {
      const taken = next ?? start();
      next = null;
      const server = await taken;
      next = start();
      next.catch(() => undefined); // the test that takes it fails with its error
      return server;
    },
    /** Stops the one started ahead that no test took, and the farm. */
    async close() {
      await (await next?.catch(() => null))?.server.stop();
      await (await farm?.catch(() => null))?.close();
      rmSync(root, { recursive: true, force: true });
    },
  };
}

interface TestFixtures {
  /** This test's processes: what the fixtures below start, and any other a test needs. */
  launch: Launcher;
  /** A central server of this test's own. */
  server: RunningProcess;
  /** A station host of this test's own, pointed at `server`. */
  station: RunningProcess;
  /** A virtual TCP label printer that accepts jobs. */
  printer: VirtualPrinter;
  /** `server`'s REST API as the admin. */
  api: ApiClient;
}

interface WorkerFixtures {
  /** Processes shared by the tests of one spec file that build on each other (serial mode); see `ownWorker`. */
  launchShared: Launcher;
  /** A spec that uses launchShared names itself here, so it runs in a worker of its own and its processes stop when it ends. */
  ownWorker: string;
}

export const test = base.extend<TestFixtures, WorkerFixtures & { servers: ReturnType<typeof serverPool> }>({
  ownWorker: ['any', { scope: 'worker', option: true }],
  launchShared: [
    async ({ ownWorker }, use) => {
      const shared = launcher(`worker-${ownWorker}`);
      await use(shared);
      await shared.stopAll();
    },
    { scope: 'worker' },
  ],
  servers: [
    async ({}, use) => {
      const pool = serverPool();
      await use(pool);
      await pool.close();
    },
    { scope: 'worker' },
  ],
  launch: async ({}, use, testInfo) => {
    const own = launcher(`test-${testInfo.workerIndex}`);
    await use(own);
    await own.stopAll();
  },
  server: async ({ servers }, use) => {
    const { dir, server } = await servers.take();
    await use(server);
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  },
  station: async ({ launch, server }, use) => use(await launch.stationHost(server.url)),
  printer: async ({ launch }, use) => use(await launch.printer()),
  api: async ({ launch, server }, use) => use(launch.api(server)),
});

export { expect } from '@playwright/test';

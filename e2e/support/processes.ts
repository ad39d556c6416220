import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { keepOutputTail } from '../../src/server/testing/output-tail';
import { FarmReply, type FarmRequest } from '../../src/server/testing/server-farm-protocol';
import { bundleOf } from './process-bundles';

export const ADMIN_TOKEN = 'dks_e2e_admin_token_4f2a9c1b7d3e8f60';

/**
 * A port for a process the test starts next, below Linux's ephemeral range (32768-60999): a port
 * the kernel handed out (listen on 0) and freed can be taken as the local port of any outgoing
 * connection before the child listens on it, and a central server died of EADDRINUSE that way.
 */
export async function freePort(): Promise<number> {
  for (;;) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    if (await canListen(port)) return port;
  }
}

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `dockside-${prefix}-`));
}

export interface RunningProcess {
  url: string;
  output(): string;
  stop(): Promise<void>;
  /** SIGKILL, as a crash or a pulled plug: nothing gets to finish. */
  kill(): Promise<void>;
  /** Starts the same entry point again, on the same data dir and port (after stop or kill); this handle then drives the new process. */
  restart(): Promise<RunningProcess>;
}

/** Starts one of our entry points from its bundle (global-setup.ts) and waits until it prints that it listens. */
export async function startProcess(
  name: string,
  entry: string,
  env: Record<string, string>,
  ready: RegExp,
  port: number,
  nodeFlags: string[] = [],
): Promise<RunningProcess> {
  let child = await spawnReady(name, entry, env, ready, port, nodeFlags);
  const handle: RunningProcess = {
    url: `http://127.0.0.1:${port}`,
    output: () => child.output(),
    stop: () =>
      new Promise<void>((resolve) => {
        const c = child.process;
        if (c.exitCode !== null || c.signalCode !== null) return resolve();
        c.once('exit', () => resolve());
        c.kill('SIGTERM');
        setTimeout(() => c.kill('SIGKILL'), 10_000).unref();
      }),
    kill: () =>
      new Promise<void>((resolve) => {
        const c = child.process;
        if (c.exitCode !== null || c.signalCode !== null) return resolve();
        c.once('exit', () => resolve());
        c.kill('SIGKILL');
      }),
    // The same handle, now on a new process: whoever stops it at the end stops the live one.
    restart: async () => {
      child = await spawnReady(name, entry, env, ready, port, nodeFlags);
      return handle;
    },
  };
  return handle;
}

async function spawnReady(
  name: string,
  entry: string,
  env: Record<string, string>,
  ready: RegExp,
  port: number,
  nodeFlags: string[],
): Promise<{ process: ChildProcess; output: () => string }> {
  const child: ChildProcess = spawn(process.execPath, ['--enable-source-maps', ...nodeFlags, bundleOf(entry)], {
    env: { ...process.env, ...env, PORT: String(port), NODE_NO_WARNINGS: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const started = { process: child, output: keepOutputTail(child) };
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start in time:\n${started.output()}`)), 150_000);
    const check = () => {
      if (ready.test(started.output())) {
        clearTimeout(timer);
        child.stdout!.off('data', check);
        resolve();
      }
    };
    child.stdout!.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited with ${code}:\n${started.output()}`));
    });
  });
  return started;
}

/**
 * A test's central server lives seconds (a new PGlite each, in a process of its own or in its
 * worker's farm), so PGlite's WebAssembly stays on V8's baseline compiler
 * (Liftoff): optimising its hot functions in the background cost each server about 1.3 CPU-s to
 * start and 4% of a core while idle, on two cores the test's Chromium and station host share
 * (e2e CPU, 8 tests: user 104-109 s, 83-94 s with it). Production servers keep the default.
 */
const TEST_SERVER_NODE_FLAGS = ['--liftoff-only'];

export function startCentralServer(dataDir: string, port: number) {
  return startProcess('central server', 'src/server/main.ts', centralServerEnv(dataDir), /listening on/, port, TEST_SERVER_NODE_FLAGS);
}

/** What a test's central server is set to, whether a process of its own or in a farm. */
function centralServerEnv(dataDir: string): Record<string, string> {
  return { DOCKSIDE_DATA_DIR: dataDir, DOCKSIDE_BOOTSTRAP_TOKEN: ADMIN_TOKEN, DATABASE_URL: '' };
}

/** Central servers in one process (server-farm.ts): see ServerFarm. */
export interface ServerFarm {
  /**
   * A central server on `dataDir` and `port`, in the farm. It stops and restarts as a process
   * does, for its stations (its port refuses, then answers again); it cannot be killed: a test
   * that crashes its server starts a process of its own (startCentralServer).
   */
  startServer(dataDir: string, port: number): Promise<RunningProcess>;
  /** Stops every server in it, then the farm. */
  close(): Promise<void>;
}

export async function startServerFarm(): Promise<ServerFarm> {
  const child = spawn(
    process.execPath,
    ['--enable-source-maps', ...TEST_SERVER_NODE_FLAGS, bundleOf('src/server/testing/server-farm.ts')],
    {
      env: { ...process.env, NODE_NO_WARNINGS: '1' },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    },
  );
  const output = keepOutputTail(child);
  const waiting = new Map<string, (reply: FarmReply) => void>();
  let exited: Error | null = null;
  child.on('message', (message) => {
    const reply = FarmReply.parse(message);
    if (reply.type === 'ready') return waiting.get('ready')?.(reply);
    waiting.get(reply.id)?.(reply);
  });
  child.once('exit', (code, signal) => {
    exited = new Error(`the server farm exited (${signal ?? code}):\n${output()}`);
    for (const settle of waiting.values()) settle({ type: 'failed', id: '', error: exited.message });
  });
  const ask = (id: string, request: FarmRequest | null): Promise<FarmReply> => {
    if (exited) return Promise.reject(exited);
    return new Promise((resolve) => {
      waiting.set(id, (reply) => {
        waiting.delete(id);
        resolve(reply);
      });
      if (request) child.send(request);
    });
  };
  const ready = await ask('ready', null);
  if (ready.type !== 'ready') throw new Error(`the server farm did not start: ${ready.type === 'failed' ? ready.error : ready.type}`);
  let servers = 0;

  const start = async (id: string, dataDir: string, port: number) => {
    const reply = await ask(id, { type: 'start', id, dataDir, port, env: centralServerEnv(dataDir) });
    if (reply.type !== 'started')
      throw new Error(`central server did not start: ${reply.type === 'failed' ? reply.error : reply.type}\n${output()}`);
  };
  const stop = async (id: string) => {
    if (!exited) await ask(id, { type: 'stop', id });
  };
  return {
    async startServer(dataDir, port) {
      const id = `server-${++servers}`;
      await start(id, dataDir, port);
      let up = true;
      const handle: RunningProcess = {
        url: `http://127.0.0.1:${port}`,
        output,
        async stop() {
          if (up) await stop(id);
          up = false;
        },
        kill: () =>
          Promise.reject(
            new Error('a central server in the server farm cannot be killed: start a process of its own (startCentralServer)'),
          ),
        async restart() {
          await handle.stop();
          await start(id, dataDir, port);
          up = true;
          return handle;
        },
      };
      return handle;
    },
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        // Its servers close when the channel does (server-farm.ts); a farm that hangs is killed.
        child.disconnect();
        setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
      }),
  };
}

/**
 * A handheld on the warehouse LAN reaches the station host by a name, not over loopback: Chromium
 * here resolves this one to 127.0.0.1 (playwright.config.ts), and a station host that lists it in
 * DOCKSIDE_ALLOWED_HOSTS serves it. Its page is then neither the station's own nor a secure context.
 */
export const LAN_STATION_HOSTNAME = 'station.warehouse.test';

export function startStationHost(
  dataDir: string,
  port: number,
  serverUrl: string,
  { allowedHosts = [] }: { allowedHosts?: string[] } = {},
) {
  return startProcess(
    'station host',
    'src/main/station-host/main.ts',
    { DOCKSIDE_DATA_DIR: dataDir, DOCKSIDE_SERVER_URL: serverUrl, DOCKSIDE_ALLOWED_HOSTS: allowedHosts.join(',') },
    /station host on/,
    port,
  );
}

/** Pairing codes already used (each works once). */
const usedPairingCodes = new Set<string>();

/**
 * Pairs a device with a station host the way a handheld does, with the one-time code the host
 * printed on its console (a test or script is not the station's own page, which pairs itself).
 * Answers the device token.
 */
export async function pairDevice(station: RunningProcess): Promise<string> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const code = [...station.output().matchAll(/Pairing code for a handheld or browser: (\S+)/g)]
      .map((m) => m[1]!)
      .filter((c) => !usedPairingCodes.has(c))
      .at(-1);
    if (!code) {
      // The host prints the next code as it hands out a token; its line may not have arrived yet.
      await new Promise((r) => setTimeout(r, 50));
      continue;
    }
    usedPairingCodes.add(code);
    const res = await fetch(`${station.url}/api/devices`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ pairingCode: code }),
    });
    const body = (await res.json()) as { deviceToken?: string; code?: string; detail?: string };
    if (res.ok && body.deviceToken) return body.deviceToken;
    // Expired while the test ran: the host has printed a new one.
    if (body.code !== 'pairing_code_wrong') throw new Error(`pairing refused: ${body.code}: ${body.detail}`);
  }
  throw new Error(`the station host printed no usable pairing code:\n${station.output()}`);
}

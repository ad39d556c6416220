import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
    output: () => child.output,
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
): Promise<{ process: ChildProcess; output: string }> {
  const child: ChildProcess = spawn(process.execPath, ['--enable-source-maps', ...nodeFlags, bundleOf(entry)], {
    env: { ...process.env, ...env, PORT: String(port), NODE_NO_WARNINGS: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // The server logs every request (JSON lines): keep the tail only, so a long spec does not grow it without bound.
  const started = { process: child, output: '' };
  const keep = (d: Buffer) => {
    started.output += d;
    if (started.output.length > 256_000) started.output = started.output.slice(-128_000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start in time:\n${started.output}`)), 150_000);
    const check = () => {
      if (ready.test(started.output)) {
        clearTimeout(timer);
        child.stdout!.off('data', check);
        resolve();
      }
    };
    child.stdout!.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited with ${code}:\n${started.output}`));
    });
  });
  return started;
}

/**
 * A test's central server lives seconds, so PGlite's WebAssembly stays on V8's baseline compiler
 * (Liftoff): optimising its hot functions in the background cost each server about 1.3 CPU-s to
 * start and 4% of a core while idle, on two cores the test's Chromium and station host share
 * (e2e CPU, 8 tests: user 104-109 s, 83-94 s with it). Production servers keep the default.
 */
const TEST_SERVER_NODE_FLAGS = ['--liftoff-only'];

export function startCentralServer(dataDir: string, port: number) {
  return startProcess(
    'central server',
    'src/server/main.ts',
    { DOCKSIDE_DATA_DIR: dataDir, DOCKSIDE_BOOTSTRAP_TOKEN: ADMIN_TOKEN, DATABASE_URL: '' },
    /listening on/,
    port,
    TEST_SERVER_NODE_FLAGS,
  );
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

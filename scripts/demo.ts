/**
 * `npm run demo`: the central server on its embedded database with sample orders, plus a
 * station. In Electron where the binary is installed; otherwise the station host, to open in
 * a browser. A virtual label printer saves every label it receives under .data/demo/labels.
 * The station reaches the server through a link the user can cut ("offline" + Enter) and
 * restore ("online"), so the station, its printer and the demo keep running meanwhile.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { createInterface } from 'node:readline';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { createCentralServer } from '../src/server/app';
import { configFromEnv } from '../src/server/config';
import { startVirtualPrinter } from '../src/main/printing/testing/virtual-printer';
import { generateDemoData } from '../src/server/demo/generate';
import { startDemoLink } from './demo-link';

const root = resolve(process.env.DOCKSIDE_DEMO_DIR ?? '.data/demo');
mkdirSync(join(root, 'labels'), { recursive: true });
const tokenFile = join(root, 'admin-token.txt');
if (!existsSync(tokenFile)) writeFileSync(tokenFile, `dks_demo_${randomBytes(24).toString('base64url')}`, { mode: 0o600 });
const adminToken = readFileSync(tokenFile, 'utf8').trim();
const serverPort = Number(process.env.DOCKSIDE_DEMO_SERVER_PORT ?? 4000);
const stationPort = Number(process.env.DOCKSIDE_DEMO_STATION_PORT ?? 5173);
const linkPort = Number(process.env.DOCKSIDE_DEMO_LINK_PORT ?? 4001);
// A fixed port: the station's printer settings, made on the first run, still reach it after a restart.
const printerPort = Number(process.env.DOCKSIDE_DEMO_PRINTER_PORT ?? 9101);

// A port in use is said in one line, with the variable that moves it (not a stack trace).
for (const [port, variable] of [
  [serverPort, 'DOCKSIDE_DEMO_SERVER_PORT'],
  [linkPort, 'DOCKSIDE_DEMO_LINK_PORT'],
  [stationPort, 'DOCKSIDE_DEMO_STATION_PORT'],
  [printerPort, 'DOCKSIDE_DEMO_PRINTER_PORT'],
] as const) {
  if (port !== 0 && !(await portIsFree(port))) {
    console.error(`Port ${port} is in use (another demo still running?): stop it, or set ${variable} to a free port.`);
    process.exit(1);
  }
}

const server = await createCentralServer({
  ...configFromEnv({ DOCKSIDE_DATA_DIR: join(root, 'server'), DOCKSIDE_LOG_LEVEL: process.env.DOCKSIDE_LOG_LEVEL ?? 'warn' }),
  bootstrapToken: adminToken,
  port: serverPort,
});
await server.app.listen({ port: serverPort, host: '127.0.0.1' });
const serverUrl = `http://127.0.0.1:${serverPort}`;
console.log(`Central server: ${serverUrl} (PGlite in ${join(root, 'server')}); admin API key in ${tokenFile}`);
// The station's way to the server: cut and restored from this console.
const link = await startDemoLink(serverPort, linkPort);
const stationServerUrl = link.url;

// Sample data once, from a fixed seed: warehouses with stock, people, orders (some split, some
// backordered, some already shipped and returned). The people's PINs are in demo-data.json.
const [existing] = await server.db.query<{ n: unknown }>('select count(*) as n from warehouses');
if (Number(existing?.n) === 0) {
  const summary = await generateDemoData(server.db, { seed: 1 });
  writeFileSync(join(root, 'demo-data.json'), JSON.stringify(summary, null, 2), { mode: 0o600 });
  console.log(
    `Sample data: ${summary.counts.orders} orders (${summary.counts.backorderedLines} backordered lines, ${summary.counts.returns} returns) across ${summary.warehouses.length} warehouses`,
  );
} else {
  console.log('Sample data already present');
}
const [firstWarehouse] = await server.db.query<{ id: string; name: string; code: string; address: unknown }>(
  'select id, name, code, address from warehouses order by priority, code limit 1',
);
interface DemoPerson {
  id?: string;
  name: string;
  role: string;
  warehouseCode: string | null;
  pin: string;
  badge: string;
}
/** Everyone who can sign in at the demo station: its warehouse's people and those of no warehouse (from demo-data.json). */
function demoPeople(): DemoPerson[] {
  const file = join(root, 'demo-data.json');
  if (!existsSync(file)) return [];
  const data = JSON.parse(readFileSync(file, 'utf8')) as { users: DemoPerson[] };
  return data.users.filter((u) => u.warehouseCode === firstWarehouse!.code || u.warehouseCode === null);
}
function signInHelp(): string {
  const people = demoPeople();
  if (people.length === 0) return '';
  const lines = people.map((u) => `  ${u.name.padEnd(24)} ${u.role.padEnd(11)} PIN ${u.pin}   badge ${u.badge}`);
  return `Sign in at the station as any of these (also in ${join(root, 'demo-data.json')}):\n${lines.join('\n')}`;
}

// The virtual label printer: a raw TCP port that keeps each label as a .zpl file. Numbering
// goes on from the labels an earlier run left, which are kept.
const printer = await startVirtualPrinter({ port: printerPort });
const labelsDir = join(root, 'labels');
const earlierLabels = Math.max(0, ...readdirSync(labelsDir).map((f) => Number(/^label-(\d+)\.zpl$/.exec(f)?.[1] ?? 0)));
let saved = 0;
setInterval(() => {
  while (saved < printer.jobs.length) {
    saved += 1;
    writeFileSync(join(labelsDir, `label-${String(earlierLabels + saved).padStart(4, '0')}.zpl`), printer.jobs[saved - 1]!);
  }
}, 500).unref();

const children: ChildProcess[] = [];
/** The station host's pairing codes, newest last (each works once). */
const pairingCodes: string[] = [];
const require = createRequire(import.meta.url);
let electronPath: string | null = null;
try {
  const p = require('electron') as unknown as string;
  electronPath = typeof p === 'string' && existsSync(p) ? p : null;
} catch {
  electronPath = null;
}

const stationDir = join(root, electronPath ? 'electron-station' : 'station');
const enrollment = await enrollCode(firstWarehouse!.id, stationDir);

if (electronPath) {
  await run(process.execPath, ['scripts/ensure-renderer-built.mjs']);
  children.push(
    spawn(electronPath, ['out/main/index.js'], {
      stdio: 'inherit',
      env: { ...process.env, DOCKSIDE_DATA_DIR: stationDir, DOCKSIDE_SERVER_URL: stationServerUrl },
    }),
  );
  if (enrollment) console.log(`Enroll the station window with code ${enrollment}; add printer 127.0.0.1:${printer.port}`);
  console.log(signInHelp());
} else {
  await run(process.execPath, ['scripts/ensure-renderer-built.mjs']);
  const host = spawn(process.execPath, ['--import', 'tsx', 'src/main/station-host/main.ts'], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, PORT: String(stationPort), DOCKSIDE_DATA_DIR: stationDir, DOCKSIDE_SERVER_URL: stationServerUrl },
  });
  // Shown as it comes; the set-up below pairs with the code the host prints, as a handheld would.
  host.stdout!.on('data', (d: Buffer) => {
    process.stdout.write(d);
    for (const m of d.toString().matchAll(/Pairing code for a handheld or browser: (\S+)/g)) pairingCodes.push(m[1]!);
  });
  children.push(host);
  const stationUrl = `http://127.0.0.1:${stationPort}`;
  await waitFor(`${stationUrl}/api/contract`);
  if (enrollment) {
    const device = await pairWithStation(stationUrl);
    const callStation = (name: string, arg?: unknown) => callStationAs(stationUrl, device.deviceToken, name, arg);
    await callStation('station.enroll', { serverUrl: stationServerUrl, code: enrollment });
    // Printers are a supervisor's to set up: the set-up signs in as the warehouse's supervisor, and out again.
    await callStation('station.people');
    const supervisor = demoPeople().find((u) => u.role === 'supervisor' && u.id) ?? demoPeople().find((u) => u.role === 'admin' && u.id);
    if (supervisor) await callStation('station.sign-in', { userId: supervisor.id, pin: supervisor.pin });
    const printerId = crypto.randomUUID();
    await callStation('settings.update', {
      printers: [
        {
          id: printerId,
          name: 'Virtual Zebra (saves labels)',
          language: 'zpl',
          dpi: 203,
          connection: { kind: 'tcp', host: '127.0.0.1', port: printer.port },
        },
      ],
      routes: { 'shipping-label': printerId, 'test-label': printerId },
      // Labels say where the parcel comes from: the warehouse's address.
      ...(firstWarehouse!.address ? { shipFrom: firstWarehouse!.address } : {}),
    });
    if (supervisor) await callStation('station.sign-out');
  }
  console.log(`\nStation: open ${stationUrl} in a browser (Electron is not installed here).`);
  console.log(signInHelp());
  console.log(
    `Scan an order number from the list (type it fast and press Enter, or use "Type a code"), then each item's barcode, then Ship.`,
  );
  console.log(`Labels land in ${labelsDir} (earlier ones are kept). Ctrl-C stops everything; data stays in ${root}.`);
}
offlineSwitch();

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    for (const c of children) c.kill('SIGTERM');
    void Promise.all([link.close(), server.close(), printer.close()]).finally(() => process.exit(0));
  });
}

/** Registers the demo station once (its data dir remembers the enrollment). */
async function enrollCode(warehouseId: string, dir: string): Promise<string | null> {
  if (existsSync(join(dir, 'station.json'))) return null;
  const res = await fetch(`${serverUrl}/v1/stations`, {
    method: 'POST',
    headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Demo packing station', warehouseId }),
  });
  if (!res.ok) throw new Error(`could not register the demo station: ${await res.text()}`);
  return ((await res.json()) as { enrollmentCode: string }).enrollmentCode;
}

/** Type "offline" or "online" and Enter: the station loses its server (which keeps running) and gets it back. */
function offlineSwitch() {
  console.log('\nType "offline" and Enter to take the server away from the station, "online" to bring it back.');
  const input = createInterface({ input: process.stdin });
  input.on('line', (line) => {
    const word = line.trim().toLowerCase();
    if (word === 'offline') {
      link.cut();
      console.log('Server offline for the station: it keeps working and its events wait in the outbox.');
    } else if (word === 'online') {
      link.restore();
      console.log('Server back: the station sends what waited.');
    } else if (word) console.log('Type "offline" or "online" (Ctrl-C stops the demo).');
  });
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolveFree) => {
    const probe = createServer();
    probe.once('error', () => resolveFree(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolveFree(true)));
  });
}

async function callStationAs(url: string, deviceToken: string, name: string, arg: unknown) {
  // The demo set-up is a device of the station like a handheld: it paired with the code the host printed.
  const res = await fetch(`${url}/api/call/${name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'dockside-device-token': deviceToken },
    body: JSON.stringify({ arg }),
  });
  const body = (await res.json()) as { ok: boolean; error?: { message: string } };
  if (!body.ok) throw new Error(`${name}: ${body.error?.message}`);
}

async function pairWithStation(url: string): Promise<{ deviceToken: string }> {
  for (let i = 0; i < 200 && pairingCodes.length === 0; i++) await new Promise((r) => setTimeout(r, 50));
  const pairingCode = pairingCodes.splice(0).at(-1);
  const res = await fetch(`${url}/api/devices`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ pairingCode }),
  });
  if (!res.ok) throw new Error(`the station host refused to pair the demo set-up: ${await res.text()}`);
  return (await res.json()) as { deviceToken: string };
}

async function waitFor(url: string) {
  for (let i = 0; i < 120; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not come up`);
}

function run(cmd: string, args: string[]) {
  return new Promise<void>((resolveRun, reject) => {
    spawn(cmd, args, { stdio: 'inherit' }).once('exit', (code) => (code === 0 ? resolveRun() : reject(new Error(`${cmd} failed`))));
  });
}

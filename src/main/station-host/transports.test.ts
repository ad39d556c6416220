import { mkdtempSync } from 'node:fs';
import { request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEVICE_TOKEN_HEADER,
  DeviceTokenIssued,
  HANDLER_NAMES,
  JOBS_SHOWN,
  stationContract,
  type StationPeople,
} from '../../shared/contract/index';
import { ipcChannel, registerIpcHandlers, type IpcReply } from '../electron/ipc-transport';
import { fileSecretStore } from '../services/secret-store';
import { createStationServices, type StationServices } from '../services/station-services';
import { createDeviceTokens } from './device-tokens';
import { createStationHttpServer } from './http-transport';
import { writePeopleFile } from '../services/testing/people-file';

let dataDir: string;
let services: StationServices;
let server: Server;
let baseUrl: string;
/** The device most tests call as. */
let token: string;

const PRIYA = { id: crypto.randomUUID(), name: 'Priya Packer', role: 'packer', badge: 'BADGE-PRIYA-001' } as const;
const SAM = { id: crypto.randomUUID(), name: 'Sam Supervisor', role: 'supervisor', badge: 'BADGE-SAM-0002' } as const;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'dockside-transport-'));
  writePeopleFile(dataDir, [PRIYA, SAM]);
  services = await createStationServices({ dataDir, secrets: fileSecretStore(dataDir) });
  server = createStationHttpServer(services, join(dataDir, 'no-renderer'), { devices: createDeviceTokens(dataDir) });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  token = await newDevice();
});
afterAll(async () => {
  server.close();
  await services.close();
});

/** A device paired the way a handheld pairs: with the code shown at the station. */
async function newDevice(url = baseUrl): Promise<string> {
  const res = await fetch(`${url}/api/devices`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ pairingCode: services.pairing.current().code }),
  });
  expect(res.status).toBe(201);
  return DeviceTokenIssued.parse(await res.json()).deviceToken;
}

const call = (name: string, arg: unknown, headers: Record<string, string> = {}, device: string | null = token, url = baseUrl) =>
  fetch(`${url}/api/call/${name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(device ? { [DEVICE_TOKEN_HEADER]: device } : {}), ...headers },
    body: JSON.stringify({ arg }),
  });
const result = async <T>(res: Response | Promise<Response>) => ((await (await res).json()) as { result: T }).result;

/** A device's event stream, read message by message. */
async function openStream(device: string) {
  const abort = new AbortController();
  const res = await fetch(`${baseUrl}/api/events`, { headers: { [DEVICE_TOKEN_HEADER]: device }, signal: abort.signal });
  expect(res.status).toBe(200);
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  return {
    async next(): Promise<{ name: string; payload: unknown }> {
      for (;;) {
        const end = buffer.indexOf('\n\n');
        if (end >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const name = /^event: (.+)$/m.exec(block)?.[1];
          const data = /^data: (.+)$/m.exec(block)?.[1];
          if (name && data) return { name, payload: JSON.parse(data) };
          continue;
        }
        const { value, done } = await reader.read();
        if (done) throw new Error('stream ended');
        buffer += decoder.decode(value, { stream: true });
      }
    },
    /** The people-changed messages up to the first one `until` accepts. */
    async peopleUntil(until: (p: StationPeople) => boolean): Promise<StationPeople[]> {
      const seen: StationPeople[] = [];
      for (;;) {
        const m = await this.next();
        if (m.name !== 'station.people-changed') continue;
        seen.push(m.payload as StationPeople);
        if (until(m.payload as StationPeople)) return seen;
      }
    },
    close: () => abort.abort(),
  };
}

describe('station transports', () => {
  it('the name list is exactly the contract', () => {
    expect([...HANDLER_NAMES].sort()).toEqual(Object.keys(stationContract).sort());
  });

  it('Electron IPC registers one channel per contract handler and nothing else', async () => {
    const registered = new Map<string, (event: unknown, arg: unknown) => Promise<unknown>>();
    registerIpcHandlers({ handle: (channel, fn) => registered.set(channel, fn) }, services);
    expect([...registered.keys()].sort()).toEqual(HANDLER_NAMES.map(ipcChannel).sort());
    // Arguments are re-validated in main: a malformed one is refused before the handler runs.
    const reply = (await registered.get(ipcChannel('printing.reprint'))!({}, { jobId: 'not-a-uuid' })) as IpcReply;
    expect(reply).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const settings = (await registered.get(ipcChannel('settings.get'))!({}, undefined)) as IpcReply;
    expect(settings).toMatchObject({ ok: true, result: { printers: [] } });
  });

  it('the station host answers every contract handler over HTTP, and only those', async () => {
    const listed = (await (await fetch(`${baseUrl}/api/contract`)).json()) as { handlers: string[] };
    expect(listed.handlers.sort()).toEqual([...HANDLER_NAMES].sort());
    for (const name of HANDLER_NAMES) {
      const res = await call(name, { definitely: 'not valid' });
      const body = (await res.json()) as { ok: boolean; error?: { code: string } };
      expect(body.error?.code, name).not.toBe('unknown_handler');
      expect(res.status, name).not.toBe(404);
    }
    const unknown = await call('printing.format-hard-drive', {});
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: { code: string } }).error.code).toBe('unknown_handler');
  });

  it('answers the same result on both transports', async () => {
    const registered = new Map<string, (event: unknown, arg: unknown) => Promise<unknown>>();
    registerIpcHandlers({ handle: (channel, fn) => registered.set(channel, fn) }, services);
    const viaIpc = (await registered.get(ipcChannel('station.get-identity'))!({}, undefined)) as IpcReply;
    const viaHttp = (await (await call('station.get-identity', undefined)).json()) as IpcReply;
    expect(viaHttp).toEqual(viaIpc);
    expect(viaHttp).toMatchObject({ ok: true, result: { enrolled: false } });
  });

  it('refuses calls from another origin (another web page driving the station)', async () => {
    const res = await call('settings.get', undefined, { origin: 'http://evil.example' });
    expect(res.status).toBe(403);
    // DNS rebinding: a page on evil.example resolved to 127.0.0.1 sends its own Host header.
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${baseUrl}/api/contract`, { headers: { host: 'evil.example' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(403);
    // Nor can another page get itself a device token.
    expect((await fetch(`${baseUrl}/api/devices`, { method: 'POST', headers: { origin: 'http://evil.example' } })).status).toBe(403);
  });

  it('refuses a call or an event stream without a device token, or with one it did not issue, saying how to pair', async () => {
    const none = await call('station.people', undefined, {}, null);
    expect(none.status).toBe(401);
    expect(none.headers.get('content-type')).toBe('application/problem+json');
    expect(await none.json()).toMatchObject({
      status: 401,
      code: 'device_not_paired',
      detail: expect.stringContaining('POST /api/devices'),
    });
    const forged = await call('station.people', undefined, {}, `dkd_${'A'.repeat(43)}`);
    expect(forged.status).toBe(401);
    expect(await forged.json()).toMatchObject({ code: 'device_not_paired' });
    const stream = await fetch(`${baseUrl}/api/events`);
    expect(stream.status).toBe(401);
    expect(await stream.json()).toMatchObject({ code: 'device_not_paired' });
    // Each first contact is a new device with its own random token.
    const [a, b] = [await newDevice(), await newDevice()];
    expect(a).not.toBe(b);
    expect((await call('settings.get', undefined, {}, a)).status).toBe(200);
  });

  it('keeps a sign-in per device token, and each event stream carries only its own device sign-in', async () => {
    const desk = await newDevice();
    const handheld = await newDevice();
    const deskStream = await openStream(desk);
    const handheldStream = await openStream(handheld);
    // On opening, each stream says what main pushes as it is now: connection, carriers, SSCC stock, the print queue, who is signed in.
    const opening = [await deskStream.next(), await deskStream.next(), await deskStream.next(), await deskStream.next()];
    expect(opening).toEqual([
      { name: 'sync.connection', payload: services.link.state() },
      { name: 'carriers.changed', payload: services.carriers.state() },
      { name: 'printing.sscc-stock-changed', payload: services.ssccStock() },
      { name: 'printing.jobs-listed', payload: services.print.listJobs({ limit: JOBS_SHOWN }) },
    ]);
    // ... and who is signed in there: nobody yet.
    expect((await deskStream.peopleUntil(() => true))[0]!.signedIn).toBeNull();
    expect((await handheldStream.peopleUntil(() => true))[0]!.signedIn).toBeNull();

    expect(await result(call('station.sign-in', { badge: SAM.badge }, {}, desk))).toMatchObject({ id: SAM.id });
    // A fresh browser opening the station is not signed in as the supervisor.
    expect((await result<StationPeople>(call('station.people', undefined, {}, handheld))).signedIn).toBeNull();
    expect((await result<StationPeople>(call('station.people', undefined, {}, desk))).signedIn?.name).toBe(SAM.name);

    await result(call('station.sign-in', { badge: PRIYA.badge }, {}, handheld));
    // The handheld's stream heard of its own sign-in, and never of the supervisor's (which came first).
    const heardOnHandheld = await handheldStream.peopleUntil((p) => p.signedIn?.id === PRIYA.id);
    expect(heardOnHandheld.map((p) => p.signedIn?.id ?? null)).toEqual([PRIYA.id]);
    expect(await deskStream.peopleUntil((p) => p.signedIn !== null)).toEqual([
      expect.objectContaining({ signedIn: expect.objectContaining({ id: SAM.id }) }),
    ]);

    // Signing out on the handheld leaves the desk signed in.
    expect((await result<StationPeople>(call('station.sign-out', undefined, {}, handheld))).signedIn).toBeNull();
    expect((await result<StationPeople>(call('station.people', undefined, {}, desk))).signedIn?.id).toBe(SAM.id);
    expect((await handheldStream.peopleUntil(() => true))[0]!.signedIn).toBeNull();
    deskStream.close();
    handheldStream.close();
  });

  it('the desktop window is a device of its own: a browser sign-in does not reach it', async () => {
    const registered = new Map<string, (event: unknown, arg: unknown) => Promise<unknown>>();
    const desktop = registerIpcHandlers({ handle: (channel, fn) => registered.set(channel, fn) }, services);
    const browser = await newDevice();
    await result(call('station.sign-in', { badge: PRIYA.badge }, {}, browser));
    const viaIpc = (await registered.get(ipcChannel('station.people'))!({}, undefined)) as IpcReply;
    expect(viaIpc).toMatchObject({ ok: true, result: { signedIn: null } });
    // Its pushes are its own too.
    const heard: unknown[] = [];
    const off = services.events.subscribe(desktop.deviceId, (name, payload) => heard.push([name, payload]));
    await result(call('station.sign-out', undefined, {}, browser));
    await registered.get(ipcChannel('station.sign-in'))!({}, { badge: SAM.badge });
    off();
    expect(heard).toEqual([['station.people-changed', expect.objectContaining({ signedIn: expect.objectContaining({ id: SAM.id }) })]]);
  });

  it('hands two devices disjoint blocks of seqs', async () => {
    const [a, b] = [await newDevice(), await newDevice()];
    const blocks = await Promise.all(
      [a, b, a, b].map((d) => result<{ first: number; last: number }>(call('sync.next-seqs', { count: 10 }, {}, d))),
    );
    const seqs = blocks.flatMap((blk) => Array.from({ length: blk.last - blk.first + 1 }, (_, i) => blk.first + i));
    expect(seqs).toHaveLength(40);
    expect(new Set(seqs).size).toBe(40);
    // A device's own outbox floor is respected.
    expect((await result<{ first: number }>(call('sync.next-seqs', { count: 1, above: 90_000 }, {}, a))).first).toBe(90_001);
  });

  it('a restarted station host still knows its devices; a token it never issued is refused', async () => {
    const again = createStationHttpServer(services, join(dataDir, 'no-renderer'), { devices: createDeviceTokens(dataDir) });
    await new Promise<void>((r) => again.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(again.address() as AddressInfo).port}`;
    try {
      expect((await call('settings.get', undefined, {}, token, url)).status).toBe(200);
      const elsewhere = createDeviceTokens(mkdtempSync(join(tmpdir(), 'dockside-other-host-'))).issue().deviceToken;
      expect(await (await call('settings.get', undefined, {}, elsewhere, url)).json()).toMatchObject({ code: 'device_not_paired' });
    } finally {
      again.close();
    }
  });
});

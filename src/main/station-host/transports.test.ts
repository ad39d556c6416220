import { mkdtempSync } from 'node:fs';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HANDLER_NAMES, stationContract } from '../../shared/contract/index';
import { ipcChannel, registerIpcHandlers, type IpcReply } from '../electron/ipc-transport';
import { fileSecretStore } from '../services/secret-store';
import { createStationServices, type StationServices } from '../services/station-services';
import { createStationHttpServer } from './http-transport';

let services: StationServices;
let baseUrl: string;
let close: () => Promise<void>;

beforeAll(async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'dockside-transport-'));
  services = await createStationServices({ dataDir, secrets: fileSecretStore(dataDir) });
  const server = createStationHttpServer(services, join(dataDir, 'no-renderer'));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  close = async () => {
    server.close();
    await services.close();
  };
});
afterAll(() => close());

const call = (name: string, arg: unknown, headers: Record<string, string> = {}) =>
  fetch(`${baseUrl}/api/call/${name}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ arg }) });

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
  });
});

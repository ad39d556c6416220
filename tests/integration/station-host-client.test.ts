import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { fileSecretStore } from '../../src/main/services/secret-store';
import { createStationServices, type StationServices } from '../../src/main/services/station-services';
import { createDeviceTokens } from '../../src/main/station-host/device-tokens';
import { createStationHttpServer } from '../../src/main/station-host/http-transport';
import type { StationPeople } from '../../src/shared/contract/index';
import type { TokenStorage } from '../../src/renderer/station-client/device-token';
import { httpStationClient } from '../../src/renderer/station-client/http-client';
import { writePeopleFile } from '../../src/main/services/testing/people-file';

/**
 * The renderer's station client for browsers (device token, event stream read with fetch)
 * against a real station host over HTTP, as two browsers on one host.
 */
const dataDir = mkdtempSync(join(tmpdir(), 'dockside-host-client-'));
let services: StationServices;
let server: Server;
let baseUrl: string;
const PRIYA = { id: crypto.randomUUID(), name: 'Priya Packer', role: 'packer', badge: 'BADGE-PRIYA-001' } as const;
const SAM = { id: crypto.randomUUID(), name: 'Sam Supervisor', role: 'supervisor', badge: 'BADGE-SAM-0002' } as const;

/** Patience for pushes to arrive on a loaded machine. */
const settle = { timeout: 20_000, interval: 20 };

/**
 * Node's fetch standing in for Chromium: on the station's own page a browser adds Origin and
 * Sec-Fetch-Site to every call itself (the host pairs such a page without a code). Off: a
 * handheld on the LAN, as far as the host can tell (no same-origin browser page on its machine).
 */
let stationPageOnThisMachine = true;
const nodeFetch = globalThis.fetch;
vi.stubGlobal('fetch', (url: string, init: RequestInit = {}) =>
  nodeFetch(
    url,
    stationPageOnThisMachine
      ? { ...init, headers: { ...(init.headers as Record<string, string>), origin: baseUrl, 'sec-fetch-site': 'same-origin' } }
      : init,
  ),
);

/** A browser's localStorage. */
function browserStorage(): TokenStorage & { items: Map<string, string> } {
  const items = new Map<string, string>();
  return { items, getItem: (k) => items.get(k) ?? null, setItem: (k, v) => void items.set(k, v), removeItem: (k) => void items.delete(k) };
}

function listen(devicesDir: string, port = 0): Promise<Server> {
  const s = createStationHttpServer(services, join(dataDir, 'no-renderer'), { devices: createDeviceTokens(devicesDir) });
  return new Promise((resolve) => s.listen(port, '127.0.0.1', () => resolve(s)));
}

beforeAll(async () => {
  writePeopleFile(dataDir, [PRIYA, SAM]);
  services = await createStationServices({ dataDir, secrets: fileSecretStore(dataDir) });
  server = await listen(dataDir);
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  server.close();
  await services.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the browser station client', () => {
  it('gets a device token on first contact, keeps it, and hears only its own sign-in on its stream', async () => {
    const deskStorage = browserStorage();
    const desk = httpStationClient(baseUrl, deskStorage);
    const handheld = httpStationClient(baseUrl, browserStorage());
    const heardByDesk: StationPeople[] = [];
    const heardByHandheld: StationPeople[] = [];
    desk.listen('station.people-changed', (p) => heardByDesk.push(p));
    handheld.listen('station.people-changed', (p) => heardByHandheld.push(p));
    // Each stream opens by saying who is signed in there.
    await vi.waitFor(() => expect([heardByDesk.length, heardByHandheld.length]).toEqual([1, 1]), settle);

    expect((await desk.call('station.sign-in', { badge: SAM.badge })).name).toBe(SAM.name);
    const token = [...deskStorage.items.values()][0];
    expect(token).toMatch(/^dkd_/);
    expect((await handheld.call('station.people')).signedIn).toBeNull();
    await handheld.call('station.sign-in', { badge: PRIYA.badge });
    await vi.waitFor(() => expect(heardByHandheld.at(-1)?.signedIn?.id).toBe(PRIYA.id), settle);
    await vi.waitFor(() => expect(heardByDesk.at(-1)?.signedIn?.id).toBe(SAM.id), settle);
    // The supervisor's sign-in (which came first) never reached the handheld's stream.
    expect(heardByHandheld.map((p) => p.signedIn?.id ?? null)).toEqual([null, PRIYA.id]);
    // A reload is the same device: a new client on the same storage is still signed in.
    expect((await httpStationClient(baseUrl, deskStorage).call('station.people')).signedIn?.id).toBe(SAM.id);
    expect([...deskStorage.items.values()]).toEqual([token]);
  });

  it('a handheld is refused until someone types the pairing code shown at the station, then works as a device', async () => {
    stationPageOnThisMachine = false;
    try {
      const storage = browserStorage();
      const handheld = httpStationClient(baseUrl, storage);
      await expect(handheld.call('station.people')).rejects.toMatchObject({
        code: 'device_not_paired',
        message: expect.stringContaining('pairing code'),
      });
      await expect(handheld.pair('ABCD-EFGH')).rejects.toMatchObject({ code: 'pairing_code_wrong' });
      await handheld.pair(services.pairing.current().code);
      expect((await handheld.call('station.people')).signedIn).toBeNull();
      expect([...storage.items.values()][0]).toMatch(/^dkd_/);
    } finally {
      stationPageOnThisMachine = true;
    }
  });

  it('becomes a new device, signed out, when the host no longer knows its token (its data was reset)', async () => {
    const storage = browserStorage();
    const client = httpStationClient(baseUrl, storage);
    await client.call('station.sign-in', { badge: PRIYA.badge });
    const heard: StationPeople[] = [];
    client.listen('station.people-changed', (p) => heard.push(p));
    await vi.waitFor(() => expect(heard.at(-1)?.signedIn?.id).toBe(PRIYA.id), settle);
    const before = [...storage.items.values()][0];

    // The host restarts on the same address with its devices forgotten.
    const port = (server.address() as AddressInfo).port;
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
    server = await listen(mkdtempSync(join(tmpdir(), 'dockside-host-reset-')), port);

    // The stream reconnects as a new device (nobody signed in), and calls go through as it.
    await vi.waitFor(() => expect(heard.at(-1)!.signedIn).toBeNull(), settle);
    expect((await client.call('station.people')).signedIn).toBeNull();
    const after = [...storage.items.values()][0];
    expect(after).toMatch(/^dkd_/);
    expect(after).not.toBe(before);
  });
});

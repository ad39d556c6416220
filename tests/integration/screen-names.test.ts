import { mkdtempSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileSecretStore } from '../../src/main/services/secret-store';
import { createStationServices, type StationServices } from '../../src/main/services/station-services';
import { createDeviceTokens, type DeviceTokens } from '../../src/main/station-host/device-tokens';
import { createStationHttpServer } from '../../src/main/station-host/http-transport';
import { deviceTokenKeeper, type TokenStorage } from '../../src/renderer/station-client/device-token';
import { StationCallError } from '../../src/renderer/station-client/station-client';

/** A handheld's page pairs with the name typed on its pairing screen: the page's own client, a real station host. */
let services: StationServices;
let devices: DeviceTokens;
let server: Server;
let baseUrl: string;

beforeAll(async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'dockside-screen-names-'));
  devices = createDeviceTokens(dataDir);
  services = await createStationServices({ dataDir, secrets: fileSecretStore(dataDir), screenName: devices.nameOf });
  server = createStationHttpServer(services, join(dataDir, 'no-renderer'), { devices });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.close();
  await services.close();
});

function pageStorage(): TokenStorage & { token(): string | null } {
  const kept = new Map<string, string>();
  return {
    getItem: (k) => kept.get(k) ?? null,
    setItem: (k, v) => void kept.set(k, v),
    removeItem: (k) => void kept.delete(k),
    token: () => [...kept.values()][0] ?? null,
  };
}

describe('naming a screen as it pairs', () => {
  it('the name typed on the pairing screen is the name the station keeps for it', async () => {
    const storage = pageStorage();
    await deviceTokenKeeper(baseUrl, storage).pair(services.pairing.current().code, '  Returns bench ');
    expect(devices.nameOf(devices.deviceOf(storage.token()!)!)).toBe('Returns bench');
  });

  it('a name left empty is not sent: the host names the screen by its browser', async () => {
    const storage = pageStorage();
    await deviceTokenKeeper(baseUrl, storage).pair(services.pairing.current().code, '   ');
    // Node's fetch says neither browser nor system: the start of the device id is all there is.
    const id = devices.deviceOf(storage.token()!)!;
    expect(devices.nameOf(id)).toBe(`Device ${id.slice(0, 8)}`);
  });

  it('a name too long is refused with its reason, and nothing is kept', async () => {
    const storage = pageStorage();
    const refused = deviceTokenKeeper(baseUrl, storage).pair(services.pairing.current().code, 'x'.repeat(41));
    await expect(refused).rejects.toBeInstanceOf(StationCallError);
    await expect(refused).rejects.toMatchObject({ code: 'screen_name_invalid', message: 'a screen name has at most 40 characters' });
    expect(storage.token()).toBeNull();
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StationServices } from '../../src/main/services/station-services';
import type { DeviceTokens } from '../../src/main/station-host/device-tokens';
import { startTestStationHost, type TestStationHost } from '../../src/main/station-host/testing/test-station-host';
import { deviceTokenKeeper, type TokenStorage } from '../../src/renderer/station-client/device-token';
import { StationCallError } from '../../src/renderer/station-client/station-client';

/** A handheld's page pairs with the name typed on its pairing screen: the page's own client, a real station host. */
let host: TestStationHost;
let services: StationServices;
let devices: DeviceTokens;
let baseUrl: string;

beforeAll(async () => {
  host = await startTestStationHost();
  ({ services, devices, baseUrl } = host);
});
afterAll(() => host.stop());

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

import { mkdtempSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileSecretStore } from '../../services/secret-store';
import { createStationServices, type StationServices, type StationServicesOptions } from '../../services/station-services';
import { createDeviceTokens, type DeviceTokens } from '../device-tokens';
import { createStationHttpServer } from '../http-transport';

export interface TestStationHost {
  dataDir: string;
  devices: DeviceTokens;
  services: StationServices;
  server: Server;
  baseUrl: string;
  stop(): Promise<void>;
}

/**
 * A station host as `npm run station` wires it (its services, its devices and their names, its
 * HTTP transport), in-process on a free loopback port, for tests of what crosses its HTTP side.
 */
export async function startTestStationHost(
  options: Partial<Omit<StationServicesOptions, 'dataDir' | 'secrets'>> = {},
): Promise<TestStationHost> {
  const dataDir = mkdtempSync(join(tmpdir(), 'dockside-station-host-'));
  const devices = createDeviceTokens(dataDir);
  const services = await createStationServices({ dataDir, secrets: fileSecretStore(dataDir), screenName: devices.nameOf, ...options });
  const server = createStationHttpServer(services, join(dataDir, 'no-renderer'), { devices });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    dataDir,
    devices,
    services,
    server,
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    async stop() {
      server.close();
      await services.close();
    },
  };
}

import { fileSecretStore } from '../services/secret-store';
import { createStationServices } from '../services/station-services';
import { createDeviceTokens } from './device-tokens';
import { readEnvironmentOrExit } from '../../shared/config/environment';
import { stationHostConfigFromEnv } from './host-config';
import { createStationHttpServer } from './http-transport';

/** A wrong environment: its message alone, no stack. */
function quit(message: string): never {
  console.error(message);
  process.exit(2);
}

/**
 * `npm run station`: the station host. The same main-process services as the Electron app,
 * answering the station handler map over HTTP on 127.0.0.1 and serving the built renderer.
 */
const { dataDir, port, host, rendererDir, serverUrl, allowedHostnames } = readEnvironmentOrExit(() => stationHostConfigFromEnv(), quit);

const devices = createDeviceTokens(dataDir);
const services = await createStationServices({
  dataDir,
  screenName: devices.nameOf,
  secrets: fileSecretStore(dataDir),
  defaultServerUrl: serverUrl,
  // Whoever sits at the station reads it here (or on the Supervisor screen) and types it on the handheld.
  onPairingCode: ({ code, expiresAt }) => console.log(`Pairing code for a handheld or browser: ${code} (once, until ${expiresAt})`),
});
// On a LAN (HOST=0.0.0.0) list the names handhelds use in DOCKSIDE_ALLOWED_HOSTS.
const server = createStationHttpServer(services, rendererDir, { devices, allowedHostnames });
server.listen(port, host, () => {
  const address = server.address();
  const actual = typeof address === 'object' && address ? address.port : port;
  console.log(`Dockside station host on http://${host}:${actual} (data: ${dataDir}, server: ${serverUrl ?? 'set at enrollment'})`);
  services.pairing.current();
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    server.close();
    void services.close().finally(() => process.exit(0));
  });
}

import { resolve } from 'node:path';
import { fileSecretStore } from '../services/secret-store';
import { createStationServices } from '../services/station-services';
import { createDeviceTokens } from './device-tokens';
import { createStationHttpServer } from './http-transport';

/**
 * `npm run station`: the station host. The same main-process services as the Electron app,
 * answering the station handler map over HTTP on 127.0.0.1 and serving the built renderer.
 */
const dataDir = resolve(process.env.DOCKSIDE_DATA_DIR ?? '.data/station');
const port = Number(process.env.PORT ?? 5173);
const host = process.env.HOST ?? '127.0.0.1';
const rendererDir = resolve(process.env.DOCKSIDE_RENDERER_DIR ?? 'out/renderer');

const services = await createStationServices({
  dataDir,
  secrets: fileSecretStore(dataDir),
  defaultServerUrl: process.env.DOCKSIDE_SERVER_URL ?? null,
  // Whoever sits at the station reads it here (or on the Supervisor screen) and types it on the handheld.
  onPairingCode: ({ code, expiresAt }) => console.log(`Pairing code for a handheld or browser: ${code} (once, until ${expiresAt})`),
});
// On a LAN (HOST=0.0.0.0) list the names handhelds use in DOCKSIDE_ALLOWED_HOSTS.
const allowed = ['127.0.0.1', 'localhost', '[::1]', ...(process.env.DOCKSIDE_ALLOWED_HOSTS ?? '').split(',').map((h) => h.trim()).filter(Boolean)];
const server = createStationHttpServer(services, rendererDir, { devices: createDeviceTokens(dataDir), allowedHostnames: allowed });
server.listen(port, host, () => {
  const address = server.address();
  const actual = typeof address === 'object' && address ? address.port : port;
  console.log(`Dockside station host on http://${host}:${actual} (data: ${dataDir}, server: ${process.env.DOCKSIDE_SERVER_URL ?? 'set at enrollment'})`);
  services.pairing.current();
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    server.close();
    void services.close().finally(() => process.exit(0));
  });
}

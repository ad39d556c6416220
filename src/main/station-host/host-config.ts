import { resolve } from 'node:path';
import { z } from 'zod';
import { envInt, envList, envText, parseEnvironment } from '../../shared/config/environment';

/** Every environment variable the station host reads (`npm run station`), in one schema. */
export const StationHostEnvironment = z.object({
  PORT: envInt(0, 65_535, 5173),
  HOST: envText(/^[\w.:[\]-]+$/, 'a host name or IP address', '127.0.0.1'),
  DOCKSIDE_DATA_DIR: envText(/.+/, 'a directory', '.data/station'),
  DOCKSIDE_RENDERER_DIR: envText(/.+/, 'a directory', 'out/renderer'),
  /** Pre-fills the enrollment screen. */
  DOCKSIDE_SERVER_URL: envText(/^https?:\/\/[^\s/]+/, 'an http:// or https:// URL', null),
  /** On a LAN (HOST=0.0.0.0): the names handhelds use to reach this host. */
  DOCKSIDE_ALLOWED_HOSTS: envList(),
});

export interface StationHostConfig {
  port: number;
  host: string;
  dataDir: string;
  rendererDir: string;
  serverUrl: string | null;
  allowedHostnames: string[];
}

/** Throws an EnvironmentError naming each wrong variable. */
export function stationHostConfigFromEnv(env: Record<string, string | undefined> = process.env): StationHostConfig {
  const e = parseEnvironment(StationHostEnvironment, env);
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: resolve(e.DOCKSIDE_DATA_DIR),
    rendererDir: resolve(e.DOCKSIDE_RENDERER_DIR),
    serverUrl: e.DOCKSIDE_SERVER_URL,
    allowedHostnames: ['127.0.0.1', 'localhost', '[::1]', ...e.DOCKSIDE_ALLOWED_HOSTS],
  };
}

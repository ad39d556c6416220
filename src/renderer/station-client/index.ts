import { httpStationClient } from './http-client';
import { ipcStationClient, type DocksideBridge } from './ipc-client';
import type { StationClient } from './station-client';

declare global {
  interface Window {
    docksideBridge?: DocksideBridge;
  }
}

/**
 * The one place the transport is chosen: inside Electron the preload bridge exists; anywhere
 * else the page was served by the station host and talks to it over HTTP.
 */
export function createStationClient(): StationClient {
  return window.docksideBridge ? ipcStationClient(window.docksideBridge) : httpStationClient();
}

export type { StationClient } from './station-client';
export { StationCallError } from './station-client';

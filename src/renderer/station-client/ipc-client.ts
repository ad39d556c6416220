import type { StationClient, CallReply } from './station-client';
import { unwrap } from './station-client';

export interface DocksideBridge {
  call(name: string, arg: unknown): Promise<CallReply>;
  listen(name: string, callback: (payload: unknown) => void): () => void;
}

/** Electron: the preload bridge carries calls over IPC. */
export function ipcStationClient(bridge: DocksideBridge): StationClient {
  return {
    call: (async (name: string, arg?: unknown) => unwrap(name, await bridge.call(name, arg))) as StationClient['call'],
    // The desktop window is the station itself: there is nothing to pair.
    pair: async () => undefined,
    listen: ((name: string, cb: (payload: unknown) => void) => bridge.listen(name, cb)) as StationClient['listen'],
  };
}

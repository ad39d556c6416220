import { contextBridge, ipcRenderer } from 'electron';
import { HANDLER_NAMES, STATION_EVENT_NAMES } from '../shared/contract/names';

/**
 * The only thing the renderer gets from Electron: call a contract handler by name, and listen
 * to main's pushes. Never raw ipcRenderer; names outside the contract are refused here too.
 */
const handlerNames = new Set<string>(HANDLER_NAMES);
const eventNames = new Set<string>(STATION_EVENT_NAMES);

contextBridge.exposeInMainWorld('docksideBridge', {
  call(name: string, arg: unknown) {
    if (!handlerNames.has(name))
      return Promise.resolve({ ok: false, error: { code: 'unknown_handler', message: `no station handler named ${name}` } });
    return ipcRenderer.invoke(`dockside:${name}`, arg);
  },
  listen(name: string, callback: (payload: unknown) => void) {
    if (!eventNames.has(name)) throw new Error(`no station event named ${name}`);
    const listener = (_event: unknown, eventName: string, payload: unknown) => {
      if (eventName === name) callback(payload);
    };
    ipcRenderer.on('dockside:event', listener);
    return () => ipcRenderer.removeListener('dockside:event', listener);
  },
});

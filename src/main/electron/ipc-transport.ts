import { randomUUID } from 'node:crypto';
import { HANDLER_NAMES } from '../../shared/contract/index';
import { dispatch, HandlerError } from '../../shared/contract/dispatch';
import type { StationServices } from '../services/station-services';

/** The part of Electron's ipcMain we use; typed narrowly so the wiring is testable without Electron. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: unknown, arg: unknown) => Promise<unknown>): void;
}

export const ipcChannel = (name: string) => `dockside:${name}`;
export const IPC_EVENT_CHANNEL = 'dockside:event';

/** What crosses IPC back to the renderer: a result, or an error it can show. Errors thrown across IPC lose their fields. */
export type IpcReply = { ok: true; result: unknown } | { ok: false; error: { code: string; message: string } };

/**
 * One IPC channel per contract handler; the argument is re-validated in main before it runs.
 * The desktop window is one device (its own sign-in); its pushes are the events of `deviceId`.
 */
export function registerIpcHandlers(
  ipcMain: IpcMainLike,
  services: Pick<StationServices, 'handlers'>,
  deviceId: string = randomUUID(),
): { deviceId: string; channels: string[] } {
  const channels: string[] = [];
  for (const name of HANDLER_NAMES) {
    const channel = ipcChannel(name);
    ipcMain.handle(channel, async (_event, arg): Promise<IpcReply> => {
      try {
        return { ok: true, result: (await dispatch(services.handlers, name, arg, { deviceId })) ?? null };
      } catch (err) {
        if (err instanceof HandlerError) return { ok: false, error: { code: err.code, message: err.message } };
        console.error(`station handler ${name} failed`, err);
        return { ok: false, error: { code: 'internal_error', message: (err as Error).message } };
      }
    });
    channels.push(channel);
  }
  return { deviceId, channels };
}

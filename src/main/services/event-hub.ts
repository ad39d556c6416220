import type { StationEventName, StationEvents } from '../../shared/contract/index';

type Listener = (name: StationEventName, payload: unknown) => void;

/**
 * Main -> renderer pushes, whatever carries them (IPC or the station host's event stream). Each
 * connection listens as one device; a push meant for one device (its sign-in) reaches only it.
 */
export function createEventHub() {
  const listeners = new Set<{ deviceId: string; listener: Listener }>();
  return {
    /** To every device. */
    emit<N extends StationEventName>(name: N, payload: StationEvents[N]) {
      for (const l of listeners) l.listener(name, payload);
    },
    /** To one device only. */
    emitTo<N extends StationEventName>(deviceId: string, name: N, payload: StationEvents[N]) {
      for (const l of listeners) if (l.deviceId === deviceId) l.listener(name, payload);
    },
    /** To the devices `to` picks (those where a supervisor is signed in, say). */
    emitWhere<N extends StationEventName>(name: N, payload: StationEvents[N], to: (deviceId: string) => boolean) {
      for (const l of listeners) if (to(l.deviceId)) l.listener(name, payload);
    },
    /** To every device, each its own payload. */
    emitEach<N extends StationEventName>(name: N, payloadFor: (deviceId: string) => StationEvents[N]) {
      for (const l of listeners) l.listener(name, payloadFor(l.deviceId));
    },
    /** Whether a page of this device listens now (its window or browser tab is open). */
    connected(deviceId: string): boolean {
      for (const l of listeners) if (l.deviceId === deviceId) return true;
      return false;
    },
    subscribe(deviceId: string, listener: Listener): () => void {
      const entry = { deviceId, listener };
      listeners.add(entry);
      return () => listeners.delete(entry);
    },
  };
}
export type EventHub = ReturnType<typeof createEventHub>;

import type { StationEventName, StationEvents } from '../../shared/contract/index';

/** Main -> renderer pushes, whatever carries them (IPC or the station host's event stream). */
export function createEventHub() {
  const listeners = new Set<(name: StationEventName, payload: unknown) => void>();
  return {
    emit<N extends StationEventName>(name: N, payload: StationEvents[N]) {
      for (const l of listeners) l(name, payload);
    },
    subscribe(listener: (name: StationEventName, payload: unknown) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
export type EventHub = ReturnType<typeof createEventHub>;

import type { Implementation, StationContract } from '../../shared/contract/index';

/**
 * Quiet longer than this, a device's page is taken to be gone. Every open page asks main for its
 * conflict count every 30 s (the renderer's open-conflicts.ts), once a minute when its tab is in
 * the background: two minutes leave room for both.
 */
export const GONE_AFTER_MS = 2 * 60_000;

/**
 * Whether a device's page is there now: its event stream is open AND it has called main lately.
 * The stream alone is not enough: a handheld whose battery dies (or that leaves the Wi-Fi) sends
 * nothing to close it, and the host's heartbeats go unanswered for many minutes before its TCP
 * gives the connection up.
 */
export function createDevicePresence({ listening, now = Date.now }: { listening: (deviceId: string) => boolean; now?: () => number }) {
  const lastHeard = new Map<string, number>();
  return {
    /** The device called main (any call, a page's own background calls too). */
    heard(deviceId: string): void {
      lastHeard.set(deviceId, now());
    },
    /** When the device last called main; null: not since main started. */
    lastHeardAt(deviceId: string): number | null {
      return lastHeard.get(deviceId) ?? null;
    },
    present(deviceId: string): boolean {
      const heard = lastHeard.get(deviceId);
      return listening(deviceId) && heard !== undefined && now() - heard < GONE_AFTER_MS;
    },
  };
}
export type DevicePresence = ReturnType<typeof createDevicePresence>;

/** The same handlers, each noting first that its device was heard from. */
export function hearingCalls(
  handlers: Implementation<StationContract>,
  heard: (deviceId: string) => void,
): Implementation<StationContract> {
  const heardFirst: Record<string, (input: unknown, caller: { deviceId: string }) => Promise<unknown>> = {};
  for (const [name, fn] of Object.entries(handlers) as [string, (input: unknown, caller: { deviceId: string }) => Promise<unknown>][])
    heardFirst[name] = (input, caller) => {
      heard(caller.deviceId);
      return fn(input, caller);
    };
  return heardFirst as Implementation<StationContract>;
}

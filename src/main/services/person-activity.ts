import type { HandlerName, Implementation, StationContract } from '../../shared/contract/index';

/**
 * Calls a page makes on its own (replication, refreshing what it shows) and not because a person
 * did something: they must not keep an idle person signed in. Every other call is a person's
 * action, and so is `station.still-here` (a scan or a key press that needs no call of its own).
 */
const BACKGROUND_CALLS: ReadonlySet<HandlerName> = new Set<HandlerName>([
  'station.get-identity',
  'station.people',
  'settings.get',
  'sync.hello',
  'sync.pull',
  'sync.push',
  'sync.connection',
  'sync.next-seqs',
  // The sync bar's conflict count, asked every 30 s: counted, it kept every idle person signed in.
  'sync.conflicts',
  'carriers.state',
  'printing.list-jobs',
  'printing.printer-status',
  'printing.sscc-stock',
  'printing.mark-recorded',
]);

/** The same handlers, each noting the calling device's activity first (which ends an idle session before the call runs). */
export function countingActivity(
  handlers: Implementation<StationContract>,
  noteActivity: (deviceId: string) => void,
): Implementation<StationContract> {
  const counted: Record<string, (input: unknown, caller: { deviceId: string }) => Promise<unknown>> = {};
  for (const [name, fn] of Object.entries(handlers) as [
    HandlerName,
    (input: unknown, caller: { deviceId: string }) => Promise<unknown>,
  ][]) {
    counted[name] = BACKGROUND_CALLS.has(name)
      ? fn
      : (input, caller) => {
          noteActivity(caller.deviceId);
          return fn(input, caller);
        };
  }
  return counted as Implementation<StationContract>;
}

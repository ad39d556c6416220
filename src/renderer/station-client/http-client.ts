import { STATION_EVENT_NAMES } from '../../shared/contract/index';
import { StationCallError, unwrap, type CallReply, type StationClient } from './station-client';

/** Station host (any browser): calls are POSTs to the page's own origin, pushes arrive as server-sent events. */
export function httpStationClient(baseUrl = ''): StationClient {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let source: EventSource | null = null;
  const ensureSource = () => {
    if (source) return;
    source = new EventSource(`${baseUrl}/api/events`);
    for (const name of STATION_EVENT_NAMES) {
      source.addEventListener(name, (e) => {
        const payload = JSON.parse((e as MessageEvent<string>).data) as unknown;
        listeners.get(name)?.forEach((cb) => cb(payload));
      });
    }
  };
  return {
    call: (async (name: string, arg?: unknown) => {
      let res: Response;
      try {
        res = await fetch(`${baseUrl}/api/call/${encodeURIComponent(name)}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ arg }),
        });
      } catch (err) {
        throw new StationCallError('station_host_unreachable', `the station service is not answering: ${(err as Error).message}`);
      }
      return unwrap((await res.json()) as CallReply);
    }) as StationClient['call'],
    listen: ((name: string, cb: (payload: unknown) => void) => {
      ensureSource();
      const set = listeners.get(name) ?? new Set();
      set.add(cb);
      listeners.set(name, set);
      return () => set.delete(cb);
    }) as StationClient['listen'],
  };
}

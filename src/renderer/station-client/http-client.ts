import { DEVICE_TOKEN_HEADER, DeviceRefusal } from '../../shared/contract/index';
import { deviceTokenKeeper, type TokenStorage } from './device-token';
import { openEventStream } from './event-stream';
import { StationCallError, unwrap, type CallReply, type StationClient } from './station-client';

/**
 * Station host (any browser): calls are POSTs to the page's own origin, pushes arrive as
 * server-sent events. Both carry this browser's device token, so its sign-in is its own.
 */
export function httpStationClient(baseUrl = '', storage?: TokenStorage): StationClient {
  const tokens = deviceTokenKeeper(baseUrl, storage);
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let streaming = false;
  const hostWatchers = new Set<(reachable: boolean) => void>();
  let hostReachable = true;
  const hostIs = (reachable: boolean) => {
    if (reachable === hostReachable) return;
    hostReachable = reachable;
    hostWatchers.forEach((w) => w(reachable));
  };
  const openStream = () => {
    if (!streaming) openEventStream(baseUrl, tokens, (event, payload) => listeners.get(event)?.forEach((l) => l(payload)), hostIs);
    streaming = true;
  };

  async function post(name: string, arg: unknown, token: string): Promise<CallReply> {
    let res: Response;
    try {
      res = await fetch(`${baseUrl}/api/call/${encodeURIComponent(name)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [DEVICE_TOKEN_HEADER]: token },
        body: JSON.stringify({ arg }),
      });
    } catch (err) {
      hostIs(false);
      throw new StationCallError('station_host_unreachable', `the station service is not answering: ${(err as Error).message}`);
    }
    hostIs(true);
    const body = (await res.json()) as unknown;
    // Refusals of the device itself (not paired) are problem+json; a handler's answer is a CallReply.
    const refusal = DeviceRefusal.safeParse(body);
    return refusal.success ? { ok: false, error: { code: refusal.data.code, message: refusal.data.detail } } : (body as CallReply);
  }

  return {
    call: (async (name: string, arg?: unknown) => {
      const token = await tokens.get();
      const reply = await post(name, arg, token);
      if (reply.ok || reply.error.code !== 'device_not_paired') return unwrap(name, reply);
      // The host no longer knows this browser (its data was reset): pair again, once.
      tokens.forget(token);
      return unwrap(name, await post(name, arg, await tokens.get()));
    }) as StationClient['call'],
    pair: (code, screenName) => tokens.pair(code, screenName),
    listen: ((name: string, cb: (payload: unknown) => void) => {
      openStream();
      const set = listeners.get(name) ?? new Set();
      set.add(cb);
      listeners.set(name, set);
      return () => set.delete(cb);
    }) as StationClient['listen'],
    watchHost: (cb) => {
      openStream();
      hostWatchers.add(cb);
      cb(hostReachable);
      return () => hostWatchers.delete(cb);
    },
  };
}

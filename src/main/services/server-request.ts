import type { z } from 'zod';
import { CREDENTIAL_REVOKED } from '../../shared/contract/index';
import { HandlerError } from '../../shared/contract/dispatch';
import { readJson, type LinkStatus } from './server-link-status';
import { ServerResponseInvalid } from './server-response-invalid';

/** What staff read when a request finds no server. */
export const SERVER_UNREACHABLE = 'The server cannot be reached: try again once the station is back online';
/** What staff read when the server took the request but did not answer within its time. */
export const SERVER_SLOW = 'The server did not answer in time: it may be busy, try again in a moment';

/** The `details` of a HandlerError for a request the server answered with an error: its status and problem body (unparsed). */
export interface ServerRefusal {
  httpStatus: number;
  problem: unknown;
}

export interface ServerRequestOptions {
  credentials: () => { serverUrl: string; credential: string } | null;
  timeoutMs: number;
  status: LinkStatus;
  onRevoked: (detail: string) => void;
}

/**
 * Calls the server and reads its answer with `answer`: what arrives is checked, never trusted,
 * and a wrong shape is a ServerResponseInvalid naming the route and the first bad field.
 * `headers` adds to the station's own (e.g. the acting user for supervisor work).
 */
export function serverRequester({ credentials, timeoutMs, status, onRevoked }: ServerRequestOptions) {
  return async function request<S extends z.ZodType>(
    answer: S,
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
    /** This request's time limit, when it is not the link's (a push waits its turn behind the station's others). */
    limits: { timeoutMs?: number } = {},
  ): Promise<z.output<S>> {
    const creds = credentials();
    if (!creds) throw new HandlerError('station_not_enrolled', 'this station is not enrolled with a server yet', 409);
    if (status.current().revoked) throw status.refusedAsRevoked();
    let res: Response;
    try {
      res = await fetch(new URL(path, creds.serverUrl), {
        method,
        headers: {
          ...headers,
          authorization: `Bearer ${creds.credential}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(limits.timeoutMs ?? timeoutMs),
      });
    } catch (err) {
      throw noAnswer(err as Error, status);
    }
    status.contact();
    let text: string;
    try {
      text = await res.text();
    } catch (err) {
      throw noAnswer(err as Error, status);
    }
    const json = readJson(text);
    if (!res.ok) throw refusal(res.status, json.ok ? json.value : null, status, onRevoked);
    const route = `${method} ${new URL(path, creds.serverUrl).pathname}`;
    if (!json.ok) throw ServerResponseInvalid.notJson(route, text);
    const read = answer.safeParse(json.value);
    if (!read.success) throw ServerResponseInvalid.of(route, read.error);
    return read.data;
  };
}

/**
 * The error for a request that got no (whole) answer. One that ran out of time reached a server
 * that is slow, not gone: whether the station is online is the live stream's to say (its
 * heartbeats stop when the link is dead). Calling it offline would make every device catch up
 * again, sending the same events behind the ones the server is still applying.
 */
function noAnswer(err: Error, status: LinkStatus): HandlerError {
  if (err.name === 'TimeoutError')
    return new HandlerError('server_unreachable', SERVER_SLOW, 503, { technical: `server slow: ${err.message}` });
  // The fetch's own words ("fetch failed") are for support: the sync bar's tooltip and the error's details.
  const technical = `server unreachable: ${err.message}`;
  status.set({ online: false, lastError: technical });
  return new HandlerError('server_unreachable', SERVER_UNREACHABLE, 503, { technical });
}

/** The error for a server's refusal; a revoked credential also revokes the link. */
function refusal(httpStatus: number, parsed: unknown, status: LinkStatus, onRevoked: (detail: string) => void): HandlerError {
  const p = (parsed ?? {}) as { code?: string; detail?: string; title?: string };
  if (httpStatus === 401 && p.code === CREDENTIAL_REVOKED) {
    onRevoked(p.detail ?? 'the server revoked this station credential');
    return status.refusedAsRevoked();
  }
  if (httpStatus === 401) status.set({ lastError: 'the server no longer accepts this station credential' });
  const details: ServerRefusal = { httpStatus, problem: parsed };
  // The station host is the renderer's gateway: the server refusing the request (4xx) is passed on
  // as it is (a 409 is a 409, not a gateway failure); only the server failing (5xx) is a 502.
  return new HandlerError(
    p.code ?? `http_${httpStatus}`,
    p.detail ?? p.title ?? `server answered ${httpStatus}`,
    httpStatus >= 400 && httpStatus < 500 ? httpStatus : 502,
    details,
  );
}

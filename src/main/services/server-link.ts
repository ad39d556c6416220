import type { z } from 'zod';
import { CREDENTIAL_REVOKED, type ConnectionState } from '../../shared/contract/index';
import { HandlerError } from '../../shared/contract/dispatch';
import { StreamMessage } from '../../shared/sync/sync-protocol';
import { ServerResponseInvalid } from './server-response-invalid';

export interface ServerLinkOptions {
  /** Current server URL and credential; null while the station is not enrolled. */
  credentials: () => { serverUrl: string; credential: string } | null;
  onConnection: (state: ConnectionState) => void;
  onStream: (message: StreamMessage) => void;
  requestTimeoutMs?: number;
  /** No byte (data or heartbeat) for this long means the link is dead. */
  streamIdleMs?: number;
}

/**
 * The station's one connection to the central server: authenticated requests, and the live
 * stream that tells the renderer to pull. It keeps the online/offline state everyone shows.
 */
/** How often a renewed contact with the server is passed on (the sync bar's "last contact" time). */
const CONTACT_NEWS_MS = 5_000;

export function createServerLink(options: ServerLinkOptions) {
  const timeoutMs = options.requestTimeoutMs ?? 15_000;
  const idleMs = options.streamIdleMs ?? 45_000;
  let state: ConnectionState = { online: false, lastContactAt: null, lastError: null, revoked: null };
  let stopped = false;
  let streamAbort: AbortController | null = null;
  let wake: (() => void) | null = null;

  /** When the renderer last heard of a contact: it shows the time of the last one, so tell it now and then, not on every answer. */
  let announcedContactAt = 0;
  function setState(patch: Partial<ConnectionState>) {
    const next = { ...state, ...patch };
    const contactNews = next.lastContactAt !== null && Date.parse(next.lastContactAt) - announcedContactAt >= CONTACT_NEWS_MS;
    const changed = next.online !== state.online || next.lastError !== state.lastError || next.revoked !== state.revoked || contactNews;
    state = next;
    if (!changed) return;
    if (next.lastContactAt) announcedContactAt = Date.parse(next.lastContactAt);
    options.onConnection(state);
  }
  const contact = () => setState({ online: true, lastContactAt: new Date().toISOString(), lastError: null });

  /** The server revoked this credential: stop talking to it until the station is enrolled again (reconnect). */
  function revoked(detail: string) {
    if (!state.revoked)
      setState({ online: false, lastError: `this station was revoked: ${detail}`, revoked: { detail, since: new Date().toISOString() } });
    streamAbort?.abort(new Error('revoked'));
  }
  const refusedAsRevoked = () =>
    new HandlerError(
      CREDENTIAL_REVOKED,
      `this station was revoked and no longer syncs: ${state.revoked?.detail ?? ''}. Its unsent events are kept here; an admin can re-enrol it.`,
      401,
    );

  /**
   * Calls the server and reads its answer with `answer`: what arrives is checked, never trusted,
   * and a wrong shape is a ServerResponseInvalid naming the route and the first bad field.
   * `headers` adds to the station's own (e.g. the acting user for supervisor work).
   */
  async function request<S extends z.ZodType>(
    answer: S,
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<z.output<S>> {
    const creds = options.credentials();
    if (!creds) throw new HandlerError('station_not_enrolled', 'this station is not enrolled with a server yet', 409);
    if (state.revoked) throw refusedAsRevoked();
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
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (err) {
      const message = `server unreachable: ${(err as Error).message}`;
      setState({ online: false, lastError: message });
      throw new HandlerError('server_unreachable', message, 503);
    }
    contact();
    const text = await res.text();
    const json = readJson(text);
    if (!res.ok) {
      const parsed = json.ok ? json.value : null;
      const p = (parsed ?? {}) as { code?: string; detail?: string; title?: string };
      if (res.status === 401 && p.code === CREDENTIAL_REVOKED) {
        revoked(p.detail ?? 'the server revoked this station credential');
        throw refusedAsRevoked();
      }
      if (res.status === 401) setState({ lastError: 'the server no longer accepts this station credential' });
      const details: ServerRefusal = { httpStatus: res.status, problem: parsed };
      throw new HandlerError(
        p.code ?? `http_${res.status}`,
        p.detail ?? p.title ?? `server answered ${res.status}`,
        res.status === 401 ? 401 : 502,
        details,
      );
    }
    const route = `${method} ${new URL(path, creds.serverUrl).pathname}`;
    if (!json.ok) throw ServerResponseInvalid.notJson(route, text);
    const read = answer.safeParse(json.value);
    if (!read.success) throw ServerResponseInvalid.of(route, read.error);
    return read.data;
  }

  /** A message on the live stream; one the station cannot read means something changed it cannot name: pull everything. */
  function streamMessage(data: string): StreamMessage {
    const json = readJson(data);
    const read = json.ok ? StreamMessage.safeParse(json.value) : null;
    if (read?.success) return read.data;
    const invalid = read
      ? ServerResponseInvalid.of('GET /v1/sync/stream', read.error)
      : ServerResponseInvalid.notJson('GET /v1/sync/stream', data);
    setState({ lastError: invalid.message });
    return 'RESYNC';
  }

  /** One life of the live stream; says why it ended: the server could not be reached, or it answered with a refusal. */
  async function streamOnce(): Promise<'unreachable' | 'refused'> {
    const creds = options.credentials();
    if (!creds || state.revoked) {
      await sleep(1000);
      return 'refused';
    }
    const abort = new AbortController();
    streamAbort = abort;
    let refused = false;
    let idle: NodeJS.Timeout | undefined;
    const armIdle = () => {
      clearTimeout(idle);
      idle = setTimeout(() => abort.abort(new Error('live stream went quiet')), idleMs);
    };
    try {
      const res = await fetch(new URL('/v1/sync/stream', creds.serverUrl), {
        headers: { authorization: `Bearer ${creds.credential}`, accept: 'text/event-stream' },
        signal: abort.signal,
      });
      if (res.status === 401) {
        const problem = (await res.json().catch(() => ({}))) as { code?: string; detail?: string };
        if (problem.code === CREDENTIAL_REVOKED) {
          revoked(problem.detail ?? 'the server revoked this station credential');
          return 'refused';
        }
      }
      if (!res.ok || !res.body) {
        refused = true;
        throw new Error(`live stream refused: HTTP ${res.status}`);
      }
      contact();
      armIdle();
      const decoder = new TextDecoder();
      let buffer = '';
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        armIdle();
        // A message or a heartbeat: the server answered.
        contact();
        buffer += decoder.decode(chunk, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = block
            .split('\n')
            .filter((l) => l.startsWith('data: '))
            .map((l) => l.slice(6))
            .join('\n');
          if (data) options.onStream(streamMessage(data));
        }
      }
      throw new Error('live stream closed by the server');
    } catch (err) {
      if (!stopped && !state.revoked) setState({ online: false, lastError: `server unreachable: ${(err as Error).message}` });
    } finally {
      clearTimeout(idle);
      streamAbort = null;
    }
    return refused ? 'refused' : 'unreachable';
  }

  async function run() {
    let backoff = 500;
    while (!stopped) {
      const startedAt = Date.now();
      const ended = await streamOnce();
      if (stopped) break;
      // Unreachable (refused connection, reset, silence) costs the server nothing: try again
      // every quarter second, so the station notices the server's return at once and drains its
      // outbox. A server that answers with a refusal backs off; a stream that lived a while was healthy.
      if (ended === 'unreachable') backoff = UNREACHABLE_RETRY_MS;
      else backoff = Date.now() - startedAt > 10_000 ? 500 : Math.min(backoff * 2, 5_000);
      await new Promise<void>((resolve) => {
        // Jitter: stations that lost the server together do not all knock in the same instant.
        const t = setTimeout(resolve, backoff * (0.8 + Math.random() * 0.4));
        wake = () => {
          clearTimeout(t);
          resolve();
        };
      });
      wake = null;
    }
  }
  void run();

  return {
    request,
    state: () => state,
    /** Reconnect now (after enrollment or a settings change); a new enrollment lifts a revocation. */
    reconnect() {
      if (state.revoked) setState({ revoked: null, lastError: null });
      streamAbort?.abort(new Error('reconnecting'));
      wake?.();
    },
    stop() {
      stopped = true;
      streamAbort?.abort(new Error('stopping'));
      wake?.();
    },
  };
}
export type ServerLink = ReturnType<typeof createServerLink>;

/** The `details` of a HandlerError for a request the server answered with an error: its status and problem body (unparsed). */
export interface ServerRefusal {
  httpStatus: number;
  problem: unknown;
}

const UNREACHABLE_RETRY_MS = 250;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function readJson(text: string): { ok: true; value: unknown } | { ok: false } {
  if (!text) return { ok: true, value: null };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

import { CREDENTIAL_REVOKED } from '../../shared/contract/index';
import { StreamMessage } from '../../shared/sync/sync-protocol';
import { readJson, type LinkStatus } from './server-link-status';
import { ServerResponseInvalid } from './server-response-invalid';

export interface LiveStreamOptions {
  credentials: () => { serverUrl: string; credential: string } | null;
  onStream: (message: StreamMessage) => void;
  /** No byte (data or heartbeat) for this long means the link is dead. */
  idleMs: number;
  status: LinkStatus;
  onRevoked: (detail: string) => void;
}

/** After a connection that got no answer at all (refused, reset): cheap for the server, so soon. */
const UNREACHABLE_RETRY_MS = 100;
/** After a stream that was open and ended (a server restarting closes it, or it went quiet). */
const ENDED_RETRY_MS = 250;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The live stream that tells the renderer to pull: kept open, and opened again whenever it ends, until stopped. */
export function startLiveStream(options: LiveStreamOptions) {
  const { status } = options;
  let stopped = false;
  let streamAbort: AbortController | null = null;
  let wake: (() => void) | null = null;

  /** One life of the live stream; says why it ended: the server could not be reached, an open stream ended, or it answered with a refusal. */
  async function streamOnce(): Promise<'unreachable' | 'ended' | 'refused'> {
    const creds = options.credentials();
    if (!creds || status.current().revoked) {
      await sleep(1000);
      return 'refused';
    }
    const abort = new AbortController();
    streamAbort = abort;
    let refused = false;
    let answered = false;
    let idle: NodeJS.Timeout | undefined;
    const armIdle = () => {
      clearTimeout(idle);
      idle = setTimeout(() => abort.abort(new Error('live stream went quiet')), options.idleMs);
    };
    try {
      const res = await fetch(new URL('/v1/sync/stream', creds.serverUrl), {
        headers: { authorization: `Bearer ${creds.credential}`, accept: 'text/event-stream' },
        signal: abort.signal,
      });
      answered = true;
      if (res.status === 401) {
        const problem = (await res.json().catch(() => ({}))) as { code?: string; detail?: string };
        if (problem.code === CREDENTIAL_REVOKED) {
          options.onRevoked(problem.detail ?? 'the server revoked this station credential');
          return 'refused';
        }
      }
      if (!res.ok || !res.body) {
        refused = true;
        throw new Error(`live stream refused: HTTP ${res.status}`);
      }
      status.contact();
      armIdle();
      // A message or a heartbeat: the server answered.
      const heard = () => {
        armIdle();
        status.contact();
      };
      for await (const data of serverSentData(res.body as unknown as AsyncIterable<Uint8Array>, heard)) {
        options.onStream(streamMessage(data, status));
      }
      throw new Error('live stream closed by the server');
    } catch (err) {
      if (!stopped && !status.current().revoked) status.set({ online: false, lastError: `server unreachable: ${(err as Error).message}` });
    } finally {
      clearTimeout(idle);
      streamAbort = null;
    }
    return refused ? 'refused' : answered ? 'ended' : 'unreachable';
  }

  async function run() {
    let backoff = 500;
    while (!stopped) {
      const startedAt = Date.now();
      const ended = await streamOnce();
      if (stopped) break;
      // Unreachable (refused connection, reset) costs the server nothing: try again every tenth
      // of a second, so the station notices the server's return at once and drains its outbox.
      // A stream that lived a while was healthy: open it again soon. A server that answers with a
      // refusal, or ends streams at once, backs off.
      const lived = Date.now() - startedAt > 10_000;
      if (ended === 'unreachable') backoff = UNREACHABLE_RETRY_MS;
      else if (ended === 'ended' && lived) backoff = ENDED_RETRY_MS;
      else backoff = lived ? 500 : Math.min(backoff * 2, 5_000);
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
    /** Ends the current life of the stream (the loop opens it again unless stopped). */
    abort: (reason: string) => streamAbort?.abort(new Error(reason)),
    /** Open it again now, without waiting out the backoff. */
    reconnect() {
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

/** The data of each server-sent event in a body; `onBytes` is told of every chunk (the idle timer). */
async function* serverSentData(body: AsyncIterable<Uint8Array>, onBytes: () => void): AsyncGenerator<string> {
  const decoder = new TextDecoder();
  let buffer = '';
  for await (const chunk of body) {
    onBytes();
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
      if (data) yield data;
    }
  }
}

/** A message on the live stream; one the station cannot read means something changed it cannot name: pull everything. */
function streamMessage(data: string, status: LinkStatus): StreamMessage {
  const json = readJson(data);
  const read = json.ok ? StreamMessage.safeParse(json.value) : null;
  if (read?.success) return read.data;
  const invalid = read
    ? ServerResponseInvalid.of('GET /v1/sync/stream', read.error)
    : ServerResponseInvalid.notJson('GET /v1/sync/stream', data);
  status.set({ lastError: invalid.technical });
  return 'RESYNC';
}

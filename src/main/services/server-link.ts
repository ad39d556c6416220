import type { ConnectionState } from '../../shared/contract/index';
import type { StreamMessage } from '../../shared/sync/sync-protocol';
import { startLiveStream } from './live-stream';
import { createLinkStatus } from './server-link-status';
import { serverRequester } from './server-request';

export type { ServerRefusal } from './server-request';

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
export function createServerLink(options: ServerLinkOptions) {
  const status = createLinkStatus(options.onConnection);
  /** The server revoked this credential: stop talking to it until the station is enrolled again (reconnect). */
  const onRevoked = (detail: string) => {
    status.markRevoked(detail);
    stream.abort('revoked');
  };
  // onRevoked runs only after the stream's first fetch answers, so `stream` is set by then.
  const stream = startLiveStream({
    credentials: options.credentials,
    onStream: options.onStream,
    idleMs: options.streamIdleMs ?? 45_000,
    status,
    onRevoked,
  });

  return {
    request: serverRequester({ credentials: options.credentials, timeoutMs: options.requestTimeoutMs ?? 15_000, status, onRevoked }),
    state: () => status.current(),
    /** Reconnect now (after enrollment or a settings change); a new enrollment lifts a revocation. */
    reconnect() {
      status.liftRevocation();
      stream.reconnect();
    },
    stop: () => stream.stop(),
  };
}
export type ServerLink = ReturnType<typeof createServerLink>;

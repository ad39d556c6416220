import { DEVICE_TOKEN_HEADER } from '../../shared/contract/index';
import type { DeviceTokenKeeper } from './device-token';

/**
 * The station host's pushes for this device (server-sent events on GET /api/events). Read with
 * fetch rather than EventSource, which cannot send the device token header. Reconnects with
 * backoff for as long as it is open; a token the host does not know is replaced first.
 */
export function openEventStream(
  baseUrl: string,
  tokens: DeviceTokenKeeper,
  onEvent: (name: string, payload: unknown) => void,
  /** Whether the station host is answering: the stream is open (true), or it failed or ended (false). */
  onHost: (reachable: boolean) => void = () => {},
): () => void {
  const abort = new AbortController();
  void (async () => {
    let backoffMs = 500;
    while (!abort.signal.aborted) {
      try {
        const token = await tokens.get();
        const res = await fetch(`${baseUrl}/api/events`, {
          headers: { [DEVICE_TOKEN_HEADER]: token, accept: 'text/event-stream' },
          cache: 'no-store',
          signal: abort.signal,
        });
        if (res.status === 401) tokens.forget(token);
        else if (res.ok && res.body) {
          backoffMs = 500;
          onHost(true);
          await readEvents(res.body, onEvent);
        }
      } catch {
        /* the host is down or restarting: try again below */
      }
      if (abort.signal.aborted) break;
      // A host that answers opens the stream again at once; one that does not is down meanwhile.
      onHost(false);
      await new Promise((resolve) => setTimeout(resolve, backoffMs));
      backoffMs = Math.min(backoffMs * 2, 5_000);
    }
  })();
  return () => abort.abort();
}

async function readEvents(body: ReadableStream<Uint8Array>, onEvent: (name: string, payload: unknown) => void): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += decoder.decode(value, { stream: true });
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const message = parseEventBlock(block);
      if (message) onEvent(message.name, message.payload);
    }
  }
}

/** One server-sent event ("event: name" and "data: json" lines); null for a comment (heartbeat). */
export function parseEventBlock(block: string): { name: string; payload: unknown } | null {
  let name = 'message';
  const data: string[] = [];
  for (const line of block.split('\n')) {
    if (line.startsWith('event: ')) name = line.slice('event: '.length);
    else if (line.startsWith('data: ')) data.push(line.slice('data: '.length));
  }
  return data.length ? { name, payload: JSON.parse(data.join('\n')) as unknown } : null;
}

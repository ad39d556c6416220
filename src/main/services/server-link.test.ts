import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { SyncHello } from '../../shared/sync/sync-protocol';
import type { HandlerError } from '../../shared/contract/dispatch';
import { createServerLink, type ServerLink } from './server-link';
import { SERVER_ANSWER_UNREADABLE } from './server-response-invalid';
import { SERVER_SLOW } from './server-request';

/**
 * What the station does with a server's answer that is not what the shared schema says: a
 * specific error naming the route and the first bad field, never a cast. The server here is a
 * tiny node:http one answering fixed bodies (an outside edge: a server of another version, a proxy).
 */
const answers: Record<string, { status?: number; body: string }> = {
  '/v1/sync/hello': { body: JSON.stringify({ stationId: 'a', warehouseId: 'b', lastSeq: '12', serverTime: '2026-06-01T08:00:00.000Z' }) },
  '/v1/sync/hello-ok': { body: JSON.stringify({ stationId: 'a', warehouseId: 'b', lastSeq: 12, serverTime: '2026-06-01T08:00:00.000Z' }) },
  '/v1/sync/html': { body: '<html>502 Bad Gateway</html>' },
  '/v1/sync/refused': { status: 409, body: JSON.stringify({ code: 'already_done', detail: 'done before' }) },
};
let server: Server;
let link: ServerLink;
let credentials: () => { serverUrl: string; credential: string };

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = new URL(req.url!, 'http://x').pathname;
    // A live stream that stays open, as a server's does: the link is online while it lasts.
    if (path === '/v1/sync/stream') return void res.writeHead(200, { 'content-type': 'text/event-stream' }).write(': open\n\n');
    if (path === '/v1/sync/slow') return void setTimeout(() => res.writeHead(200).end(answers['/v1/sync/hello-ok']!.body), 1_000);
    const answer = answers[path];
    res.writeHead(answer ? (answer.status ?? 200) : 404, { 'content-type': 'application/json' });
    res.end(answer?.body ?? '{"code":"not_found"}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const serverUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  credentials = () => ({ serverUrl, credential: 'dks_station_test' });
  link = createServerLink({
    credentials,
    onConnection: () => {},
    onStream: () => {},
  });
});
afterAll(async () => {
  link.stop();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe("the station's link reading the server's answers", () => {
  it('refuses an answer of the wrong shape with server_response_invalid, naming the route and the field', async () => {
    const refused = link.request(SyncHello, 'GET', '/v1/sync/hello');
    await expect(refused).rejects.toMatchObject({
      code: 'server_response_invalid',
      status: 502,
      details: { route: 'GET /v1/sync/hello', field: 'lastSeq' },
    });
    // Staff read what happened and what to do; the route and the field are for support.
    await expect(refused).rejects.toThrow(SERVER_ANSWER_UNREADABLE);
    await expect(refused).rejects.toMatchObject({
      details: { technical: expect.stringMatching(/GET \/v1\/sync\/hello .* at lastSeq: .*expected number/) },
    });
  });

  it('refuses an answer that is not JSON, saying so', async () => {
    await expect(link.request(SyncHello, 'GET', '/v1/sync/html')).rejects.toMatchObject({
      code: 'server_response_invalid',
      message: SERVER_ANSWER_UNREADABLE,
      details: { route: 'GET /v1/sync/html', field: '', technical: expect.stringContaining('not JSON') },
    });
  });

  it('returns a well-formed answer as parsed, and passes a refusal on with its code', async () => {
    await expect(link.request(SyncHello, 'GET', '/v1/sync/hello-ok')).resolves.toEqual({
      stationId: 'a',
      warehouseId: 'b',
      lastSeq: 12,
      serverTime: '2026-06-01T08:00:00.000Z',
    });
    await expect(link.request(SyncHello, 'POST', '/v1/sync/refused', {})).rejects.toMatchObject({
      code: 'already_done',
      message: 'done before',
      // Passed on as the server said it, not as a gateway failure.
      status: 409,
    });
  });

  it('says a server that answers too late is slow, and leaves the station online: the live stream says whether it is', async () => {
    // The slow route answers after a second; this link waits 0.3 s unless a request says otherwise.
    const hasty = createServerLink({ credentials, onConnection: () => {}, onStream: () => {}, requestTimeoutMs: 300 });
    try {
      await vi.waitFor(() => expect(hasty.state().online).toBe(true), { timeout: 10_000 });
      await expect(hasty.request(SyncHello, 'GET', '/v1/sync/slow')).rejects.toMatchObject({
        code: 'server_unreachable',
        message: SERVER_SLOW,
        details: { technical: expect.stringMatching(/^server slow: /) },
      });
      expect(hasty.state()).toMatchObject({ online: true, lastError: null });
      // A request given more time (a push, waiting its turn behind the station's others) gets its answer.
      await expect(hasty.request(SyncHello, 'GET', '/v1/sync/slow', undefined, {}, { timeoutMs: 10_000 })).resolves.toMatchObject({
        lastSeq: 12,
      });
    } finally {
      hasty.stop();
    }
  });

  it('says a server it cannot reach in words, the fetch error kept for support', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const address = closed.address();
    await new Promise((resolve) => closed.close(resolve));
    const nowhere = createServerLink({
      credentials: () => ({
        serverUrl: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`,
        credential: 'dks_station_test',
      }),
      onConnection: () => {},
      onStream: () => {},
    });
    try {
      const refused = await nowhere.request(SyncHello, 'GET', '/v1/sync/hello-ok').then(
        () => Promise.reject(new Error('a closed port answered')),
        (e: unknown) => e as HandlerError,
      );
      expect(refused).toMatchObject({
        code: 'server_unreachable',
        message: 'The server cannot be reached: try again once the station is back online',
      });
      expect(refused.details).toEqual({ technical: expect.stringMatching(/^server unreachable: /) });
      expect(nowhere.state().lastError).toMatch(/^server unreachable: /);
    } finally {
      nowhere.stop();
    }
  });
});

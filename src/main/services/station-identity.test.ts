import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HandlerError } from '../../shared/contract/dispatch';
import { fileSecretStore } from './secret-store';
import { createStationIdentity } from './station-identity';

/**
 * What the enrol screen says when enrolling fails: in the words of whoever sets the station up,
 * the fetch error, the status and the server's own answer kept for support. The servers here are
 * tiny node:http ones answering fixed bodies: a Dockside server refusing the code, a web server
 * that is no Dockside server, and a port where nothing answers.
 */
const REFUSED = {
  status: 422,
  body: JSON.stringify({
    code: 'enrollment_code_invalid',
    detail: 'the enrollment code is unknown, used or expired; ask an admin for a new one',
  }),
};
/** What the server answers the next enrolment. */
let answer = REFUSED;
let server: Server;
let origin: string;
const dataDir = mkdtempSync(join(tmpdir(), 'dockside-enrol-'));
const identity = createStationIdentity(dataDir, fileSecretStore(dataDir));

/** The error enrolling at `serverUrl` ends in. */
const enrolling = (serverUrl: string) =>
  identity.enroll(serverUrl, 'abcd1234-secret').then(
    () => Promise.reject(new Error('it enrolled')),
    (e: unknown) => e as HandlerError,
  );

beforeAll(async () => {
  server = createServer((req, res) => {
    res.writeHead(answer.status, { 'content-type': answer.body.startsWith('<') ? 'text/html' : 'application/json' });
    res.end(answer.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  rmSync(dataDir, { recursive: true, force: true });
});

describe('enrolling a station that fails', () => {
  it('says a server that does not answer in words, the fetch error kept for support', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const address = closed.address();
    await new Promise((resolve) => closed.close(resolve));
    const nowhere = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    const error = await enrolling(nowhere);
    expect(error).toMatchObject({
      code: 'server_unreachable',
      message: `The server at ${nowhere} does not answer: check the address, and that this station is online, then try again`,
    });
    expect(error.details).toEqual({ technical: expect.stringMatching(new RegExp(`^cannot reach ${nowhere}: fetch failed`)) });
    // A proxy in front of it saying so is the same.
    answer = { status: 502, body: '<html>502 Bad Gateway</html>' };
    expect(await enrolling(origin)).toMatchObject({
      code: 'server_unreachable',
      details: { technical: expect.stringContaining('answered 502') },
    });
  });

  it('says an address that is none', async () => {
    const error = await enrolling('orders dot example');
    expect(error).toMatchObject({
      code: 'server_address_invalid',
      message: expect.stringMatching(/^"orders dot example" is not a server address: /),
    });
  });

  it('says a server refusing the code in words, its own answer kept for support', async () => {
    answer = REFUSED;
    expect(await enrolling(origin)).toMatchObject({
      code: 'enrollment_code_invalid',
      message: 'The server refused this enrollment code: it is unknown, already used or expired. Ask an admin for a new one',
      details: { technical: expect.stringMatching(/^POST \/v1\/stations\/enroll answered 422: .*enrollment_code_invalid/) },
    });
  });

  it('says an address that is not a Dockside server, whether it refuses or answers something else', async () => {
    // Another web server's page, and an answer with no credential.
    for (const other of [
      { status: 404, body: '<html>Not Found</html>' },
      { status: 200, body: '{"ok":true}' },
    ]) {
      answer = other;
      const error = await enrolling(origin);
      expect(error).toMatchObject({
        code: 'not_a_dockside_server',
        message: `The server at ${origin} is not a Dockside server: check the address with an admin`,
        details: { technical: expect.stringContaining(`answered ${other.status}`) },
      });
    }
    expect(identity.get().enrolled).toBe(false);
  });
});

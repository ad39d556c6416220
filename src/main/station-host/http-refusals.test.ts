import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEVICE_TOKEN_HEADER } from '../../shared/contract/index';
import { MAX_BODY_BYTES } from './http-transport';
import { startTestStationHost, type TestStationHost } from './testing/test-station-host';

/**
 * Issue 10 at the station host: what a browser, a handheld or a hostile page sends wrong gets a
 * clear 4xx with a problem+json body (and the code the station client reads), never a 500 or a
 * reset connection.
 */
let host: TestStationHost;
let baseUrl: string;
let token: string;

beforeAll(async () => {
  host = await startTestStationHost();
  baseUrl = host.baseUrl;
  // A paired device (pairing itself is tested in device-pairing.test.ts): these tests are about what it is refused.
  token = host.devices.issue().deviceToken;
});
afterAll(() => host.stop());

async function problemOf(res: Response) {
  expect(res.headers.get('content-type')).toBe('application/problem+json');
  const body = (await res.json()) as {
    status: number;
    code: string;
    detail: string;
    ok: boolean;
    error: { code: string; message: string };
  };
  // The problem+json fields, and the call-reply fields the renderer's station client reads.
  expect(body).toMatchObject({ status: res.status, ok: false, error: { code: body.code, message: body.detail } });
  return body;
}

const call = (path: string, init: RequestInit & { headers?: Record<string, string> } = {}) =>
  fetch(`${baseUrl}${path}`, {
    method: 'POST',
    ...init,
    headers: { 'content-type': 'application/json', [DEVICE_TOKEN_HEADER]: token, ...init.headers },
  });

describe('station host refusals', () => {
  it.each([['null'], ['not a url'], ['http://['], ['http://evil.example']])(
    'refuses Origin: %s with 403 foreign_origin',
    async (origin) => {
      const res = await call('/api/call/settings.get', { body: '{}', headers: { origin } });
      expect(res.status).toBe(403);
      expect((await problemOf(res)).code).toBe('foreign_origin');
    },
  );

  it.each([['/api/call/%zz'], ['/api/call/settings.get%'], ['/api/call/%E0%A4%A'], ['/api/call/a%00b']])(
    'refuses a malformed escape or U+0000 in the handler name (%s) with 400 bad_encoding',
    async (path) => {
      const res = await call(path, { body: '{}' });
      expect(res.status).toBe(400);
      expect((await problemOf(res)).code).toBe('bad_encoding');
    },
  );

  it.each([['/%zz'], ['/assets/%FF.js'], ['/a%00b.html']])(
    'refuses a malformed escape or U+0000 in a page path (%s) with 400 bad_encoding',
    async (path) => {
      const res = await fetch(`${baseUrl}${path}`);
      expect(res.status).toBe(400);
      expect((await problemOf(res)).code).toBe('bad_encoding');
    },
  );

  it('answers a body over the limit with 413 body_too_large, sent whole, and keeps serving', async () => {
    const res = await call('/api/call/settings.get', { body: JSON.stringify({ arg: 'x'.repeat(MAX_BODY_BYTES + 1) }) });
    expect(res.status).toBe(413);
    expect((await problemOf(res)).code).toBe('body_too_large');
    expect((await call('/api/call/settings.get', { body: '{}' })).status).toBe(200);
  });

  it('answers its other refusals as problem+json too', async () => {
    const unknown = await call('/api/call/printing.format-hard-drive', { body: '{}' });
    expect(unknown.status).toBe(404);
    expect((await problemOf(unknown)).code).toBe('unknown_handler');
    const malformed = await call('/api/call/settings.get', { body: '{"arg":' });
    expect(malformed.status).toBe(400);
    expect((await problemOf(malformed)).code).toBe('malformed_body');
    const noToken = await fetch(`${baseUrl}/api/events`);
    expect(noToken.status).toBe(401);
    expect((await problemOf(noToken)).code).toBe('device_not_paired');
  });
});

import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';
import { HANDLER_NAMES, type StationEventName } from '../../shared/contract/index';
import { dispatch, HandlerError } from '../../shared/contract/dispatch';
import type { StationServices } from '../services/station-services';
import { CONTENT_SECURITY_POLICY } from './content-security-policy';
import { createDeviceAdmission } from './device-admission';
import type { DeviceTokens } from './device-tokens';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.wav': 'audio/wav', '.json': 'application/json', '.ico': 'image/x-icon',
};

export interface StationHttpOptions {
  /** The devices paired with this host. */
  devices: DeviceTokens;
  allowedHostnames?: readonly string[];
}

/**
 * The station handler map over HTTP: POST /api/call/<name> with {"arg": ...}, and the main ->
 * renderer pushes as server-sent events on GET /api/events. Also serves the built renderer.
 * Each browser or handheld is a device: it pairs through POST /api/devices (see device-admission)
 * and sends its token in the Dockside-Device-Token header on calls and on the event stream, which
 * carries only its pushes. Unpaired callers are refused.
 */
export function createStationHttpServer(services: StationServices, rendererDir: string, options: StationHttpOptions): Server {
  const root = resolve(rendererDir);
  const admission = createDeviceAdmission({ devices: options.devices, pairing: services.pairing, readBody: (req) => readBody(req, 4096) });
  const allowedHostnames = options.allowedHostnames ?? ['127.0.0.1', 'localhost', '[::1]'];
  const streams = new Set<ServerResponse>();

  const server = createServer(async (req, res) => {
    try {
      if (!sameOriginRequest(req, allowedHostnames)) return sendJson(res, 403, { ok: false, error: { code: 'foreign_origin', message: 'requests must come from the station page itself' } });
      const url = new URL(req.url ?? '/', 'http://station.local');
      // First contact of a browser or handheld: it pairs (the station's own page by itself, any other with the code).
      if (url.pathname === '/api/devices' && req.method === 'POST') return await admission.pair(req, res);
      if (url.pathname === '/api/contract' && req.method === 'GET') return sendJson(res, 200, { handlers: HANDLER_NAMES });
      if (url.pathname.startsWith('/api/call/') && req.method === 'POST') {
        const deviceId = admission.callingDevice(req, res);
        if (deviceId) await handleCall(req, res, decodeURIComponent(url.pathname.slice('/api/call/'.length)), deviceId);
        return;
      }
      if (url.pathname === '/api/events' && req.method === 'GET') {
        const deviceId = admission.callingDevice(req, res);
        if (deviceId) openEventStream(req, res, deviceId);
        return;
      }
      if (req.method === 'GET' || req.method === 'HEAD') return serveStatic(res, root, url.pathname);
      sendJson(res, 405, { ok: false, error: { code: 'method_not_allowed', message: `${req.method} is not served here` } });
    } catch (err) {
      sendJson(res, 500, { ok: false, error: { code: 'internal_error', message: (err as Error).message } });
    }
  });

  async function handleCall(req: IncomingMessage, res: ServerResponse, name: string, deviceId: string) {
    if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
      return sendJson(res, 415, { ok: false, error: { code: 'unsupported_media_type', message: 'send application/json' } });
    }
    let body: { arg?: unknown };
    try {
      body = JSON.parse((await readBody(req)) || '{}') as { arg?: unknown };
    } catch {
      return sendJson(res, 400, { ok: false, error: { code: 'malformed_body', message: 'the body is not JSON' } });
    }
    try {
      const result = await dispatch(services.handlers, name, body.arg, { deviceId });
      sendJson(res, 200, { ok: true, result: result ?? null });
    } catch (err) {
      if (err instanceof HandlerError) return sendJson(res, err.status, { ok: false, error: { code: err.code, message: err.message } });
      console.error(`station handler ${name} failed`, err);
      sendJson(res, 500, { ok: false, error: { code: 'internal_error', message: (err as Error).message } });
    }
  }

  function openEventStream(req: IncomingMessage, res: ServerResponse, deviceId: string) {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
    const send = (name: StationEventName, payload: unknown) => {
      if (!res.writableEnded) res.write(`event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`);
    };
    send('sync.connection', services.link.state());
    streams.add(res);
    const unsubscribe = services.events.subscribe(deviceId, send);
    // Who is signed in here, now: a page that reconnects (the host restarted, say) is never left showing a stale sign-in.
    services.handlers['station.people'](undefined, { deviceId }).then((people) => send('station.people-changed', people), () => undefined);
    const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), 15_000);
    req.on('close', () => {
      clearInterval(heartbeat);
      unsubscribe();
      streams.delete(res);
    });
  }

  server.on('close', () => {
    for (const s of streams) s.end();
  });
  return server;
}

/** Blocks other web pages (and DNS rebinding) from driving the station through the user's browser. */
function sameOriginRequest(req: IncomingMessage, allowedHostnames: readonly string[]): boolean {
  const host = req.headers.host ?? '';
  const hostname = host.replace(/:\d+$/, '');
  if (!allowedHostnames.includes(hostname)) return false;
  const origin = req.headers.origin;
  if (origin && new URL(origin).host !== host) return false;
  const fetchSite = req.headers['sec-fetch-site'];
  return !fetchSite || fetchSite === 'same-origin' || fetchSite === 'none';
}

function serveStatic(res: ServerResponse, root: string, pathname: string) {
  const relative = normalize(decodeURIComponent(pathname)).replace(/^([/\\])+/, '');
  let file = join(root, relative);
  if (!file.startsWith(root)) return sendJson(res, 403, { ok: false, error: { code: 'forbidden', message: 'outside the app' } });
  if (!existsSync(file) || statSync(file).isDirectory()) file = join(root, 'index.html');
  if (!existsSync(file)) {
    return sendJson(res, 503, { ok: false, error: { code: 'renderer_not_built', message: `no built renderer in ${root}; run npm run build` } });
  }
  const isIndex = file.endsWith('index.html');
  res.writeHead(200, {
    'content-type': MIME[extname(file)] ?? 'application/octet-stream',
    'cache-control': isIndex ? 'no-store' : 'public, max-age=31536000, immutable',
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
  });
  createReadStream(file).pipe(res);
}

function readBody(req: IncomingMessage, limit = 2 * 1024 * 1024): Promise<string> {
  return new Promise((resolveBody, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        reject(new Error('body too large'));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolveBody(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

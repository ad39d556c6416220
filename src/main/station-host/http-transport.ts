import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';
import { HANDLER_NAMES, JOBS_SHOWN, type StationEventName } from '../../shared/contract/index';
import { dispatch, HandlerError } from '../../shared/contract/dispatch';
import { appResources } from '../../documents/app-resources';
import type { StationServices } from '../services/station-services';
import { CONTENT_SECURITY_POLICY } from './content-security-policy';
import { decodedOrNull, sendProblem } from './problem-reply';
import { createDeviceAdmission } from './device-admission';
import type { DeviceTokens } from './device-tokens';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.wav': 'audio/wav',
  '.json': 'application/json',
  '.ico': 'image/x-icon',
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
  const admission = createDeviceAdmission({
    devices: options.devices,
    pairing: services.pairing,
    readBody: async (req) => (await readBody(req)) ?? '',
  });
  const allowedHostnames = options.allowedHostnames ?? ['127.0.0.1', 'localhost', '[::1]'];
  const streams = new Set<ServerResponse>();

  const server = createServer(async (req, res) => {
    try {
      const origin = originRefusal(req, allowedHostnames);
      if (origin) return sendProblem(res, 403, 'foreign_origin', `requests must come from the station page itself (${origin})`);
      const url = parsedUrl(req.url);
      const pathname = url && decodedOrNull(url.pathname);
      if (pathname === null || pathname.includes('\u0000'))
        return sendProblem(res, 400, 'bad_encoding', 'the path holds a malformed percent-escape or U+0000');
      // First contact of a browser or handheld: it pairs (the station's own page by itself, any other with the code).
      if (pathname === '/api/devices' && req.method === 'POST') return await admission.pair(req, res);
      if (pathname === '/api/contract' && req.method === 'GET') return sendJson(res, 200, { handlers: HANDLER_NAMES });
      if (pathname.startsWith('/api/call/') && req.method === 'POST') {
        const deviceId = admission.callingDevice(req, res);
        if (deviceId) await handleCall(req, res, pathname.slice('/api/call/'.length), deviceId);
        return;
      }
      if (pathname === '/api/events' && req.method === 'GET') {
        const deviceId = admission.callingDevice(req, res);
        if (deviceId) openEventStream(req, res, deviceId);
        return;
      }
      // The app's icon from resources/, for the browser tab and a handheld's home screen.
      if (pathname === '/favicon.ico' && (req.method === 'GET' || req.method === 'HEAD')) return serveFile(res, appResources().favicon);
      if (req.method === 'GET' || req.method === 'HEAD') return serveStatic(res, root, pathname);
      sendProblem(res, 405, 'method_not_allowed', `${req.method} is not served here`);
    } catch (err) {
      console.error('station host request failed', err);
      sendProblem(res, 500, 'internal_error', (err as Error).message);
    }
  });

  async function handleCall(req: IncomingMessage, res: ServerResponse, name: string, deviceId: string) {
    if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
      req.resume();
      return sendProblem(res, 415, 'unsupported_media_type', 'send application/json');
    }
    const text = await readBody(req);
    if (text === null)
      return sendProblem(res, 413, 'body_too_large', `a call's body is at most ${MAX_BODY_BYTES} bytes`, { connection: 'close' });
    let body: { arg?: unknown };
    try {
      body = JSON.parse(text || '{}') as { arg?: unknown };
    } catch {
      return sendProblem(res, 400, 'malformed_body', 'the body is not JSON');
    }
    try {
      const result = await dispatch(services.handlers, name, body.arg, { deviceId });
      sendJson(res, 200, { ok: true, result: result ?? null });
    } catch (err) {
      if (err instanceof HandlerError) return sendProblem(res, err.status, err.code, err.message);
      console.error(`station handler ${name} failed`, err);
      sendProblem(res, 500, 'internal_error', (err as Error).message);
    }
  }

  function openEventStream(req: IncomingMessage, res: ServerResponse, deviceId: string) {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
    const send = (name: StationEventName, payload: unknown) => {
      if (!res.writableEnded) res.write(`event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`);
    };
    // The state main pushes, as it is now: pushes made while no stream was open (the page's first
    // connect, a host restart) are lost, and the page's own snapshot call can land after a newer push.
    send('sync.connection', services.link.state());
    send('carriers.changed', services.carriers.state());
    send('printing.sscc-stock-changed', services.ssccStock());
    // Read and sent in the same tick as the subscription below: no job update falls between them.
    send('printing.jobs-listed', services.print.listJobs({ limit: JOBS_SHOWN }));
    streams.add(res);
    const unsubscribe = services.events.subscribe(deviceId, send);
    // Who is signed in here, now: a page that reconnects (the host restarted, say) is never left showing a stale sign-in.
    services.handlers['station.people'](undefined, { deviceId }).then(
      (people) => send('station.people-changed', people),
      () => undefined,
    );
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

/**
 * Why a request is refused as not coming from the station page, or null. Blocks other web pages
 * (and DNS rebinding) from driving the station through the user's browser. `Origin: null` is an
 * opaque origin (a sandboxed frame, a file:// page): never the station page.
 */
function originRefusal(req: IncomingMessage, allowedHostnames: readonly string[]): string | null {
  const host = req.headers.host ?? '';
  const hostname = host.replace(/:\d+$/, '');
  if (!allowedHostnames.includes(hostname)) return `the host ${host || '(none)'} is not this station's`;
  const origin = req.headers.origin;
  if (origin !== undefined && originHost(origin) !== host) return `the origin ${origin.slice(0, 100)} is not this station's`;
  const fetchSite = req.headers['sec-fetch-site'];
  if (fetchSite && fetchSite !== 'same-origin' && fetchSite !== 'none') return `the request is ${fetchSite}`;
  return null;
}

function originHost(origin: string): string | null {
  if (!URL.canParse(origin)) return null;
  return new URL(origin).host;
}

/** The request target as a URL; null when it cannot be one (an absolute-form target that is not a URL). */
function parsedUrl(target: string | undefined): URL | null {
  const base = 'http://station.local';
  return URL.canParse(target ?? '/', base) ? new URL(target ?? '/', base) : null;
}

/** `pathname` is decoded already. */
function serveStatic(res: ServerResponse, root: string, pathname: string) {
  const relative = normalize(pathname).replace(/^([/\\])+/, '');
  let file = join(root, relative);
  if (!file.startsWith(root)) return sendProblem(res, 403, 'forbidden', 'outside the app');
  if (!existsSync(file) || statSync(file).isDirectory()) file = join(root, 'index.html');
  if (!existsSync(file)) return sendProblem(res, 503, 'renderer_not_built', `no built renderer in ${root}; run npm run build`);
  serveFile(res, file, file.endsWith('index.html') ? 'no-store' : 'public, max-age=31536000, immutable');
}

function serveFile(res: ServerResponse, file: string, cacheControl = 'public, max-age=86400') {
  res.writeHead(200, {
    'content-type': MIME[extname(file)] ?? 'application/octet-stream',
    'cache-control': cacheControl,
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
  });
  createReadStream(file).pipe(res);
}

/** A call's argument is small (a scan, a settings form); nothing a station sends comes near this. */
export const MAX_BODY_BYTES = 2 * 1024 * 1024;
/** Past this much more, a sender that will not stop is cut off instead of read to the end. */
const MAX_DRAIN_BYTES = 64 * 1024 * 1024;

/**
 * The body as text, or null when it is over MAX_BODY_BYTES. An oversized body is read to its end
 * and dropped, so the client, still sending, gets the 413 instead of a reset connection.
 */
function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolveBody, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= MAX_BODY_BYTES) chunks.push(c);
      else if (size > MAX_BODY_BYTES + MAX_DRAIN_BYTES) req.destroy();
    });
    req.on('end', () => resolveBody(size > MAX_BODY_BYTES ? null : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

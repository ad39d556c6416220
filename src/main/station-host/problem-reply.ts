import type { ServerResponse } from 'node:http';

const TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Device token required',
  403: 'Not allowed',
  404: 'Not found',
  405: 'Method not allowed',
  413: 'The body is too large',
  415: 'Send application/json',
  500: 'Internal error',
  503: 'Not available',
};

/**
 * Every refusal of the station host: application/problem+json with a stable code, as the central
 * server answers. It also carries the call-reply shape (`ok: false, error: {code, message}`) that
 * the renderer's station client reads, so one answer serves both readers.
 */
export function sendProblem(
  res: ServerResponse,
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
): void {
  if (res.headersSent) return void res.end();
  res.writeHead(status, { 'content-type': 'application/problem+json', 'cache-control': 'no-store', ...headers });
  res.end(
    JSON.stringify({
      type: `https://dockside.dev/problems/${code}`,
      title: TITLES[status] ?? 'Refused',
      status,
      code,
      detail: message,
      ok: false,
      error: { code, message },
    }),
  );
}

/** decodeURIComponent that answers null for a malformed escape (a lone %, %zz, bytes that are not UTF-8). */
export function decodedOrNull(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

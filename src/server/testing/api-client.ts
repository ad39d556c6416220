/*
 * The one "call the API" helper of every test runner (vitest and Playwright): it imports no
 * runner, so e2e specs use it as server tests do.
 */

/** What a call to the API answered: the status, the body parsed as JSON (else its text, or null when empty), the headers. */
export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export interface ApiCallOptions {
  body?: unknown;
  /** A bearer credential for this call; null sends none. Default: the client's. */
  token?: string | null;
  headers?: Record<string, string>;
}

export type ApiClient = <T = any>(method: string, path: string, options?: ApiCallOptions) => Promise<ApiResponse<T>>;

/** Calls a server's API over real HTTP, as `defaultToken` unless a call says otherwise. */
export function apiClient(baseUrl: string, defaultToken: string | null): ApiClient {
  return async (method, path, options = {}) => {
    const token = options.token === undefined ? defaultToken : options.token;
    const headers: Record<string, string> = { ...(options.headers ?? {}) };
    if (token) headers.authorization = `Bearer ${token}`;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(baseUrl + path, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    const text = await res.text();
    let body: any = text;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      /* not JSON: keep the text */
    }
    return { status: res.status, body, headers: res.headers };
  };
}

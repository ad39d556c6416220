import { vi } from 'vitest';

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
    const res = await fetch(baseUrl + path, { method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) });
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

/**
 * Polls `probe` until it returns something truthy and returns that. For things that happen in
 * the background (deliveries, jobs, replication); the timeout is generous because the CI machine
 * is loaded, and only a failing test ever waits for it.
 */
export function eventually<T>(what: string, probe: () => T | false | null | undefined | Promise<T | false | null | undefined>, options: { timeoutMs?: number } = {}): Promise<T> {
  return vi.waitFor(
    async () => {
      const value = await probe();
      if (!value) throw new Error(`gave up waiting for ${what}`);
      return value;
    },
    { timeout: options.timeoutMs ?? 20_000, interval: 50 },
  );
}

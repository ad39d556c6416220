import { CarrierApiError } from '../carrier-adapter';

/**
 * EasyPost's HTTP conventions: JSON over HTTPS under /v2, the API key as the Basic auth user name
 * with no password, and errors as `{"error": {"code", "message", "errors": [...]}}` with a 4xx or
 * 5xx status (docs.easypost.com/docs/errors). Every failure becomes a CarrierApiError.
 */
export interface EasyPostConnection {
  baseUrl: string;
  apiKey: string;
  timeoutMs: number;
}

interface EasyPostErrorBody {
  error?: { code?: string; message?: string; errors?: ({ field?: string; message?: string } | string)[] };
}

export async function easypostRequest<T>(c: EasyPostConnection, method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(new URL(`/v2${path}`, c.baseUrl), {
      method,
      headers: {
        authorization: `Basic ${Buffer.from(`${c.apiKey}:`).toString('base64')}`,
        accept: 'application/json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(c.timeoutMs),
    });
  } catch (error) {
    throw transportError(error, c.timeoutMs);
  }
  let text: string;
  try {
    text = await res.text();
  } catch (error) {
    throw transportError(error, c.timeoutMs);
  }
  if (res.ok) {
    try {
      return JSON.parse(text) as T;
    } catch {
      throw new CarrierApiError('carrier_failed', `the carrier API answered ${res.status} with a body that is not JSON`);
    }
  }
  throw errorOf(res.status, text);
}

function transportError(error: unknown, timeoutMs: number): CarrierApiError {
  const name = (error as Error).name;
  if (name === 'TimeoutError' || name === 'AbortError')
    return new CarrierApiError('carrier_timeout', `the carrier API did not answer within ${timeoutMs} ms`);
  return new CarrierApiError('carrier_unreachable', `the carrier API cannot be reached: ${(error as Error).message}`);
}

/** Maps EasyPost's error object onto our codes; its own code and field errors are kept. */
export function errorOf(status: number, text: string): CarrierApiError {
  let parsed: EasyPostErrorBody = {};
  try {
    parsed = JSON.parse(text) as EasyPostErrorBody;
  } catch {
    /* a proxy's HTML page: the status decides */
  }
  const code = parsed.error?.code ?? null;
  const message = parsed.error?.message ?? `the carrier API answered ${status}`;
  const fields = (parsed.error?.errors ?? []).map((e) =>
    typeof e === 'string' ? { field: '', message: e } : { field: e.field ?? '', message: e.message ?? '' },
  );
  const detail = [message, ...fields.map((f) => (f.field ? `${f.field}: ${f.message}` : f.message))].join('; ');
  const ours = (() => {
    if (code?.startsWith('ADDRESS.')) return 'address_invalid' as const;
    // EasyPost documents no code of its own for a stale rate; its postage failures say so in words.
    if (/expired/i.test(message) && status < 500) return 'rate_expired' as const;
    if (status === 401 || status === 403) return 'carrier_unauthorized' as const;
    if (status === 402) return 'carrier_payment_required' as const;
    if (status === 404) return 'carrier_not_found' as const;
    if (status === 408 || status === 504) return 'carrier_timeout' as const;
    if (status >= 500) return 'carrier_failed' as const;
    return 'carrier_refused' as const;
  })();
  return new CarrierApiError(ours, detail, code, fields);
}

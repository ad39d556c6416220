import { z } from 'zod';
import { HandlerError } from '../../shared/contract/dispatch';

const ROUTE = 'POST /v1/stations/enroll';

/** What a Dockside server answers a station that enrols with its code (server/stations/station-enrollment.ts). */
const EnrolledStation = z.object({
  stationId: z.string(),
  stationName: z.string(),
  warehouseId: z.string(),
  warehouseName: z.string(),
  credential: z.string(),
});
export type EnrolledStation = z.infer<typeof EnrolledStation>;

/**
 * The enrol screen's troubles in the words of the person setting up the station: what happened
 * (the address is none, the server there does not answer, is not a Dockside server, refused the
 * code) and what to do. The fetch error, the status and the server's own words are kept for
 * support in the error's details, as every request of the station does (server-request.ts).
 */
export function enrollUrl(serverUrl: string): URL {
  try {
    return new URL('/v1/stations/enroll', serverUrl);
  } catch (err) {
    throw new HandlerError(
      'server_address_invalid',
      `"${serverUrl}" is not a server address: type it as the admin gave it, like https://orders.example.com`,
      422,
      { technical: (err as Error).message },
    );
  }
}

/** The server at the address did not answer (nothing there, no network, a timeout). */
export function serverSilent(url: URL, err: unknown): HandlerError {
  const cause = (err as { cause?: { code?: string } }).cause?.code;
  return silent(url, `cannot reach ${url.origin}: ${(err as Error).message}${cause ? ` (${cause})` : ''}`);
}

const silent = (url: URL, technical: string) =>
  new HandlerError(
    'server_unreachable',
    `The server at ${url.origin} does not answer: check the address, and that this station is online, then try again`,
    503,
    { technical },
  );

/** The station's identity from the server's answer, or the answer's trouble said in words. */
export async function enrolledOrRefused(res: Response, url: URL): Promise<EnrolledStation> {
  const text = await res.text().catch(() => '');
  const technical = `${ROUTE} answered ${res.status}: ${text.slice(0, 200)}`;
  const body = readJson(text);
  const enrolled = EnrolledStation.safeParse(body);
  if (res.ok && enrolled.success) return enrolled.data;
  const problem = z.object({ code: z.string(), detail: z.string().optional() }).safeParse(body);
  // A gateway's own page: the server behind it is down. Any other answer with no problem of
  // Dockside's own (a web page, another service's answer): the address is someone else's.
  if (!problem.success && [502, 503, 504].includes(res.status)) throw silent(url, technical);
  if (!problem.success || res.ok)
    throw new HandlerError(
      'not_a_dockside_server',
      `The server at ${url.origin} is not a Dockside server: check the address with an admin`,
      502,
      { technical },
    );
  throw new HandlerError(problem.data.code, refusalWords(res.status, problem.data.code, url), res.status >= 500 ? 502 : 422, {
    technical,
  });
}

function refusalWords(status: number, code: string, url: URL): string {
  if (status >= 500) return `The server at ${url.origin} failed: try again in a minute, and tell an admin if it happens again`;
  if (code === 'enrollment_code_invalid')
    return 'The server refused this enrollment code: it is unknown, already used or expired. Ask an admin for a new one';
  if (status === 429) return 'The server refuses more tries for now, after too many wrong codes: try again in a few minutes';
  return 'The server refused this enrollment code: check it is typed as the admin gave it, or ask an admin for a new one';
}

function readJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

import type { FastifyRequest } from 'fastify';
import { Problem } from './problem';

/** Strong ETag of a versioned resource: the version in quotes. */
export function etagOf(version: number): string {
  return `"${version}"`;
}

/**
 * The version an If-Match header asks for: null when absent or "*" (any version), else the
 * number inside `"7"`, `W/"7"` or `7`. Several comma-separated tags are allowed (any may match).
 */
export function ifMatchVersions(request: FastifyRequest): number[] | null {
  const header = request.headers['if-match'];
  if (header === undefined) return null;
  const raw = Array.isArray(header) ? header.join(',') : header;
  if (raw.trim() === '*') return null;
  const versions = raw.split(',').map((tag) => /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(tag)?.[1]);
  if (versions.some((v) => v === undefined)) {
    throw new Problem(400, 'invalid_if_match', 'Bad If-Match header', 'If-Match must be an ETag this API sent, such as "3"');
  }
  return versions.map(Number);
}

/** A `version` number in a JSON body: clients that cannot send headers send the version they edit instead of If-Match. */
function bodyVersion(request: FastifyRequest): number[] | null {
  const body = request.body as { version?: unknown } | null | undefined;
  return body && typeof body === 'object' && !Buffer.isBuffer(body) && Number.isInteger(body.version) ? [body.version as number] : null;
}

/** The versions the client says it read: If-Match, else a body `version`; null when it names none (any version). */
export function wantedVersions(request: FastifyRequest): number[] | null {
  return ifMatchVersions(request) ?? bodyVersion(request);
}

/** Optimistic concurrency: refuses with 409 and the current version when If-Match (or a body `version`) names another one. */
export function requireVersion(request: FastifyRequest, current: number, what = 'resource'): void {
  const wanted = wantedVersions(request);
  if (wanted && !wanted.includes(current)) {
    throw new Problem(
      409,
      'version_mismatch',
      'Conflict',
      `the ${what} is at version ${current}, not ${wanted.join(' or ')}; reload it and retry`,
      {
        currentVersion: current,
        etag: etagOf(current),
      },
    );
  }
}

/** True when If-None-Match names the current version (the client's copy is fresh: answer 304). */
export function notModified(request: FastifyRequest, current: number): boolean {
  const header = request.headers['if-none-match'];
  if (typeof header !== 'string') return false;
  return header.split(',').some((t) => t.trim() === '*' || t.trim().replace(/^W\//, '') === etagOf(current));
}

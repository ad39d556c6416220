import type { HttpMethod, ResponseSpec } from './catalog';
import { ProblemSchema } from './resource-schemas';

/** A documented error answer: application/problem+json with a stable code. */
export const problem = (description: string): ResponseSpec => ({
  description,
  schema: ProblemSchema,
  contentType: 'application/problem+json',
});

/**
 * What a route answers: its result, or the errors every authenticated route can give (and, for a
 * command, its refusals with their stable codes).
 */
export function answers(
  method: HttpMethod,
  ok: ResponseSpec,
  o: { status?: number; refusals?: string } = {},
): Record<number, ResponseSpec> {
  const refusals: Record<number, ResponseSpec> =
    method === 'GET'
      ? {}
      : {
          409: problem(`a refused move, with its stable code${o.refusals ? `: ${o.refusals}` : ''}`),
          422: problem('a refused input, with its stable code'),
        };
  return {
    [o.status ?? 200]: ok,
    400: problem('validation_failed: the request is not valid (errors lists each field)'),
    401: problem('unauthorized, or credential_revoked: an admin revoked or replaced this credential'),
    429: problem('too_many_failed_attempts: too many failed authentications for this credential or address; see Retry-After'),
    403: problem('forbidden: the role may not do this, or it belongs to another warehouse'),
    404: problem('not_found'),
    ...refusals,
  };
}

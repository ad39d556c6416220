import { z } from 'zod';
import type { OperationSpec, ResponseSpec } from '../openapi/catalog';
import { ProblemSchema } from '../openapi/resource-schemas';

/** Small helpers to describe this area's routes in the server's OpenAPI catalog. */
const problem = (description: string): ResponseSpec => ({ description, schema: ProblemSchema, contentType: 'application/problem+json' });

export const IdParams = z.object({ id: z.string().uuid() });
export const OrderIdParams = z.object({ orderId: z.string().uuid() });

function refusals(codes: string | undefined): Record<number, ResponseSpec> {
  return { 409: problem(`a refused move, with its stable code${codes ? `: ${codes}` : ''}`), 422: problem('a refused input, with its stable code') };
}

export interface Op {
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  bodyOptional?: boolean;
  ok: ResponseSpec;
  okStatus?: number;
  /** Stable codes of the 409/422 refusals worth naming. */
  refusals?: string;
}

export function op(method: OperationSpec['method'], url: string, operationId: string, summary: string, tags: readonly string[], roles: readonly string[], o: Op): OperationSpec {
  return {
    method, url, operationId, summary, tags, roles,
    ...(o.params ? { params: o.params } : {}),
    ...(o.query ? { query: o.query } : {}),
    ...(o.body ? { body: o.body } : {}),
    ...(o.bodyOptional ? { bodyOptional: true } : {}),
    responses: {
      [o.okStatus ?? 200]: o.ok,
      400: problem('validation_failed: the request is not valid (errors lists each field)'),
      401: problem('unauthorized'),
      403: problem('forbidden: the role may not do this, or it belongs to another warehouse'),
      404: problem('not_found'),
      ...(method !== 'GET' ? refusals(o.refusals) : {}),
    },
  };
}

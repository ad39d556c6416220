import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';

/** An error a client should see as application/problem+json with a stable code. */
export class Problem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    readonly detail?: string,
    readonly extra: Record<string, unknown> = {},
    /** Response headers that go with it (Retry-After). */
    readonly headers: Record<string, string> = {},
  ) {
    super(detail ?? title);
  }
}

export const problems = {
  unauthorized: (detail = 'send a valid bearer credential') => new Problem(401, 'unauthorized', 'Authentication required', detail),
  forbidden: (detail: string) => new Problem(403, 'forbidden', 'Not allowed', detail),
  notFound: (what: string) => new Problem(404, 'not_found', 'Not found', `${what} was not found`),
  validation: (issues: z.core.$ZodIssue[]) =>
    new Problem(
      400,
      'validation_failed',
      'The request is not valid',
      issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '),
      {
        errors: issues.map((i) => ({ path: i.path.join('.'), message: i.message, code: i.code })),
      },
    ),
  conflict: (code: string, detail: string, extra: Record<string, unknown> = {}) => new Problem(409, code, 'Conflict', detail, extra),
  unprocessable: (code: string, detail: string, extra: Record<string, unknown> = {}) =>
    new Problem(422, code, 'Cannot be processed', detail, extra),
};

export function parseWith<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const r = schema.safeParse(value);
  if (!r.success) throw problems.validation(r.error.issues);
  return r.data;
}

export function sendProblem(reply: FastifyReply, request: FastifyRequest, p: Problem) {
  return reply
    .headers(p.headers)
    .status(p.status)
    .type('application/problem+json')
    .send({
      type: `https://dockside.dev/problems/${p.code}`,
      title: p.title,
      status: p.status,
      code: p.code,
      detail: p.detail,
      instance: request.url,
      ...p.extra,
    });
}

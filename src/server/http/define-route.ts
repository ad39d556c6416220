import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { document, type OperationSpec } from '../openapi/catalog';
import { parseWith } from './problem';

type Out<S> = S extends z.ZodType ? z.output<S> : Record<string, never>;

export interface RouteInput<P, Q, B> {
  request: FastifyRequest;
  reply: FastifyReply;
  params: Out<P>;
  query: Out<Q>;
  body: Out<B>;
}

export interface RouteOptions {
  /** The handler reads request.body itself (e.g. a signed raw body); the body schema only documents it. */
  bodyIsRaw?: boolean;
  /** The instance whose catalog documents the route, when registering inside an encapsulated plugin. */
  documentIn?: FastifyInstance;
}

/**
 * Registers a route and documents it from the same spec: params, query and body are validated
 * with the spec's zod schemas before the handler runs, and the OpenAPI document is generated
 * from those very schemas, so the two cannot drift apart.
 */
export function defineRoute<const S extends OperationSpec>(
  app: FastifyInstance,
  spec: S,
  handler: (input: RouteInput<S['params'], S['query'], S['body']>) => Promise<unknown>,
  options: RouteOptions = {},
): void {
  document(options.documentIn ?? app, spec);
  app.route({
    method: spec.method,
    url: spec.url,
    handler: async (request, reply) => {
      const params = spec.params ? parseWith(spec.params, request.params) : {};
      const query = spec.query ? parseWith(spec.query, request.query) : {};
      let body: unknown = {};
      if (spec.body && !options.bodyIsRaw) {
        const raw = request.body === undefined || request.body === null ? (spec.bodyOptional ? {} : request.body) : request.body;
        body = parseWith(spec.body, raw);
      }
      return handler({ request, reply, params, query, body } as RouteInput<S['params'], S['query'], S['body']>);
    },
  });
}

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { requireRole, type Authenticator, type Principal } from '../auth/principal';
import { catalogOf, type RouteSpec } from '../openapi/catalog';
import { Problem, parseWith, problems } from './problem';

type Out<S> = S extends z.ZodType ? z.output<S> : Record<string, never>;
/** A public route (roles: []) has no caller; every other route gets the authenticated, authorized one. */
type PrincipalOf<S extends RouteSpec> = S['roles'] extends readonly []
  ? undefined
  : S['scope'] extends 'station'
    ? Extract<Principal, { kind: 'station' }>
    : S['scope'] extends 'customer'
      ? Extract<Principal, { kind: 'customer' }>
      : S['scope'] extends 'at-station'
        ? Extract<Principal, { kind: 'station' | 'station-user' }>
        : Principal;

export interface RouteInput<S extends RouteSpec> {
  request: FastifyRequest;
  reply: FastifyReply;
  principal: PrincipalOf<S>;
  params: Out<S['params']>;
  query: Out<S['query']>;
  body: Out<S['body']>;
}

export interface RouteOptions {
  /** The handler reads request.body itself (e.g. a signed raw body); the body schema only documents it. */
  bodyIsRaw?: boolean;
  /** The instance whose catalog records the route, when registering inside an encapsulated plugin. */
  documentIn?: FastifyInstance;
  /** A body limit other than the server's (large imports). */
  bodyLimit?: number;
  /** Fastify route config, e.g. checksOwnText (http/request-guards.ts). */
  config?: { checksOwnText?: boolean };
}

/**
 * Declares a route once: who may call it, what it reaches, what it takes, what it answers, and
 * its handler. The spec's roles and scope are checked before anything of the request is parsed
 * (a caller without a credential gets 401, never a list of the body's fields); then params,
 * query and body are validated with the spec's zod schemas; and the OpenAPI document is
 * generated from that same spec, so none of them can drift apart.
 */
export function defineRoute<const S extends RouteSpec>(
  app: FastifyInstance,
  ctx: { auth: Authenticator },
  spec: S,
  handler: (input: RouteInput<S>) => Promise<unknown>,
  options: RouteOptions = {},
): void {
  if (spec.roles.length && !spec.scope) throw new Error(`${spec.method} ${spec.url}: an authenticated route names its scope`);
  catalogOf(options.documentIn ?? app).declared.push(spec);
  app.route({
    method: spec.method,
    url: spec.url,
    ...(options.bodyLimit ? { bodyLimit: options.bodyLimit } : {}),
    ...(options.config ? { config: options.config } : {}),
    // onRequest runs before the body is read or parsed.
    ...(spec.roles.length ? { onRequest: (request: FastifyRequest) => authorize(ctx.auth, request, spec) } : {}),
    handler: async (request, reply) => {
      const params = spec.params ? parseWith(spec.params, request.params) : {};
      const query = spec.query ? parseWith(spec.query, request.query) : {};
      let body: unknown = {};
      if (spec.body && !options.bodyIsRaw) {
        const raw = request.body === undefined || request.body === null ? (spec.bodyOptional ? {} : request.body) : request.body;
        body = parseWith(spec.body, spec.ifMatch ? withoutVersion(raw) : raw);
      }
      return handler({ request, reply, principal: request.principal, params, query, body } as RouteInput<S>);
    },
  });
}

/** The one place a declared route's roles and scope are enforced. */
async function authorize(auth: Authenticator, request: FastifyRequest, spec: RouteSpec): Promise<void> {
  const principal = await auth.authenticate(request);
  if (spec.scope === 'at-station') {
    if (principal.kind === 'api-key') throw problems.forbidden('this is for enrolled stations, and the people signed in at them');
    if (principal.kind === 'station-user' && !spec.roles.includes(principal.role)) {
      throw new Problem(
        403,
        'actor_not_authorized',
        'Not allowed',
        `${principal.name} is a ${principal.role}; this needs one of ${spec.roles.join(', ')}`,
      );
    }
  }
  requireRole(principal, ...spec.roles);
  if (spec.scope === 'unbound' && principal.warehouseId) {
    throw problems.forbidden('this spans every warehouse: use a credential that is not bound to a warehouse');
  }
  if (spec.scope === 'station' && principal.kind !== 'station')
    throw problems.forbidden('this is for enrolled stations, with their own credential');
  if (spec.scope === 'customer' && principal.kind !== 'customer') throw problems.forbidden('this is for customers, with a customer key');
}

/**
 * A body `version` is the If-Match of clients that cannot send headers (etag.ts reads it from the
 * raw body): transport, not content, so it is taken out before the strict schema sees the body.
 */
function withoutVersion(body: unknown): unknown {
  if (!body || typeof body !== 'object' || Array.isArray(body) || !('version' in body)) return body;
  const { version: _version, ...rest } = body as Record<string, unknown>;
  return rest;
}

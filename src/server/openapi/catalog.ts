import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import type { RouteRole } from '../auth/principal';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface ResponseSpec {
  description: string;
  schema?: z.ZodType;
  /** application/json unless said otherwise. */
  contentType?: string;
  /** Response headers worth documenting, e.g. ETag, Location. */
  headers?: readonly string[];
}

/**
 * Whose data an authenticated route reaches, beyond its roles:
 * - 'warehouse': a caller bound to a warehouse reaches only its warehouse's work; the domain code
 *   checks it on the entity it loads (or the filter it is given);
 * - 'unbound': only callers not bound to a warehouse (the route spans every warehouse); checked before the handler;
 * - 'station': only an enrolled station's own credential, for its warehouse; checked before the handler;
 * - 'at-station': an enrolled station's credential, alone or acting for the person signed in at it
 *   (Dockside-Acting-User), for its warehouse; a person whose role is not among the route's roles is
 *   refused with actor_not_authorized, the code a push gives for the same person; checked before the handler;
 * - 'global': configuration and reference data every warehouse shares;
 * - 'customer': only a customer key, for that customer's own orders; checked before the handler.
 */
export type RouteScope = 'warehouse' | 'unbound' | 'station' | 'at-station' | 'global' | 'customer';

/** One documented operation: the same schemas validate the request and generate OpenAPI. */
export interface OperationSpec {
  method: HttpMethod;
  url: string;
  operationId: string;
  summary: string;
  description?: string;
  tags: readonly string[];
  /** Roles that may call it (admin holds every role); empty = no credential needed. */
  roles: readonly string[];
  /** What the caller's warehouse binding restricts (see RouteScope). */
  scope?: RouteScope;
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  /** The body is optional (commands that take only optional fields). */
  bodyOptional?: boolean;
  bodyContentType?: string;
  responses: Readonly<Record<number, ResponseSpec>>;
  /** Accepts Idempotency-Key. */
  idempotent?: boolean;
  /** Honours If-Match (optimistic concurrency). */
  ifMatch?: boolean;
  /** Extra request headers, e.g. a webhook signature. */
  requestHeaders?: readonly { name: string; required: boolean; description: string }[];
}

/** A route's declaration (defineRoute): the spec authorizes the caller, validates the request and generates OpenAPI. */
export interface RouteSpec extends OperationSpec {
  roles: readonly RouteRole[];
}

export interface RouteCatalog {
  /** Routes declared with defineRoute: spec, roles, scope and handler in one place. */
  declared: RouteSpec[];
  /** Every route registered after tracking began, declared or not (a test holds it to the declared ones). */
  seen: { method: string; url: string }[];
}

const catalogs = new WeakMap<FastifyInstance, RouteCatalog>();
const names = new Map<z.ZodType, string>();

/** The catalog of one server instance (tests run several in a process). */
export function catalogOf(app: FastifyInstance): RouteCatalog {
  let c = catalogs.get(app);
  if (!c) {
    c = { declared: [], seen: [] };
    catalogs.set(app, c);
  }
  return c;
}

/** Records every route registered from now on; app.ts calls it before any route is added. */
export function trackRoutes(app: FastifyInstance): void {
  const c = catalogOf(app);
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) {
      if (method === 'HEAD' || method === 'OPTIONS') continue;
      c.seen.push({ method, url: route.url });
    }
  });
}

/** The operations the OpenAPI document describes: every declared route. */
export function documentedOperations(app: FastifyInstance): OperationSpec[] {
  return catalogOf(app).declared;
}

/** Gives a schema its component name in the OpenAPI document (otherwise it is named after its operation). */
export function named<S extends z.ZodType>(schema: S, name: string): S {
  names.set(schema, name);
  return schema;
}

export function nameOf(schema: z.ZodType): string | undefined {
  return names.get(schema);
}

/** Every named schema, so shared parts (Address, Actor...) become components wherever they appear. */
export function namedSchemas(): [z.ZodType, string][] {
  return [...names];
}
